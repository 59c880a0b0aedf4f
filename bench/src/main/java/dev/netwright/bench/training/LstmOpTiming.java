package dev.netwright.bench.training;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Locale;

/**
 * Milliseconds per call of libnd4j's lstmLayer and lstmLayer_bp on the seed LSTM's first layer (batch 64,
 * 28 steps, 28 inputs, 128 units, float) in the data formats NCW (2, what NativeLstmLayer uses) and NTC (1,
 * the only ones with a oneDNN forward besides TNC). An experiment for docs/decisions/0004-native-lstm.md:
 * {@code java -cp ... LstmOpTiming [calls]}; threads from OMP_NUM_THREADS.
 */
public final class LstmOpTiming {
    private LstmOpTiming() {
    }

    public static void main(String[] args) {
        int calls = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        long mb = 64;
        long steps = 28;
        long nIn = 28;
        long units = 128;
        INDArray w = Nd4j.randn(DataType.FLOAT, nIn, 4 * units).muli(0.1);
        INDArray rw = Nd4j.randn(DataType.FLOAT, units, 4 * units).muli(0.1);
        INDArray b = Nd4j.zeros(DataType.FLOAT, 4 * units);
        for (int run = 0; run < 6; run++) {
            int format = new int[] {2, 1, 0}[run % 3];
            boolean helpers = run < 3;
            // Platform helpers (oneDNN) on in the first three runs, off in the last three
            Nd4j.getEnvironment().allowHelpers(helpers);
            long[] xShape = switch (format) {
                case 2 -> new long[] {mb, nIn, steps};
                case 1 -> new long[] {mb, steps, nIn};
                default -> new long[] {steps, mb, nIn};
            };
            long[] hShape = switch (format) {
                case 2 -> new long[] {mb, units, steps};
                case 1 -> new long[] {mb, steps, units};
                default -> new long[] {steps, mb, units};
            };
            INDArray x = Nd4j.rand(DataType.FLOAT, xShape);
            INDArray h = Nd4j.create(DataType.FLOAT, hShape);
            INDArray dLdh = Nd4j.rand(DataType.FLOAT, hShape);
            INDArray dx = Nd4j.create(DataType.FLOAT, xShape);
            INDArray dw = Nd4j.create(DataType.FLOAT, w.shape());
            INDArray drw = Nd4j.create(DataType.FLOAT, rw.shape());
            INDArray db = Nd4j.create(DataType.FLOAT, b.shape());
            String forward;
            String backward;
            String forwardWithLast;
            INDArray hL = Nd4j.create(DataType.FLOAT, mb, units);
            INDArray cL = Nd4j.create(DataType.FLOAT, mb, units);
            try {
                forwardWithLast = String.format(Locale.ROOT, "%.2f ms", OpTimer.msPerCall(calls, () -> Nd4j.exec(
                        DynamicCustomOp.builder("lstmLayer").addInputs(x, w, rw, b).addOutputs(h, hL, cL)
                                .addIntegerArguments(format, 0, 2, 0, 0)
                                .addBooleanArguments(true, false, false, false, false, true, true, true)
                                .addFloatingPointArguments(0.0).build())));
            } catch (RuntimeException e) {
                forwardWithLast = "fails (" + e.getMessage() + ")";
            }
            try {
                forward = String.format(Locale.ROOT, "%.2f ms", OpTimer.msPerCall(calls,
                        () -> Nd4j.exec(op("lstmLayer", format, new INDArray[] {x, w, rw, b}, h))));
            } catch (RuntimeException e) {
                forward = "fails (" + e.getMessage() + ")";
            }
            try {
                backward = String.format(Locale.ROOT, "%.2f ms", OpTimer.msPerCall(calls, () -> Nd4j.exec(op("lstmLayer_bp", format,
                        new INDArray[] {x, w, rw, b, dLdh}, dx, dw, drw, db))));
            } catch (RuntimeException e) {
                backward = "fails (" + e.getMessage() + ")";
            }
            System.out.printf(Locale.ROOT, "data format %d, helpers %s: lstmLayer %s (with last h and c: %s), lstmLayer_bp %s per call%n",
                    format, helpers ? "allowed" : "off", forward, forwardWithLast, backward);
        }
    }

    /** The op as NativeLstmLayerImpl calls it: sigmoid gates, tanh, whole sequence out, in the given data format. */
    static DynamicCustomOp op(String name, int format, INDArray[] inputs, INDArray... outputs) {
        return DynamicCustomOp.builder(name).addInputs(inputs).addOutputs(outputs)
                .addIntegerArguments(format, 0, 2, 0, 0)
                .addBooleanArguments(true, false, false, false, false, true, false, false)
                .addFloatingPointArguments(0.0).build();
    }
}
