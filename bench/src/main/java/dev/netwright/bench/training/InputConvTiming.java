package dev.netwright.bench.training;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.convolution.Convolution;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Locale;

/**
 * The first convolution's backward pass two ways, for a few input shapes (3 × 3 kernel, batch 64, float):
 * libnd4j's oneDNN {@code conv2d_bp} (weight, bias and input gradients) against what InputConvolutionLayerImpl
 * does (im2col in its native layout, a batched product summed over the batch, the bias gradient as a product
 * with ones, zeros for the input). Where its {@code MAX_INPUT_CHANNELS} comes from.
 * {@code java -cp ... InputConvTiming [calls]}; threads from OMP_NUM_THREADS.
 */
public final class InputConvTiming {
    private static final int BATCH = 64;

    private InputConvTiming() {
    }

    public static void main(String[] args) {
        int calls = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int[][] cases = {{1, 28, 32}, {3, 32, 32}, {3, 64, 32}, {3, 64, 64}, {8, 32, 32}}; // channels in, size, out
        for (int[] c : cases) {
            int in = c[0];
            int size = c[1];
            int out = c[2];
            long outSize = size - 2;
            long positions = outSize * outSize;
            INDArray x = Nd4j.rand(DataType.FLOAT, BATCH, in, size, size);
            INDArray w = Nd4j.rand(DataType.FLOAT, out, in, 3, 3);
            INDArray b = Nd4j.rand(DataType.FLOAT, out);
            INDArray delta = Nd4j.rand(DataType.FLOAT, BATCH, out, outSize, outSize);
            INDArray dx = Nd4j.create(DataType.FLOAT, x.shape());
            INDArray dw = Nd4j.create(DataType.FLOAT, w.shape());
            INDArray db = Nd4j.create(DataType.FLOAT, out);
            double oneDnn = OpTimer.msPerCall(calls, () -> Nd4j.exec(DynamicCustomOp.builder("conv2d_bp")
                    .addInputs(x, w, b, delta).addOutputs(dx, dw, db)
                    .addIntegerArguments(3, 3, 1, 1, 0, 0, 1, 1, 0, 0, 1).build()));
            INDArray patches = Nd4j.create(DataType.FLOAT, BATCH, in, 3, 3, outSize, outSize);
            INDArray perSample = Nd4j.create(DataType.FLOAT, BATCH, out, in * 9L);
            INDArray ones = Nd4j.ones(DataType.FLOAT, positions, 1);
            double own = OpTimer.msPerCall(calls, () -> {
                Convolution.im2col(x, 3, 3, 1, 1, 0, 0, 1, 1, false, patches);
                Nd4j.matmul(delta.reshape(BATCH, out, positions), patches.reshape(BATCH, in * 9L, positions),
                        perSample, false, true, false);
                perSample.sum(0);
                Nd4j.gemm(delta.reshape((long) BATCH * out, positions), ones, false, false).reshape(BATCH, out).sum(0);
                Nd4j.create(DataType.FLOAT, x.shape());
            });
            System.out.printf(Locale.ROOT, "%d channels in, %dx%d, %d out: oneDNN conv2d_bp %.2f ms, im2col and product %.2f ms%n",
                    in, size, size, out, oneDnn, own);
        }
    }
}
