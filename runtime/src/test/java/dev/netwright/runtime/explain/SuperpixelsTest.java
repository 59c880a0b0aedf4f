package dev.netwright.runtime.explain;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** LIME's and KernelSHAP's default segments: a grid on small images, SLIC superpixels that follow edges on larger ones. */
class SuperpixelsTest {

    /** 64×64 RGB: a red disc on a blue background, normalised around 0 as a model's input is. */
    private static double[] disc(InputLayout layout) {
        int h = layout.height();
        int w = layout.width();
        double[] x = new double[3 * h * w];
        for (int y = 0; y < h; y++) {
            for (int i = 0; i < w; i++) {
                boolean inside = inDisc(y, i);
                x[y * w + i] = inside ? 1.5 : -0.5; // red
                x[h * w + y * w + i] = -0.5; // green
                x[2 * h * w + y * w + i] = inside ? -0.5 : 1.2; // blue
            }
        }
        return x;
    }

    private static boolean inDisc(int y, int x) {
        return (y - 30) * (y - 30) + (x - 34) * (x - 34) < 15 * 15;
    }

    @Test
    void aLargerImageIsCutIntoSuperpixelsThatDoNotCrossAnEdge() {
        InputLayout layout = new InputLayout(64, 64, 3, false);
        Segments segments = Segments.defaultFor(layout, disc(layout));
        assertThat(segments.count()).as("about 49, as many as a 7×7 grid").isBetween(25, 80);
        Set<Integer> insideDisc = new HashSet<>();
        Set<Integer> outsideDisc = new HashSet<>();
        int[] of = segments.ofPixel();
        for (int p = 0; p < of.length; p++) {
            assertThat(of[p]).isBetween(0, segments.count() - 1);
            (inDisc(p / 64, p % 64) ? insideDisc : outsideDisc).add(of[p]);
        }
        insideDisc.retainAll(outsideDisc);
        assertThat(insideDisc).as("segments holding pixels both inside and outside the disc").isEmpty();
        Set<Integer> used = new HashSet<>();
        for (int s : of) {
            used.add(s);
        }
        assertThat(used).as("numbered without gaps").hasSize(segments.count());
    }

    @Test
    void a28By28ImageKeepsItsSevenBySevenGridAndARowItsFeatures() {
        InputLayout small = new InputLayout(28, 28, 1, false);
        Segments grid = Segments.defaultFor(small, new double[28 * 28]);
        assertThat(grid.count()).isEqualTo(49);
        assertThat(grid.ofPixel()[0]).isEqualTo(grid.ofPixel()[3 * 28 + 3]);
        InputLayout row = new InputLayout(1, 6, 1, false);
        assertThat(Segments.defaultFor(row, new double[6]).count()).isEqualTo(6);
    }

    @Test
    void kernelShapOnALargerImageGivesEachSuperpixelItsShareOfWhatTheModelLooksAt() throws Exception {
        InputLayout layout = new InputLayout(64, 64, 3, false);
        double[] x = disc(layout);
        Segments segments = Segments.defaultFor(layout, x);
        // the coalition value: the share of the disc's pixels that are switched on, as a model looking at the disc
        int[] discPixels = new int[segments.count()];
        int total = 0;
        for (int p = 0; p < 64 * 64; p++) {
            if (inDisc(p / 64, p % 64)) {
                discPixels[segments.ofPixel()[p]]++;
                total++;
            }
        }
        int all = total;
        CoalitionValue value = on -> {
            double[] out = new double[on.length];
            for (int s = 0; s < on.length; s++) {
                for (int k = 0; k < on[s].length; k++) {
                    out[s] += on[s][k] ? discPixels[k] / (double) all : 0;
                }
            }
            return out;
        };
        double[] phi = KernelShap.shapley(value, segments.count(), 2000, new java.util.Random(1));
        for (int k = 0; k < phi.length; k++) {
            assertThat(phi[k]).as("segment %d: its share of the disc", k)
                    .isCloseTo(discPixels[k] / (double) all, org.assertj.core.data.Offset.offset(1e-6));
        }
    }

    @Test
    void limeAndShapOnALargerImageUseItsSuperpixelsByDefault() throws Exception {
        var configuration = new org.deeplearning4j.nn.conf.NeuralNetConfiguration.Builder().seed(3)
                .dataType(org.nd4j.linalg.api.buffer.DataType.DOUBLE).graphBuilder().addInputs("in")
                .addLayer("conv", new org.deeplearning4j.nn.conf.layers.ConvolutionLayer.Builder(3, 3).nOut(2)
                        .activation(org.nd4j.linalg.activations.Activation.TANH).build(), "in")
                .addLayer("out", new org.deeplearning4j.nn.conf.layers.OutputLayer.Builder(
                        org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction.MCXENT).nOut(2)
                        .activation(org.nd4j.linalg.activations.Activation.SOFTMAX).build(), "conv")
                .setOutputs("out").setInputTypes(org.deeplearning4j.nn.conf.inputs.InputType.convolutional(64, 64, 3))
                .build();
        var graph = new org.deeplearning4j.nn.graph.ComputationGraph(configuration);
        graph.init();
        ClassifierModel model = ClassifierModel.of(graph, new long[] {3, 64, 64});
        InputLayout layout = InputLayout.of(model.exampleShape());
        double[] x = disc(layout);
        var input = org.nd4j.linalg.factory.Nd4j.create(x, model.batchShape(1), 'c');
        var baseline = org.nd4j.linalg.factory.Nd4j.zeros(input.dataType(), input.shape());
        int[] expected = Segments.defaultFor(layout, x).ofPixel();
        for (Explainer explainer : new Explainer[] {new Lime(null, 200, 1e-3, 1), new KernelShap(null, 200, 1)}) {
            Attribution attribution = explainer.explain(model, input, 0, baseline, Explainer.Progress.NONE);
            assertThat(attribution.segments()).as(explainer.name()).containsExactly(expected);
        }
    }
}
