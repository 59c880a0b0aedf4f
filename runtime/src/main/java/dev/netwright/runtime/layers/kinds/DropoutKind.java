package dev.netwright.runtime.layers.kinds;

import dev.netwright.runtime.layers.Category;
import dev.netwright.runtime.layers.EmitContext;
import dev.netwright.runtime.layers.InferenceContext;
import dev.netwright.runtime.layers.Inferred;
import dev.netwright.runtime.layers.LayerKind;
import dev.netwright.runtime.layers.ParamSpec;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;

/** Randomly zeroes a share of values while training; does nothing at inference. */
public final class DropoutKind extends LayerKind {
    public static final String ID = "Dropout";

    public DropoutKind() {
        super(ID, "Dropout", Category.CORE, "While training, sets a random share of values to zero to fight overfitting.",
                ParamSpec.decimal("rate", "Rate", "Layer", 0.5, 0.0, 0.95, "The share of values dropped, 0 to 0.95."));
    }

    @Override
    public Inferred infer(InferenceContext ctx) {
        return Inferred.of(ctx.input());
    }

    @Override
    public void emit(EmitContext ctx) {
        // DL4J's dropout value is the probability of KEEPING a value.
        ctx.addLayer(new DropoutLayer.Builder(1.0 - ctx.params().getDouble("rate")).build());
    }
}
