package dev.netwright.runtime.layers.kinds;

import dev.netwright.runtime.layers.Shape;
import dev.netwright.runtime.layers.Activations;
import dev.netwright.runtime.layers.Category;
import dev.netwright.runtime.layers.EmitContext;
import dev.netwright.runtime.layers.InferenceContext;
import dev.netwright.runtime.layers.Inferred;
import dev.netwright.runtime.layers.LayerKind;
import dev.netwright.runtime.layers.LstmEngine;
import dev.netwright.runtime.layers.ParamSpec;
import dev.netwright.runtime.layers.dl4j.GruLayer;
import dev.netwright.runtime.layers.dl4j.NativeLstmLayer;
import dev.netwright.runtime.layers.Params;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn;
import org.nd4j.linalg.activations.IActivation;

/**
 * LSTM, GRU and SimpleRNN: read a sequence step by step; return every step's output or only the last one,
 * optionally reading it in both directions (outputs concatenated).
 */
public final class RecurrentKind extends LayerKind {
    public static final String LSTM_ID = "LSTM";
    public static final String SIMPLE_RNN_ID = "SimpleRNN";
    public static final String GRU_ID = "GRU";
    /** Weight matrices per unit: an LSTM has four gates, a GRU three, a simple RNN one. */
    private final int gates;
    /** Bias vectors per gate: one, or two for the GRU (one on the input's product, one on the state's). */
    private final int biases;

    private RecurrentKind(String id, String description, int gates, int biases) {
        super(id, id, Category.RECURRENT, description,
                ParamSpec.integer("units", "Units", "Layer", 128, 1, 65_536, "Size of the hidden state."),
                Activations.param("tanh"),
                ParamSpec.flag("returnSequences", "Return sequences", "Layer", false,
                        "On: output every time step (to stack another recurrent layer). Off: only the last step."),
                ParamSpec.flag("bidirectional", "Bidirectional", "Layer", false,
                        "Also read the sequence backwards and concatenate both outputs."));
        this.gates = gates;
        this.biases = biases;
    }

    public static RecurrentKind lstm() {
        return new RecurrentKind(LSTM_ID, "Long short-term memory: a recurrent layer that keeps a memory cell across steps.", 4, 1);
    }

    public static RecurrentKind simpleRnn() {
        return new RecurrentKind(SIMPLE_RNN_ID, "A plain recurrent layer: each step mixes the input with the last state.", 1, 1);
    }

    public static RecurrentKind gru() {
        return new RecurrentKind(GRU_ID, "Gated recurrent unit: a recurrent layer whose gates choose what of its state "
                + "to keep; lighter than an LSTM.", 3, 2);
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
        long params = directions * (long) gates * units * ((long) in.features() + units + biases);
        int width = directions * units;
        Shape out = p.getBool("returnSequences") ? new Shape.Sequence(in.steps(), width) : new Shape.Vector(width);
        return new Inferred(out, params);
    }

    /** Whether an LSTM with this activation becomes a {@link NativeLstmLayer} on the run's {@link LstmEngine}. */
    private static boolean compilesToNativeLstm(LstmEngine engine, IActivation activation) {
        return switch (engine) {
            case ONEDNN -> NativeLstmLayer.runsOnOneDnn(activation);
            case NATIVE -> NativeLstmLayer.nativeActivationCode(activation).isPresent();
            case DL4J -> false;
        };
    }

    @Override
    public void emit(EmitContext ctx) {
        Params p = ctx.params();
        int units = p.getInt("units");
        IActivation activation = Activations.toDl4j(p.getChoice("activation"));
        if (gates == 3) {
            // DL4J has no GRU: Netwright's own layer (equations of PyTorch's nn.GRU and Keras' reset_after GRU)
            ctx.addLayer(new GruLayer.Builder().nOut(units).activation(activation)
                    .bidirectional(p.getBool("bidirectional")).returnSequences(p.getBool("returnSequences")).build());
            return;
        }
        if (gates == 4 && compilesToNativeLstm(ctx.lstmEngine(), activation)) {
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
