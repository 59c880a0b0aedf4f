package dev.netwright.interop.keras;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * The options of Keras's LSTM, GRU and SimpleRNN that Netwright's recurrent kinds cannot honour. Netwright's gates are
 * sigmoids, every layer has biases, reads the sequence forwards from a zero state and keeps no state between batches,
 * and its GRU applies the reset gate after the recurrent product (Keras's {@code reset_after=True}).
 */
final class KerasRecurrentOptions {
    /** Flags that change what the layer computes or keeps; each must be false. */
    private static final List<String> MUST_BE_FALSE = List.of("go_backwards", "stateful", "return_state", "unroll",
            "time_major");

    private KerasRecurrentOptions() {
    }

    /** Adds a line to {@code options} for each option of {@code layer} Netwright cannot honour. */
    static void refuseUnsupported(KerasLayer layer, List<String> options) {
        JsonNode c = layer.config();
        String kind = layer.className();
        if (!"SimpleRNN".equals(kind)) {
            String gates = KerasOptionReader.activationName(c, "recurrent_activation", "sigmoid");
            if (!"sigmoid".equals(gates)) {
                options.add(layer.described() + " recurrent_activation '" + gates + "' (Netwright's " + kind
                        + " gates are sigmoid)");
            }
        }
        for (String flag : MUST_BE_FALSE) {
            if (c.path(flag).asBoolean(false)) {
                options.add(layer.described() + " " + flag + " true");
            }
        }
        for (String rate : List.of("dropout", "recurrent_dropout")) {
            if (c.path(rate).asDouble(0) != 0) {
                options.add(layer.described() + " " + rate + " " + c.get(rate).asDouble() + " (Netwright's " + kind
                        + " drops nothing; put a Dropout layer before it instead)");
            }
        }
        if (!c.path("use_bias").asBoolean(true)) {
            options.add(layer.described() + " use_bias false (Netwright's " + kind + " always has biases)");
        }
        if ("GRU".equals(kind) && !c.path("reset_after").asBoolean(false)) {
            options.add(layer.described() + " reset_after false (Netwright's GRU applies the reset gate after the "
                    + "recurrent product, Keras's reset_after=True)");
        }
    }
}
