package dev.netwright.samples.bench;

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

    private static void report(String op, long batch, Runnable call) throws IOException, InterruptedException {
        call.run();
        settle();
        long before = residentKib();
        for (int i = 0; i < CALLS; i++) {
            call.run();
        }
        settle();
        long grown = residentKib() - before;
        System.out.printf(Locale.ROOT, "%s, batch %d: resident memory %+.1f MiB over %d calls (%.2f MiB per call)%n",
                op, batch, grown / 1024.0, CALLS, grown / 1024.0 / CALLS);
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
