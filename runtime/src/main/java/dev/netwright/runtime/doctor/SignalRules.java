package dev.netwright.runtime.doctor;

import dev.netwright.runtime.train.TrainingEvent;
import dev.netwright.runtime.train.TrainingEvent.Finding;
import dev.netwright.runtime.train.TrainingEvent.LayerSignals;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

import static dev.netwright.runtime.doctor.Findings.evidence;
import static dev.netwright.runtime.doctor.Findings.plain;
import static dev.netwright.runtime.doctor.Findings.text;

/**
 * Diagnoses from the sampled signals inside the network: the learning rate from update:parameter ratios and the loss,
 * vanishing or exploding gradients from gradient sizes by depth, dead and saturated units from activations.
 */
final class SignalRules {
    /** An update that moves a layer by a tenth of its size each step (healthy: about 0.001 to 0.01) is far too big. */
    static final double RATIO_TOO_HIGH = 0.1;
    /** An update that moves a layer by at most this share of its size per step barely trains it. */
    static final double RATIO_TOO_LOW = 1e-5;
    /** The first layer's gradient per parameter this many times smaller (or larger) than the output's. */
    static final double GRADIENT_SPREAD = 1e4;
    /** A ReLU layer with at least this share of units zero for every example of a minibatch. */
    static final double DEAD_SHARE = 0.5;
    /** A sigmoid or tanh layer with at least this share of its values at the function's limits. */
    static final double SATURATED_SHARE = 0.5;

    private SignalRules() {
    }

    static List<Optional<Finding>> check(RunHistory history) {
        List<Optional<Finding>> found = new ArrayList<>();
        found.add(learningRate(history));
        found.add(gradients(history));
        for (LayerSignals layer : history.layers()) {
            found.add(deadUnits(history, layer));
            found.add(saturatedUnits(history, layer));
        }
        return found;
    }

    /** The largest update ratio of any trainable layer, median over the recent samples, and the layer it was in. */
    private record FastestLayer(double ratio, String node) {
    }

    private static FastestLayer fastest(RunHistory history) {
        List<Double> ratios = new ArrayList<>();
        String node = null;
        for (TrainingEvent.Signals s : history.recentSignals()) {
            double max = Double.NaN;
            for (LayerSignals layer : s.layers()) {
                if (Double.isFinite(layer.updateRatio()) && !(layer.updateRatio() <= max)) {
                    max = layer.updateRatio();
                    node = layer.node();
                }
            }
            ratios.add(max);
        }
        return new FastestLayer(RunHistory.median(ratios), node);
    }

    static Optional<Finding> learningRate(RunHistory history) {
        int samples = history.recentSignals().size();
        FastestLayer fastest = fastest(history);
        double r = fastest.ratio();
        double early = history.earlyLoss();
        double recent = history.recentLoss();
        boolean compared = history.lossCount() >= 2 * RunHistory.LOSS_WINDOW;
        boolean farAboveGuessing = recent > 2 * history.chanceLoss();
        if (samples >= 2 && r >= RATIO_TOO_HIGH && (farAboveGuessing || compared && recent >= 0.9 * early)) {
            return tooHigh(history, r, fastest.node(), "the loss is not going down");
        }
        if (samples >= RunHistory.RECENT && r <= RATIO_TOO_LOW && compared && Math.abs(recent - early) < 0.02 * early) {
            double lr = history.learningRate();
            double suggested = lr * Math.min(1000, Math.max(10, Math.pow(10, Math.floor(Math.log10(1e-2 / r)))));
            return Findings.of(Findings.LEARNING_RATE_TOO_LOW, null, text("The learning rate (%s) is too low: each "
                    + "update moves even the fastest layer, %s, by only %.2g of its weights' size (healthy training "
                    + "moves them by about 0.001 to 0.01 a step), and the loss stays flat (%.4g at the start, %.4g "
                    + "now). Raise the learning rate.", plain(lr), fastest.node(), r, early, recent),
                    evidence("updateRatio", r, "learningRate", lr, "lossAtStart", early, "lossNow", recent),
                    List.of(Findings.setSetting("learningRate", suggested, "Set the learning rate to "
                            + plain(suggested) + ".")), history);
        }
        return Optional.empty();
    }

    /** A run that failed with a diverging or non-finite loss: the learning rate, most likely. */
    static Optional<Finding> diverged(RunHistory history) {
        boolean nonFinite = !Double.isFinite(history.lastLoss()) || history.layers().stream()
                .anyMatch(l -> l.parameters() > 0 && !Double.isFinite(l.weightNorm()));
        boolean farAbove = history.recentLoss() > 2 * history.chanceLoss();
        if (!nonFinite && !farAbove) {
            return Optional.empty();
        }
        FastestLayer fastest = fastest(history);
        return tooHigh(history, fastest.ratio(), fastest.node(), nonFinite ? "the weights or the loss became "
                + "infinite or NaN" : "the loss ran far above what guessing gives");
    }

    private static Optional<Finding> tooHigh(RunHistory history, double r, String node, String symptom) {
        double lr = history.learningRate();
        double factor = Double.isFinite(r) ? Math.pow(10, Math.floor(Math.log10(1e-2 / r))) : 0.01;
        double suggested = lr * Math.max(1e-3, Math.min(0.1, factor));
        String moves = Double.isFinite(r) ? text("each update moves %s's weights by %.3g of their size (healthy "
                + "training moves them by about 0.001 to 0.01 a step), and ", node, r) : "";
        return Findings.of(Findings.LEARNING_RATE_TOO_HIGH, null, text("The learning rate (%s) is too high: %s%s "
                        + "(loss %.4g over the first iterations, %.4g over the latest; guessing gives %.4g).",
                        plain(lr), moves, symptom, history.earlyLoss(), history.recentLoss(), history.chanceLoss()),
                evidence("updateRatio", r, "learningRate", lr, "lossAtStart", history.earlyLoss(),
                        "lossNow", history.recentLoss(), "lossNoise", history.recentNoise(),
                        "chanceLoss", history.chanceLoss()),
                List.of(Findings.setSetting("learningRate", suggested, "Set the learning rate to " + plain(suggested)
                                + "."),
                        Findings.setSetting("gradientClipping", 1.0, "Clip gradients at 1.")), history);
    }

    static Optional<Finding> gradients(RunHistory history) {
        if (history.recentSignals().size() < 2) {
            return Optional.empty();
        }
        double spread = medianOverSamples(history, SignalRules::firstToLastGradient);
        List<LayerSignals> trainable = history.trainableLayers();
        if (trainable.size() < 3 || !Double.isFinite(spread)) {
            return Optional.empty();
        }
        LayerSignals first = trainable.get(0);
        LayerSignals last = trainable.get(trainable.size() - 1);
        Object[] figures = {"firstLayerGradientRms", first.gradientRms(), "outputGradientRms", last.gradientRms(),
                "ratio", spread, "trainableLayers", trainable.size()};
        if (spread < 1 / GRADIENT_SPREAD) {
            return Findings.of(Findings.VANISHING_GRADIENTS, first.node(), text("Vanishing gradients: the gradient "
                    + "reaching %s, the first layer, is %.2g times the output layer's (per weight), across %d layers, "
                    + "so the layers near the input barely learn. Sigmoid and tanh shrink the gradient at every layer; "
                    + "ReLU does not, and BatchNorm or residual connections keep it alive in deep stacks.",
                    first.node(), spread, trainable.size()), evidence(figures), List.of(
                    Findings.setParam(first.node(), "activation", "relu", "Use ReLU in " + first.node()
                            + " and the layers above it."),
                    Findings.insertAfter(first.node(), "BatchNorm", "Insert a BatchNorm after " + first.node() + "."),
                    Findings.advice("Use fewer layers.")), history);
        }
        if (spread > GRADIENT_SPREAD) {
            return Findings.of(Findings.EXPLODING_GRADIENTS, first.node(), text("Exploding gradients: the gradient "
                    + "reaching %s, the first layer, is %.2g times the output layer's (per weight), so its updates "
                    + "are far too big.", first.node(), spread), evidence(figures), List.of(
                    Findings.setSetting("gradientClipping", 1.0, "Clip gradients at 1."),
                    Findings.insertAfter(first.node(), "BatchNorm", "Insert a BatchNorm after " + first.node() + "."),
                    Findings.setSetting("learningRate", history.learningRate() / 10, "Lower the learning rate.")),
                    history);
        }
        return Optional.empty();
    }

    private static double firstToLastGradient(TrainingEvent.Signals s) {
        List<LayerSignals> trainable = s.layers().stream().filter(l -> l.parameters() > 0
                && Double.isFinite(l.gradientNorm())).toList();
        if (trainable.size() < 3 || trainable.get(trainable.size() - 1).gradientNorm() == 0) {
            return Double.NaN;
        }
        return trainable.get(0).gradientRms() / trainable.get(trainable.size() - 1).gradientRms();
    }

    private static double medianOverSamples(RunHistory history, ToDoubleFunction<TrainingEvent.Signals> figure) {
        return RunHistory.median(history.recentSignals().stream().map(figure::applyAsDouble).toList());
    }

    private static double layerMedian(RunHistory history, String layerName, ToDoubleFunction<LayerSignals> figure) {
        return medianOverSamples(history, s -> s.layers().stream().filter(l -> l.layer().equals(layerName))
                .mapToDouble(figure).findFirst().orElse(Double.NaN));
    }

    static Optional<Finding> deadUnits(RunHistory history, LayerSignals layer) {
        // three samples: a unit silent for one small minibatch may still fire for others
        if (!"relu".equals(layer.activation()) || history.recentSignals().size() < RunHistory.RECENT) {
            return Optional.empty();
        }
        double dead = layerMedian(history, layer.layer(), LayerSignals::deadShare);
        if (!(dead >= DEAD_SHARE)) {
            return Optional.empty();
        }
        return Findings.of(Findings.DEAD_UNITS, layer.node(), text("Dead ReLUs in %s: %.0f %% of its units give zero "
                + "for every example, so they pass no gradient and never learn again. A too-high learning rate or a "
                + "large negative bias pushes them there; LeakyReLU keeps a small gradient.", layer.node(),
                dead * 100), evidence("deadShare", dead, "activationMean", layer.activationMean()), List.of(
                Findings.setParam(layer.node(), "activation", "leakyrelu", "Use LeakyReLU in " + layer.node() + "."),
                Findings.setSetting("normalisation", "STANDARDISE", "Standardise the inputs: inputs all of one sign "
                        + "give a unit a sum of one sign for every example."),
                Findings.setSetting("learningRate", history.learningRate() / 10, "Lower the learning rate.")),
                history);
    }

    static Optional<Finding> saturatedUnits(RunHistory history, LayerSignals layer) {
        boolean squashing = "sigmoid".equals(layer.activation()) || "tanh".equals(layer.activation());
        if (!squashing || history.recentSignals().size() < 2) {
            return Optional.empty();
        }
        double saturated = layerMedian(history, layer.layer(), LayerSignals::saturatedShare);
        if (!(saturated >= SATURATED_SHARE)) {
            return Optional.empty();
        }
        return Findings.of(Findings.SATURATED_UNITS, layer.node(), text("Saturated %s in %s: %.0f %% of its outputs "
                + "sit at the function's limits, where its slope is almost zero, so little gradient passes through.",
                layer.activation(), layer.node(), saturated * 100), evidence("saturatedShare", saturated,
                "activationMean", layer.activationMean(), "activationStd", layer.activationStd()), List.of(
                Findings.setParam(layer.node(), "activation", "relu", "Use ReLU in " + layer.node() + "."),
                Findings.setSetting("normalisation", "STANDARDISE", "Standardise the inputs (normalisation STANDARDISE).")),
                history);
    }
}
