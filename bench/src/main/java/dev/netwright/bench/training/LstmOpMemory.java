package dev.netwright.bench.training;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * How much resident memory libnd4j's lstmLayer and lstmLayer_bp keep per call: the seed LSTM's first layer
 * (28 steps, 28 inputs, 128 units, float) called 20 times after one untimed call, the process's resident set
 * before and after, with a garbage collection in between so that arrays freed by Java's collector do not
 * count. The reason NativeLstmLayer is off by default (docs/decisions/0004-native-lstm.md).
 * {@code java -cp ... LstmOpMemory}; threads from OMP_NUM_THREADS.
 */
public final class LstmOpMemory {
    private static final long STEPS = 28;
    private static final long INPUTS = 28;
    private static final long UNITS = 128;
    private static final int CALLS = 20;
    /** libnd4j data format 2: [batch, features, steps], what NativeLstmLayerImpl uses. */
    private static final int NCW = 2;

    private LstmOpMemory() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("--networks")) {
            networks(args.length > 1 ? Integer.parseInt(args[1]) : 200);
            return;
        }
        INDArray w = Nd4j.randn(DataType.FLOAT, INPUTS, 4 * UNITS).muli(0.1);
        INDArray rw = Nd4j.randn(DataType.FLOAT, UNITS, 4 * UNITS).muli(0.1);
        INDArray b = Nd4j.zeros(DataType.FLOAT, 4 * UNITS);
        INDArray dw = Nd4j.create(DataType.FLOAT, w.shape());
        INDArray drw = Nd4j.create(DataType.FLOAT, rw.shape());
        INDArray db = Nd4j.create(DataType.FLOAT, b.shape());
        for (long batch : new long[] {64, 32, 8}) {
            INDArray x = Nd4j.rand(DataType.FLOAT, batch, INPUTS, STEPS);
            INDArray h = Nd4j.create(DataType.FLOAT, batch, UNITS, STEPS);
            INDArray dLdh = Nd4j.rand(DataType.FLOAT, batch, UNITS, STEPS);
            INDArray dx = Nd4j.create(DataType.FLOAT, x.shape());
            report("lstmLayer (NCW, generic)", batch,
                    () -> Nd4j.exec(LstmOpTiming.op("lstmLayer", NCW, new INDArray[] {x, w, rw, b}, h)));
            report("lstmLayer_bp (NCW)", batch, () -> Nd4j.exec(LstmOpTiming.op("lstmLayer_bp", NCW,
                    new INDArray[] {x, w, rw, b, dLdh}, dx, dw, drw, db)));
        }
    }

    /**
     * {@code --networks [STEPS]}: the same layer as a training step of a network (LSTM, last step, softmax
     * output; float, batch 64), NativeLstmLayer (oneDNN's primitives, decision 0006) against DL4J's LSTM.
     */
    private static void networks(int steps) throws IOException, InterruptedException {
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        for (String kind : new String[] {"NativeLstmLayer (oneDNN)", "DL4J LSTM"}) {
            org.deeplearning4j.nn.conf.layers.Layer lstm = kind.startsWith("Native")
                    ? new dev.netwright.runtime.layers.dl4j.NativeLstmLayer.Builder().nOut(UNITS)
                            .activation(org.nd4j.linalg.activations.Activation.TANH).returnSequences(false).build()
                    : new org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep(
                            new org.deeplearning4j.nn.conf.layers.LSTM.Builder().nOut(UNITS)
                                    .activation(org.nd4j.linalg.activations.Activation.TANH).build());
            org.deeplearning4j.nn.graph.ComputationGraph graph = new org.deeplearning4j.nn.graph.ComputationGraph(
                    new org.deeplearning4j.nn.conf.NeuralNetConfiguration.Builder().dataType(DataType.FLOAT)
                            .updater(new org.nd4j.linalg.learning.config.Adam(1e-3)).graphBuilder()
                            .addInputs("in")
                            .setInputTypes(org.deeplearning4j.nn.conf.inputs.InputType.recurrent(INPUTS, STEPS))
                            .addLayer("lstm", lstm, "in")
                            .addLayer("out", new org.deeplearning4j.nn.conf.layers.OutputLayer.Builder()
                                    .nOut(10).activation(org.nd4j.linalg.activations.Activation.SOFTMAX).build(), "lstm")
                            .setOutputs("out").build());
            graph.init();
            org.nd4j.linalg.dataset.DataSet batch = new org.nd4j.linalg.dataset.DataSet(
                    Nd4j.rand(DataType.FLOAT, 64, INPUTS, STEPS),
                    Nd4j.eye(10).castTo(DataType.FLOAT).repeat(0, 7).get(
                            org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 64)));
            report(kind + ", training steps", 64, () -> graph.fit(batch), steps);
        }
    }

    private static void report(String op, long batch, Runnable call) throws IOException, InterruptedException {
        report(op, batch, call, CALLS);
    }

    private static void report(String op, long batch, Runnable call, int calls)
            throws IOException, InterruptedException {
        for (int i = 0; i < 5; i++) {
            call.run();
        }
        settle();
        long before = residentKib();
        for (int i = 0; i < calls; i++) {
            call.run();
        }
        settle();
        long grown = residentKib() - before;
        System.out.printf(Locale.ROOT, "%s, batch %d: resident memory %+.1f MiB over %d calls (%.3f MiB per call)%n",
                op, batch, grown / 1024.0, calls, grown / 1024.0 / calls);
    }

    private static void settle() throws InterruptedException {
        System.gc();
        Thread.sleep(200);
    }

    private static long residentKib() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IOException("no VmRSS in /proc/self/status");
    }
}
