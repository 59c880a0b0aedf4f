package dev.netwright.runtime.layers;

import org.nd4j.linalg.activations.Activation;

import java.util.List;

/** The activation functions offered in the inspector and their DL4J counterparts. */
public final class Activations {
    public static final List<String> CHOICES =
            List.of("relu", "tanh", "sigmoid", "identity", "leakyrelu", "elu", "gelu", "swish", "softmax");

    private Activations() {
    }

    public static ParamSpec param(String defaultValue) {
        return ParamSpec.choice("activation", "Activation", "Layer", defaultValue, CHOICES,
                "The function applied to each output value.");
    }

    public static Activation toDl4j(String name) {
        return switch (name) {
            case "relu" -> Activation.RELU;
            case "tanh" -> Activation.TANH;
            case "sigmoid" -> Activation.SIGMOID;
            case "identity" -> Activation.IDENTITY;
            case "leakyrelu" -> Activation.LEAKYRELU;
            case "elu" -> Activation.ELU;
            case "gelu" -> Activation.GELU;
            case "swish" -> Activation.SWISH;
            case "softmax" -> Activation.SOFTMAX;
            default -> throw new IllegalArgumentException("unknown activation " + name);
        };
    }
}
