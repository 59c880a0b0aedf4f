package dev.netwright.runtime.layers.kinds;

import dev.netwright.runtime.layers.Shape;
import dev.netwright.runtime.layers.Activations;
import dev.netwright.runtime.layers.Category;
import dev.netwright.runtime.layers.EmitContext;
import dev.netwright.runtime.layers.InferenceContext;
import dev.netwright.runtime.layers.Inferred;
import dev.netwright.runtime.layers.LayerKind;
import dev.netwright.runtime.layers.Padding;
import dev.netwright.runtime.layers.ParamSpec;
import dev.netwright.runtime.layers.Params;
import org.deeplearning4j.nn.conf.layers.Convolution1DLayer;

/** A 1-D convolution along the time axis of a sequence. */
public final class Conv1DKind extends LayerKind {
    public static final String ID = "Conv1D";

    public Conv1DKind() {
        super(ID, "Conv1D", Category.CONVOLUTION, "Slides learned filters along the time steps of a sequence.",
                ParamSpec.integer("filters", "Filters", "Layer", 32, 1, 4096, "Number of filters (output features)."),
                ParamSpec.integer("kernel", "Kernel", "Window", 3, 1, 1024, "Window length in time steps."),
                ParamSpec.integer("stride", "Stride", "Window", 1, 1, 1024, "Step between windows."),
                Padding.param(),
                Activations.param("relu"),
                ParamSpec.flag("useBias", "Use bias", "Layer", true, "Add a learned offset to each filter's output."));
    }

    @Override
    public Inferred infer(InferenceContext ctx) {
        if (!(ctx.input() instanceof Shape.Sequence in)) {
            return Requirements.needsSequence(ctx, "Conv1D");
        }
        Params p = ctx.params();
        int k = p.getInt("kernel");
        int steps = Padding.outputLength(p.getChoice("padding"), in.steps(), k, p.getInt("stride"));
        if (steps < 1) {
            return ctx.error("the kernel of " + k + " steps is longer than the " + in.steps()
                    + "-step input; use a smaller kernel or padding 'same'.");
        }
        int filters = p.getInt("filters");
        long params = (long) k * in.features() * filters + (p.getBool("useBias") ? filters : 0);
        return new Inferred(new Shape.Sequence(steps, filters), params);
    }

    @Override
    public void emit(EmitContext ctx) {
        Params p = ctx.params();
        ctx.addLayer(new Convolution1DLayer.Builder(p.getInt("kernel"), p.getInt("stride"))
                .nOut(p.getInt("filters"))
                .convolutionMode(Padding.toDl4j(p.getChoice("padding")))
                .activation(Activations.toDl4j(p.getChoice("activation")))
                .hasBias(p.getBool("useBias"))
                .build());
    }
}
