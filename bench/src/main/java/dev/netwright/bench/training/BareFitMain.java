package dev.netwright.bench.training;

import dev.netwright.runtime.layers.Shape;
import dev.netwright.runtime.compile.TrainingSettings;
import dev.netwright.runtime.compile.DesignCompiler;
import dev.netwright.runtime.data.DataSources;
import dev.netwright.runtime.data.ExampleIterator;
import dev.netwright.runtime.data.Normalisation;
import dev.netwright.runtime.data.TrainValidation;
import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.layers.kinds.InputKind;
import dev.netwright.samples.Samples;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.dataset.DataSet;

import java.util.Locale;

/**
 * The bare contender, run as its own JVM: {@code BareFitMain DESIGN DATA BATCH WARMUP MEASURED}. Loads the
 * data and compiles the design as a training run does, then calls {@link ComputationGraph#fit} on the
 * {@link ExampleIterator}'s batches with nothing else in the loop, and prints one JSON line on stdout.
 * Timing: from the end of batch WARMUP to the end of batch WARMUP + MEASURED (the same window as the worker).
 */
public final class BareFitMain {
    private BareFitMain() {
    }

    public static void main(String[] args) throws Exception {
        String designId = args[0];
        String dataRef = args[1];
        int batchSize = Integer.parseInt(args[2]);
        int warmup = Integer.parseInt(args[3]);
        int measured = Integer.parseInt(args[4]);

        Design design = Samples.load(designId);
        TrainingSettings settings = TrainingSettings.defaults();
        Shape input = inputShape(design);
        TrainValidation data = Normalisation.SCALE_0_1.apply(DataSources.open(dataRef, input, settings.seed(), 0.1,
                WorkerContender.BENCH_SPLIT));
        ComputationGraph graph = new DesignCompiler().compile(design, settings).newNetwork();
        ExampleIterator batches = new ExampleIterator(data.train(), input, batchSize, true, settings.seed());

        long windowStart = 0;
        long samples = 0;
        double loss = Double.NaN;
        for (int i = 1; i <= warmup + measured; i++) {
            if (!batches.hasNext()) {
                batches.reset();
            }
            DataSet batch = batches.next();
            graph.fit(batch);
            loss = graph.score();
            if (i == warmup) {
                windowStart = System.nanoTime();
            } else if (i > warmup) {
                samples += batch.numExamples();
            }
        }
        double seconds = (System.nanoTime() - windowStart) / 1e9;
        System.out.printf(Locale.ROOT, "{\"samplesPerSecond\":%.3f,\"seconds\":%.4f,\"samples\":%d,\"loss\":%.6f}%n",
                samples / seconds, seconds, samples, loss);
    }

    static Shape inputShape(Design design) {
        return InputKind.shapeOf(design).orElseThrow(() -> new IllegalArgumentException("the design has no Input"));
    }
}
