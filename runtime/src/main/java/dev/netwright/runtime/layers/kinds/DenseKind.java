package dev.netwright.runtime.layers.kinds;

import dev.netwright.runtime.layers.Fix;
import dev.netwright.runtime.layers.Shape;
import dev.netwright.runtime.layers.Activations;
import dev.netwright.runtime.layers.Category;
import dev.netwright.runtime.layers.EmitContext;
import dev.netwright.runtime.layers.InferenceContext;
import dev.netwright.runtime.layers.Inferred;
import dev.netwright.runtime.layers.LayerKind;
import dev.netwright.runtime.layers.ParamSpec;
import dev.netwright.runtime.layers.Params;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.TimeDistributed;

/** A fully connected layer; on a sequence it applies the same weights at every time step. */
public final class DenseKind extends LayerKind {
    public static final String ID = "Dense";

    public DenseKind() {
        super(ID, "Dense", Category.CORE,
                "Fully connected layer. On a sequence it acts on each time step with shared weights.",
                ParamSpec.integer("units", "Units", "Layer", 64, 1, 1_000_000, "Number of outputs."),
                Activations.param("relu"),
                ParamSpec.flag("useBias", "Use bias", "Layer", true, "Add a learned offset to each output."));
    }

    @Override
    public Inferred infer(InferenceContext ctx) {
        Params p = ctx.params();
        int units = p.getInt("units");
        long bias = p.getBool("useBias") ? units : 0;
        Shape in = ctx.input();
        if (in instanceof Shape.Vector v) {
            return new Inferred(new Shape.Vector(units), (long) v.size() * units + bias);
        }
        if (in instanceof Shape.Sequence s) {
            return new Inferred(new Shape.Sequence(s.steps(), units), (long) s.features() * units + bias);
        }
        return ctx.error("Dense needs a vector, but " + ctx.inputEdge().from() + " gives " + in.describe()
                + ". Insert a Flatten (or GlobalPooling) before it.", new Fix.InsertLayer(ctx.inputEdge(), FlattenKind.ID));
    }

    @Override
    public void emit(EmitContext ctx) {
        Params p = ctx.params();
        DenseLayer dense = new DenseLayer.Builder()
                .nOut(p.getInt("units"))
                .activation(Activations.toDl4j(p.getChoice("activation")))
                .hasBias(p.getBool("useBias"))
                .build();
        ctx.addLayer(ctx.input() instanceof Shape.Sequence ? new TimeDistributed(dense) : dense);
    }
}
