package dev.netwright.bench.training;

import dev.netwright.runtime.compile.DesignCompiler;
import dev.netwright.runtime.compile.TrainingSettings;
import dev.netwright.runtime.data.DataSources;
import dev.netwright.runtime.data.ExampleIterator;
import dev.netwright.runtime.data.ImageAugmenter;
import dev.netwright.runtime.data.Normalisation;
import dev.netwright.runtime.data.TrainValidation;
import dev.netwright.runtime.design.Augmentation;
import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.layers.Shape;
import dev.netwright.runtime.layers.kinds.InputKind;
import dev.netwright.samples.Samples;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * What augmentation costs a training step (docs/benchmarks.md, "Augmentation"): {@code AugmentationBenchmark DATA
 * [BATCH=32] [STEPS=200]}. On the seed CNN's minibatches of the data, it times per batch what the worker adds (the
 * features copied out of ND4J, {@link ImageAugmenter#augment}, a new array) for each setting on its own and all
 * together, and {@link ComputationGraph#fit} of the same batch; prints the medians as Markdown.
 */
public final class AugmentationBenchmark {
    private static final List<String> SPECS = List.of("flip", "shift=2", "crop=4", "erase=0.25", "rotate=10",
            "shift=2,flip,rotate=10,crop=4,erase=0.25");

    private AugmentationBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String dataRef = args[0];
        int batchSize = args.length > 1 ? Integer.parseInt(args[1]) : 32;
        int steps = args.length > 2 ? Integer.parseInt(args[2]) : 200;
        Design design = Samples.load("cnn");
        TrainingSettings settings = TrainingSettings.defaults();
        Shape input = InputKind.shapeOf(design).orElseThrow();
        TrainValidation data = Normalisation.SCALE_0_1.apply(DataSources.open(dataRef, input, settings.seed(), 0.1));
        ComputationGraph graph = new DesignCompiler().compile(design, settings).newNetwork();
        ExampleIterator batches = new ExampleIterator(data.train(), input, batchSize, true, settings.seed());

        double[][] augmentMs = new double[SPECS.size()][steps];
        double[] fitMs = new double[steps];
        Random random = new Random(42);
        int warmup = 20;
        for (int i = -warmup; i < steps; i++) {
            if (!batches.hasNext()) {
                batches.reset();
            }
            DataSet batch = batches.next();
            for (int s = 0; s < SPECS.size(); s++) {
                ImageAugmenter augmenter = new ImageAugmenter(Augmentation.parse(SPECS.get(s)));
                long t0 = System.nanoTime();
                augmented(batch, augmenter, random);
                if (i >= 0) {
                    augmentMs[s][i] = (System.nanoTime() - t0) / 1e6;
                }
            }
            long t0 = System.nanoTime();
            graph.fit(batch);
            if (i >= 0) {
                fitMs[i] = (System.nanoTime() - t0) / 1e6;
            }
        }
        double fit = median(fitMs);
        System.out.printf(Locale.ROOT, "seed CNN, batch %d of %s, %d steps after %d untimed; medians%n%n", batchSize,
                dataRef, steps, warmup);
        System.out.println("| augmentation | ms per batch | share of a training step |");
        System.out.println("|---|---|---|");
        for (int s = 0; s < SPECS.size(); s++) {
            double ms = median(augmentMs[s]);
            System.out.printf(Locale.ROOT, "| `%s` | %.3f | %.1f %% |%n", SPECS.get(s), ms, 100 * ms / fit);
        }
        System.out.printf(Locale.ROOT, "| (training step, `fit`) | %.2f | |%n", fit);
    }

    /** What BatchAugmenter does to a minibatch: its features out of ND4J, augmented, into a new array. */
    private static INDArray augmented(DataSet batch, ImageAugmenter augmenter, Random random) {
        INDArray features = batch.getFeatures();
        long[] shape = features.shape();
        float[] values = features.dup('c').data().asFloat();
        augmenter.augment(values, (int) shape[0], (int) shape[1], (int) shape[2], (int) shape[3], random);
        return Nd4j.create(values, shape, 'c');
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
