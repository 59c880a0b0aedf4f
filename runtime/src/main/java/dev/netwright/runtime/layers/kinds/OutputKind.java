package dev.netwright.runtime.layers.kinds;

import dev.netwright.runtime.layers.Shape;
import dev.netwright.runtime.layers.Category;
import dev.netwright.runtime.layers.EmitContext;
import dev.netwright.runtime.layers.InferenceContext;
import dev.netwright.runtime.layers.Inferred;
import dev.netwright.runtime.layers.LayerKind;
import dev.netwright.runtime.layers.ParamSpec;
import dev.netwright.runtime.layers.Params;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

import java.util.List;

/** The prediction and the loss it is trained on: softmax classes, sigmoid labels, or regression values. */
public final class OutputKind extends LayerKind {
    public static final String ID = "Output";
    public static final String SOFTMAX = "softmax-crossentropy";
    public static final String SIGMOID = "sigmoid-binary-crossentropy";
    public static final String MSE = "identity-mse";
    /** The parameter that holds how many units (classes) the Output has. */
    public static final String UNITS = "units";

    public OutputKind() {
        super(ID, "Output", Category.OUTPUT, "The network's prediction and the loss it learns from.",
                ParamSpec.integer(UNITS, "Units", "Layer", 10, 1, 1_000_000,
                        "Number of classes (softmax), labels (sigmoid) or values (regression)."),
                ParamSpec.choice("loss", "Task", "Layer", SOFTMAX, List.of(SOFTMAX, SIGMOID, MSE),
                        "softmax + cross-entropy: one class per example; sigmoid + binary cross-entropy: "
                                + "independent yes/no labels; identity + MSE: regression."));
    }

    @Override
    public String idPrefix() {
        return "output";
    }

    @Override
    public boolean hasOutput() {
        return false;
    }

    @Override
    public Inferred infer(InferenceContext ctx) {
        if (!(ctx.input() instanceof Shape.Vector in)) {
            return Requirements.needsVector(ctx, ID);
        }
        int units = ctx.params().getInt("units");
        return new Inferred(new Shape.Vector(units), (long) in.size() * units + units);
    }

    @Override
    public void emit(EmitContext ctx) {
        Params p = ctx.params();
        LossFunction loss;
        Activation activation;
        switch (p.getChoice("loss")) {
            case SIGMOID -> {
                loss = LossFunction.XENT;
                activation = Activation.SIGMOID;
            }
            case MSE -> {
                loss = LossFunction.MSE;
                activation = Activation.IDENTITY;
            }
            default -> {
                loss = LossFunction.MCXENT;
                activation = Activation.SOFTMAX;
            }
        }
        ctx.addLayer(new OutputLayer.Builder(loss).nOut(p.getInt("units")).activation(activation).build());
    }
}
