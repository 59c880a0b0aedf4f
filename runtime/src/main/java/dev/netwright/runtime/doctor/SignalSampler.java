package dev.netwright.runtime.doctor;

import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.layers.dl4j.ReluActivation;
import dev.netwright.runtime.layers.dl4j.ShapePreservingLayer;
import dev.netwright.runtime.train.TrainingEvent.LayerSignals;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.LocalResponseNormalization;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Measures what one update does inside a network, layer by layer: it copies the parameters before the update, listens
 * to DL4J's forward pass (activations) and gradient calculation (gradients before the optimizer) during it, and compares
 * the parameters after. Attached for the sampled update only, so that the others run as if it were not there.
 */
final class SignalSampler {
    /** A sigmoid within 1 % of 0 or 1, or a tanh within 1 % of ±1, counts as saturated. */
    static final double SATURATED = 0.98;

    private final Listener listener = new Listener();
    private final Map<String, INDArray> before = new HashMap<>();
    private final Map<String, Double> gradientNorms = new HashMap<>();
    private final Map<String, ActivationFigures> activations = new HashMap<>();
    private List<TrainingListener> others = List.of();

    /** The network is about to make the sampled update. */
    void before(ComputationGraph graph) {
        before.clear();
        gradientNorms.clear();
        activations.clear();
        for (Layer layer : graph.getLayers()) {
            if (layer.numParams() > 0) {
                before.put(name(layer), layer.params().dup());
            }
        }
        others = graph.getListeners() == null ? List.of() : new ArrayList<>(graph.getListeners());
        List<TrainingListener> with = new ArrayList<>(others);
        with.add(listener);
        graph.setListeners(with);
    }

    /** The sampled update was made: each layer's signals, from the input to the output. */
    List<LayerSignals> after(ComputationGraph graph, Design design) {
        graph.setListeners(others);
        List<LayerSignals> layers = new ArrayList<>();
        for (Layer layer : graph.getLayers()) {
            String name = name(layer);
            INDArray old = before.get(name);
            long parameters = layer.numParams();
            double weightNorm = Double.NaN;
            double updateRatio = Double.NaN;
            if (old != null && parameters == old.length()) {
                INDArray now = layer.params();
                weightNorm = now.norm2Number().doubleValue();
                double oldNorm = old.norm2Number().doubleValue();
                double update = now.castTo(old.dataType()).sub(old).norm2Number().doubleValue();
                // a frozen layer makes no update: it has no ratio rather than a ratio of zero
                updateRatio = update == 0 ? Double.NaN : update / oldNorm;
            }
            ActivationFigures figures = activations.getOrDefault(name, ActivationFigures.NONE);
            layers.add(new LayerSignals(NodeIds.of(name, design), name, activationName(layer), parameters, weightNorm,
                    gradientNorms.getOrDefault(name, Double.NaN), updateRatio, figures.mean, figures.std,
                    figures.deadShare, figures.saturatedShare));
        }
        before.clear();
        return layers;
    }

    private static String name(Layer layer) {
        return layer.conf().getLayer().getLayerName();
    }

    static String activationName(Layer layer) {
        IActivation fn = activationOf(layer.conf().getLayer());
        if (fn == null) {
            return "";
        }
        if (fn instanceof ReluActivation || fn instanceof ActivationReLU) {
            return "relu";
        }
        if (fn instanceof ActivationSigmoid) {
            return "sigmoid";
        }
        if (fn instanceof ActivationTanH) {
            return "tanh";
        }
        return fn.getClass().getSimpleName().replaceFirst("^Activation", "").toLowerCase(Locale.ROOT);
    }

    private static IActivation activationOf(org.deeplearning4j.nn.conf.layers.Layer conf) {
        if (conf instanceof ShapePreservingLayer || conf instanceof BatchNormalization || conf instanceof DropoutLayer
                || conf instanceof LocalResponseNormalization) {
            // positional encoding, attention, layer norm, batch norm, dropout: they apply no activation function; the
            // one in their configuration is DL4J's default (sigmoid), and reading it made their outputs look saturated
            return null;
        }
        if (conf instanceof BaseLayer base) {
            return base.getActivationFn();
        }
        if (conf instanceof ActivationLayer activation) {
            return activation.getActivationFn();
        }
        if (conf instanceof org.deeplearning4j.nn.conf.layers.misc.FrozenLayer frozen) {
            return activationOf(frozen.getLayer());
        }
        return null;
    }

    /** Mean, spread, dead and saturated shares of one layer's activations over a minibatch. */
    private record ActivationFigures(double mean, double std, double deadShare, double saturatedShare) {
        static final ActivationFigures NONE = new ActivationFigures(Double.NaN, Double.NaN, Double.NaN, Double.NaN);

        static ActivationFigures of(INDArray a, String activation) {
            INDArray values = a.dataType() == DataType.DOUBLE || a.dataType() == DataType.FLOAT ? a
                    : a.castTo(DataType.FLOAT);
            if (values.length() == 0 || values.rank() < 2) {
                return NONE;
            }
            double mean = values.meanNumber().doubleValue();
            double std = values.stdNumber().doubleValue();
            // a unit is a feature (dense), a channel (convolution) or a feature over time (recurrent)
            long[] overExamples = values.rank() == 2 ? new long[]{0} : values.rank() == 3 ? new long[]{0, 2}
                    : new long[]{0, 2, 3};
            double[] largest = values.rank() > 4 ? new double[0]
                    : values.amax(toInts(overExamples)).toDoubleVector();
            int dead = 0;
            for (double v : largest) {
                if (v == 0) { // exactly: ND4J's own comparisons allow an epsilon
                    dead++;
                }
            }
            double saturated = Double.NaN;
            if ("sigmoid".equals(activation) || "tanh".equals(activation)) {
                INDArray centred = "sigmoid".equals(activation) ? values.mul(2).subi(1) : values;
                saturated = Transforms.abs(centred, true).gt(SATURATED).castTo(DataType.FLOAT).sumNumber()
                        .doubleValue() / values.length();
            }
            return new ActivationFigures(mean, std, largest.length == 0 ? Double.NaN : (double) dead / largest.length,
                    saturated);
        }

        private static int[] toInts(long[] dims) {
            int[] ints = new int[dims.length];
            for (int i = 0; i < dims.length; i++) {
                ints[i] = (int) dims[i];
            }
            return ints;
        }
    }

    /** Takes the figures while DL4J still holds the arrays: its workspaces reuse them after the callback. */
    private final class Listener extends BaseTrainingListener {
        @Override
        public void onForwardPass(Model model, Map<String, INDArray> layerActivations) {
            if (!(model instanceof ComputationGraph graph)) {
                return;
            }
            for (Layer layer : graph.getLayers()) {
                INDArray a = layerActivations.get(name(layer));
                if (a != null) {
                    activations.put(name(layer), ActivationFigures.of(a, activationName(layer)));
                }
            }
        }

        @Override
        public void onGradientCalculation(Model model) {
            if (!(model instanceof ComputationGraph graph)) {
                return;
            }
            for (Layer layer : graph.getLayers()) {
                INDArray gradient = layer.getGradientsViewArray();
                if (gradient != null && layer.numParams() > 0) {
                    gradientNorms.put(name(layer), gradient.norm2Number().doubleValue());
                }
            }
        }
    }
}
