package dev.netwright.interop.keras;

import dev.netwright.interop.GateBlocks;
import dev.netwright.interop.ModelImportException;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keras's LSTM, GRU and SimpleRNN weights in the layouts of the layers their nodes compile to. Keras keeps a kernel
 * [in, gates·units], a recurrent kernel [units, gates·units] and a bias, the gate blocks side by side: an LSTM's in the
 * order input, forget, cell, output, a GRU's update, reset, candidate with a bias of two rows (on the input's product,
 * on the state's). Netwright's native LSTM has libnd4j's order (Keras's own), DL4J's LSTM the order cell, forget,
 * output, input, and Netwright's GRU reset, update, candidate with the two biases apart.
 */
final class KerasRecurrentWeights {
    /** The Keras names of a recurrent cell's variables, in Keras 3's order. */
    static final List<String> KERAS_NAMES = List.of("kernel", "recurrent_kernel", "bias");
    /** For each of DL4J's LSTM gate blocks, the Keras block it takes. */
    private static final int[] DL4J_LSTM_FROM_KERAS = {2, 1, 3, 0};
    /** Netwright's native LSTM keeps Keras's order. */
    private static final int[] NATIVE_LSTM_FROM_KERAS = {0, 1, 2, 3};
    /** For each of Netwright's GRU gate blocks (reset, update, candidate), the Keras block (update, reset, candidate). */
    private static final int[] GRU_FROM_KERAS = {1, 0, 2};

    private KerasRecurrentWeights() {
    }

    /** The DL4J parameters of {@code layer} (the node's compiled layer) from a Keras layer's weights. */
    static Map<String, INDArray> convert(String kerasClass, Map<String, INDArray> keras, Layer layer, String id,
                                         String source) throws ModelImportException {
        INDArray kernel = keras.get("kernel");
        INDArray recurrent = keras.get("recurrent_kernel");
        INDArray bias = keras.get("bias");
        long units = recurrent.size(0);
        int gates = switch (kerasClass) {
            case "LSTM" -> 4;
            case "GRU" -> 3;
            default -> 1;
        };
        if (kernel.rank() != 2 || recurrent.rank() != 2 || kernel.size(1) != gates * units
                || recurrent.size(1) != gates * units) {
            throw new ModelImportException(source + ": layer '" + id + "' (" + kerasClass + ") has a kernel of shape "
                    + Arrays.toString(kernel.shape()) + " and a recurrent kernel of shape "
                    + Arrays.toString(recurrent.shape()) + "; [in, " + gates + "·units] and [units, " + gates
                    + "·units] were expected");
        }
        Map<String, INDArray> params = new LinkedHashMap<>();
        switch (kerasClass) {
            case "LSTM" -> {
                int[] order = compilesToDl4jLstm(layer) ? DL4J_LSTM_FROM_KERAS : NATIVE_LSTM_FROM_KERAS;
                params.put("W", GateBlocks.reordered(kernel, order, units));
                params.put("RW", GateBlocks.reordered(recurrent, order, units));
                params.put("b", GateBlocks.reordered(bias.reshape(1, bias.length()), order, units));
            }
            case "GRU" -> {
                if (bias.rank() != 2 || bias.size(0) != 2) {
                    throw new ModelImportException(source + ": layer '" + id + "' (GRU) has a bias of shape "
                            + Arrays.toString(bias.shape()) + "; reset_after=True keeps [2, 3·units]");
                }
                params.put("W", GateBlocks.reordered(kernel, GRU_FROM_KERAS, units));
                params.put("RW", GateBlocks.reordered(recurrent, GRU_FROM_KERAS, units));
                params.put("b", GateBlocks.reordered(bias.getRow(0).reshape(1, 3 * units), GRU_FROM_KERAS, units));
                params.put("Rb", GateBlocks.reordered(bias.getRow(1).reshape(1, 3 * units), GRU_FROM_KERAS, units));
            }
            default -> {
                params.put("W", kernel);
                params.put("RW", recurrent);
                params.put("b", bias);
            }
        }
        return params;
    }

    /** Whether the node became DL4J's own LSTM (the LSTM engine's choice) rather than Netwright's native one. */
    private static boolean compilesToDl4jLstm(Layer layer) {
        org.deeplearning4j.nn.conf.layers.Layer conf = layer.conf().getLayer();
        if (conf instanceof LastTimeStep last) {
            conf = last.getUnderlying();
        }
        return conf instanceof LSTM;
    }
}
