package dev.netwright.bench.training;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.impl.scalar.Step;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Locale;

/**
 * Milliseconds per call of the libnd4j ops one seed-CNN training step is made of (batch 64, float), in the
 * layouts NCHW (DL4J's default) and NHWC, with platform helpers (oneDNN) allowed: conv2d and conv2d_bp of
 * the three convolutions, relu_bp on their outputs (and the step and product ReluActivation uses instead),
 * maxpool2d and maxpool2d_bp. An experiment for the engine work (docs/benchmarks.md, "Engine: the four
 * samples"): {@code java -cp ... ConvOpTiming [calls]}, {@code -Dwformat=0|1|2} for the weights' layout
 * (1, [out, in, kH, kW], is DL4J's); threads from OMP_NUM_THREADS.
 */
public final class ConvOpTiming {
    private ConvOpTiming() {
    }

    /** One convolution of the seed CNN: input channels, output channels, input height = width. */
    private record Conv(int in, int out, int size) {
        int outSize() {
            return size - 2;
        }
    }

    private static final Conv[] CONVS = {new Conv(1, 32, 28), new Conv(32, 64, 13), new Conv(64, 64, 5)};
    private static final int BATCH = 64;
    private static final int WFORMAT = Integer.getInteger("wformat", 1);

    public static void main(String[] args) {
        int calls = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        Nd4j.getEnvironment().allowHelpers(true);
        for (boolean nhwc : new boolean[] {false, true}) {
            double total = 0;
            for (Conv c : CONVS) {
                INDArray x = Nd4j.rand(DataType.FLOAT, image(nhwc, c.in(), c.size()));
                INDArray w = Nd4j.randn(DataType.FLOAT, WFORMAT == 0 ? new long[] {3, 3, c.in(), c.out()} : WFORMAT == 1 ? new long[] {c.out(), c.in(), 3, 3} : new long[] {c.out(), 3, 3, c.in()}).muli(0.1);
                INDArray b = Nd4j.zeros(DataType.FLOAT, c.out());
                INDArray z = Nd4j.create(DataType.FLOAT, image(nhwc, c.out(), c.outSize()));
                INDArray dz = Nd4j.rand(DataType.FLOAT, image(nhwc, c.out(), c.outSize()));
                INDArray dx = Nd4j.create(DataType.FLOAT, x.shape());
                INDArray dw = Nd4j.create(DataType.FLOAT, w.shape());
                INDArray db = Nd4j.create(DataType.FLOAT, b.shape());
                INDArray dzRelu = Nd4j.create(DataType.FLOAT, z.shape());
                double forward = OpTimer.msPerCall(calls, () -> Nd4j.exec(conv("conv2d", nhwc, new INDArray[] {x, w, b}, z)));
                double backward = OpTimer.msPerCall(calls, () -> Nd4j.exec(conv("conv2d_bp", nhwc, new INDArray[] {x, w, b, dz},
                        dx, dw, db)));
                double relu = OpTimer.msPerCall(calls, () -> Nd4j.exec(DynamicCustomOp.builder("relu_bp").addInputs(z, dz)
                        .addOutputs(dzRelu).addFloatingPointArguments(0.0).build()));
                // What ReluActivation does instead: a step (z > 0) and a product
                double stepAndProduct = OpTimer.msPerCall(calls, () -> {
                    Nd4j.exec(new Step(z, dzRelu, 0.0));
                    dzRelu.muli(dz);
                });
                String pooling = "";
                double poolTotal = 0;
                if (c.outSize() % 2 == 0 || c.outSize() == 11) {
                    int pooled = c.outSize() / 2;
                    INDArray p = Nd4j.create(DataType.FLOAT, image(nhwc, c.out(), pooled));
                    INDArray dp = Nd4j.rand(DataType.FLOAT, p.shape());
                    INDArray dPoolIn = Nd4j.create(DataType.FLOAT, z.shape());
                    double pf = OpTimer.msPerCall(calls, () -> Nd4j.exec(pool("maxpool2d", nhwc, new INDArray[] {z}, p)));
                    double pb = OpTimer.msPerCall(calls, () -> Nd4j.exec(pool("maxpool2d_bp", nhwc, new INDArray[] {z, dp}, dPoolIn)));
                    pooling = String.format(Locale.ROOT, ", maxpool2d %.2f, maxpool2d_bp %.2f", pf, pb);
                    poolTotal = pf + pb;
                }
                total += forward + backward + relu + poolTotal;
                System.out.printf(Locale.ROOT,
                        "%s conv %d->%d on %dx%d: conv2d %.2f, conv2d_bp %.2f, relu_bp %.2f (step and product %.2f)%s ms%n",
                        nhwc ? "NHWC" : "NCHW", c.in(), c.out(), c.size(), c.size(), forward, backward, relu,
                        stepAndProduct, pooling);
            }
            System.out.printf(Locale.ROOT, "%s: %.2f ms per step in these ops%n", nhwc ? "NHWC" : "NCHW", total);
        }
    }

    private static long[] image(boolean nhwc, int channels, int size) {
        return nhwc ? new long[] {BATCH, size, size, channels} : new long[] {BATCH, channels, size, size};
    }

    /** kH, kW, sH, sW, pH, pW, dH, dW, same mode, data format (0 NCHW, 1 NHWC), weights format 1 = [oC, iC, kH, kW]. */
    private static DynamicCustomOp conv(String name, boolean nhwc, INDArray[] inputs, INDArray... outputs) {
        return DynamicCustomOp.builder(name).addInputs(inputs).addOutputs(outputs)
                .addIntegerArguments(3, 3, 1, 1, 0, 0, 1, 1, 0, nhwc ? 1 : 0, WFORMAT).build();
    }

    /** kH, kW, sH, sW, pH, pW, dH, dW, same mode, extra (unused by max pooling), data format. */
    private static DynamicCustomOp pool(String name, boolean nhwc, INDArray[] inputs, INDArray... outputs) {
        return DynamicCustomOp.builder(name).addInputs(inputs).addOutputs(outputs)
                .addIntegerArguments(2, 2, 2, 2, 0, 0, 1, 1, 0, 0, nhwc ? 1 : 0).build();
    }
}
