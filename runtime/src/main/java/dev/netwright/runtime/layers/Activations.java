package dev.netwright.runtime.layers;

import dev.netwright.runtime.layers.dl4j.ReluActivation;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.IActivation;

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

    /** DL4J's function for a choice; ReLU is Netwright's own, with a cheaper derivative ({@link ReluActivation}). */
    public static IActivation toDl4j(String name) {
        return switch (name) {
            case "relu" -> new ReluActivation();
            case "tanh" -> Activation.TANH.getActivationFunction();
            case "sigmoid" -> Activation.SIGMOID.getActivationFunction();
            case "identity" -> Activation.IDENTITY.getActivationFunction();
            case "leakyrelu" -> Activation.LEAKYRELU.getActivationFunction();
            case "elu" -> Activation.ELU.getActivationFunction();
            case "gelu" -> Activation.GELU.getActivationFunction();
            case "swish" -> Activation.SWISH.getActivationFunction();
            case "softmax" -> Activation.SOFTMAX.getActivationFunction();
            default -> throw new IllegalArgumentException("unknown activation " + name);
        };
    }
}
