package dev.netwright.runtime.layers.kinds;

import dev.netwright.runtime.layers.Shape;
import dev.netwright.runtime.layers.Activations;
import dev.netwright.runtime.layers.Category;
import dev.netwright.runtime.layers.EmitContext;
import dev.netwright.runtime.layers.InferenceContext;
import dev.netwright.runtime.layers.Inferred;
import dev.netwright.runtime.layers.LayerKind;
import dev.netwright.runtime.layers.ParamSpec;
import dev.netwright.runtime.layers.dl4j.NativeLstmLayer;
import dev.netwright.runtime.layers.Params;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn;
import org.nd4j.linalg.activations.IActivation;

/**
 * LSTM and SimpleRNN: read a sequence step by step; return every step's output or only the last one,
 * optionally reading it in both directions (outputs concatenated).
 */
public final class RecurrentKind extends LayerKind {
    public static final String LSTM_ID = "LSTM";
    public static final String SIMPLE_RNN_ID = "SimpleRNN";
    /**
     * System property choosing what an LSTM node compiles to. Unset (the default): {@link NativeLstmLayer} when
     * oneDNN's LSTM can run here and the activation is tanh (the only one oneDNN's LSTM has), so that forward and
     * backward are oneDNN's primitives (docs/decisions/0006-onednn-lstm.md); otherwise DL4J's own LSTM.
     * {@code native}: {@link NativeLstmLayer} for every activation libnd4j's op has, also where oneDNN does not
     * apply (its backward op then leaks native memory, ~8.8 MB per call at batch 64: decision 0004's amendment).
     * {@code dl4j}: DL4J's own LSTM always (the benchmarks' baseline).
     */
    public static final String LSTM_IMPLEMENTATION_PROPERTY = "netwright.lstm";

    /** Weight matrices per unit: an LSTM has four gates, a simple RNN one. */
    private final int gates;

    private RecurrentKind(String id, String description, int gates) {
        super(id, id, Category.RECURRENT, description,
                ParamSpec.integer("units", "Units", "Layer", 128, 1, 65_536, "Size of the hidden state."),
                Activations.param("tanh"),
                ParamSpec.flag("returnSequences", "Return sequences", "Layer", false,
                        "On: output every time step (to stack another recurrent layer). Off: only the last step."),
                ParamSpec.flag("bidirectional", "Bidirectional", "Layer", false,
                        "Also read the sequence backwards and concatenate both outputs."));
        this.gates = gates;
    }

    public static RecurrentKind lstm() {
        return new RecurrentKind(LSTM_ID, "Long short-term memory: a recurrent layer that keeps a memory cell across steps.", 4);
    }

    public static RecurrentKind simpleRnn() {
        return new RecurrentKind(SIMPLE_RNN_ID, "A plain recurrent layer: each step mixes the input with the last state.", 1);
    }

    /** One small step per time step. */
    @Override
    public boolean prefersOneThread() {
        return true;
    }

    @Override
    public Inferred infer(InferenceContext ctx) {
        if (!(ctx.input() instanceof Shape.Sequence in)) {
            return Requirements.needsSequence(ctx, id());
        }
        Params p = ctx.params();
        int units = p.getInt("units");
        int directions = p.getBool("bidirectional") ? 2 : 1;
        long params = directions * (long) gates * units * ((long) in.features() + units + 1);
        int width = directions * units;
        Shape out = p.getBool("returnSequences") ? new Shape.Sequence(in.steps(), width) : new Shape.Vector(width);
        return new Inferred(out, params);
    }

    private static boolean compilesToNativeLstm(IActivation activation) {
        String choice = System.getProperty(LSTM_IMPLEMENTATION_PROPERTY, "");
        return switch (choice) {
            case "native" -> NativeLstmLayer.nativeActivationCode(activation).isPresent();
            case "dl4j" -> false;
            default -> NativeLstmLayer.runsOnOneDnn(activation);
        };
    }

    @Override
    public void emit(EmitContext ctx) {
        Params p = ctx.params();
        int units = p.getInt("units");
        IActivation activation = Activations.toDl4j(p.getChoice("activation"));
        if (gates == 4 && compilesToNativeLstm(activation)) {
            // The whole sequence in one native call, oneDNN's where it applies (docs/decisions/0004, 0006)
            ctx.addLayer(new NativeLstmLayer.Builder().nOut(units).activation(activation)
                    .bidirectional(p.getBool("bidirectional")).returnSequences(p.getBool("returnSequences")).build());
            return;
        }
        Layer layer = gates == 4
                ? new LSTM.Builder().nOut(units).activation(activation).build()
                : new SimpleRnn.Builder().nOut(units).activation(activation).build();
        if (p.getBool("bidirectional")) {
            layer = new Bidirectional(Bidirectional.Mode.CONCAT, layer);
        }
        if (!p.getBool("returnSequences")) {
            layer = new LastTimeStep(layer);
        }
        ctx.addLayer(layer);
    }
}
