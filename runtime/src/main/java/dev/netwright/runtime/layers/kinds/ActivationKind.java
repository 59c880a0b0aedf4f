package dev.netwright.runtime.layers.kinds;

import dev.netwright.runtime.layers.Activations;
import dev.netwright.runtime.layers.Category;
import dev.netwright.runtime.layers.EmitContext;
import dev.netwright.runtime.layers.InferenceContext;
import dev.netwright.runtime.layers.Inferred;
import dev.netwright.runtime.layers.LayerKind;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;

/** Applies an activation function to every value. */
public final class ActivationKind extends LayerKind {
    public static final String ID = "Activation";

    public ActivationKind() {
        super(ID, "Activation", Category.CORE, "Applies a function such as relu to every value.",
                Activations.param("relu"));
    }

    @Override
    public Inferred infer(InferenceContext ctx) {
        return Inferred.of(ctx.input());
    }

    @Override
    public void emit(EmitContext ctx) {
        ctx.addLayer(new ActivationLayer.Builder()
                .activation(Activations.toDl4j(ctx.params().getChoice("activation"))).build());
    }
}
