package dev.netwright.runtime.doctor;

import dev.netwright.runtime.train.TrainingEvent;
import dev.netwright.runtime.train.TrainingEvent.EpochEnd;
import dev.netwright.runtime.train.TrainingEvent.Finding;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import static dev.netwright.runtime.doctor.Findings.evidence;
import static dev.netwright.runtime.doctor.Findings.text;

/**
 * Diagnoses from the results per epoch and the evaluation: overfitting, underfitting, and data problems (a loss that
 * stays at guessing; a class the model never predicts).
 */
final class EpochRules {
    /** A validation accuracy that rose this much (1 point) or more in the last epoch: the model was still learning. */
    static final double STILL_IMPROVING = 0.01;

    /**
     * Overfitting: the validation loss is this much above its best in the last two epochs, at least
     * {@value #EPOCHS_PAST_BEST} epochs on.
     */
    static final double RISE = 1.1;
    static final int EPOCHS_PAST_BEST = 2;
    /**
     * Overfitting: the rise must be beyond the sampling noise of the validation set, at this probability shared out over
     * the earlier epochs that could have been the best (a Bonferroni bound, as the class-accuracy drift's).
     */
    static final double RISE_NOT_BY_CHANCE = 0.01;
    /** A loss within this share of ln(classes) is the loss of guessing. */
    static final double AT_CHANCE = 0.95;
    /** A layer with this share of dead units passes (almost) nothing on. */
    static final double ALL_DEAD = 0.9;

    private EpochRules() {
    }

    /** @param raised whether a finding of that kind and node ({@link Doctor#key}) was already raised */
    static List<Optional<Finding>> check(RunHistory history, Predicate<String> raised) {
        List<Optional<Finding>> found = new ArrayList<>();
        found.add(overfitting(history));
        found.add(underfitting(history));
        if (!networkCannotLearn(history, raised)) {
            found.add(lossAtChance(history));
        }
        return found;
    }

    /**
     * Whether the network itself cannot learn (a learning rate far off, vanishing gradients, a layer whose units are
     * all dead): a loss at guessing, or a class never predicted, is then not the data's fault.
     */
    static boolean networkCannotLearn(RunHistory history, Predicate<String> raised) {
        return raised.test(Doctor.key(Findings.LEARNING_RATE_TOO_LOW, null))
                || raised.test(Doctor.key(Findings.LEARNING_RATE_TOO_HIGH, null))
                || history.layers().stream().anyMatch(l -> raised.test(Doctor.key(Findings.VANISHING_GRADIENTS, l.node()))
                || l.deadShare() >= ALL_DEAD);
    }

    static Optional<Finding> overfitting(RunHistory history) {
        List<EpochEnd> epochs = history.epochs();
        if (epochs.size() < EPOCHS_PAST_BEST + 1) {
            return Optional.empty();
        }
        EpochEnd best = epochs.get(0);
        for (EpochEnd e : epochs) {
            if (e.validationLoss() < best.validationLoss()) {
                best = e;
            }
        }
        EpochEnd last = epochs.get(epochs.size() - 1);
        EpochEnd before = epochs.get(epochs.size() - 2);
        // the epoch before the last must be as far above the best: a one-epoch jump of the validation loss in a run
        // that is still learning (a few updates an epoch) comes down again, and is no overfitting
        if (last.epoch() - best.epoch() < EPOCHS_PAST_BEST || !(last.validationLoss() > RISE * best.validationLoss())
                || !(before.validationLoss() > RISE * best.validationLoss()) || !(last.trainLoss() < best.trainLoss())) {
            return Optional.empty();
        }
        // The same validation examples at both epochs: their losses' change, example by example, says how much of the
        // rise a small validation set's sampling noise explains (a paired z-test). Runs recorded before the worker
        // measured it are judged as before.
        TrainingEvent.EpochDetail detail = detailOf(history.details(), last.epoch());
        double pValue = Double.NaN;
        int examples = 0;
        if (detail != null && detail.validationLossRiseSpread() != null) {
            examples = detail.validationExamples();
            double standardError = detail.validationLossRiseSpread() / Math.sqrt(Math.max(1, examples));
            double rise = last.validationLoss() - best.validationLoss();
            pValue = standardError > 0 ? Chance.upperTail(rise / standardError) : 0;
            if (!(pValue <= RISE_NOT_BY_CHANCE / (epochs.size() - 1))) {
                return Optional.empty();
            }
        }
        String node = history.lastHiddenNode();
        List<TrainingEvent.Action> actions = new ArrayList<>();
        actions.add(Findings.setSetting("earlyStoppingPatience", 2, "Enable early stopping (patience 2): it keeps the "
                + "model of the best epoch."));
        if (node != null) {
            actions.add(Findings.insertAfter(node, "Dropout", "Add a Dropout after " + node + "."));
        }
        actions.add(Findings.setSetting("l2", 1e-4, "Add L2 regularisation (0.0001)."));
        actions.add(Findings.advice("Train on more data, augment the images, or use a smaller model."));
        return Findings.of(Findings.OVERFITTING, node, text("Overfitting: the validation loss was best at epoch %d "
                + "(%.4g) and has risen to %.4g by epoch %d, while the training loss fell from %.4g to %.4g.%s The "
                + "model is learning its training examples by heart rather than what generalises.", best.epoch(),
                best.validationLoss(), last.validationLoss(), last.epoch(), best.trainLoss(), last.trainLoss(),
                Double.isNaN(pValue) ? "" : text(" On its %d validation examples that rise is beyond sampling noise "
                        + "(p = %.2g).", examples, pValue)),
                overfittingEvidence(best, last, examples, pValue), actions, history);
    }

    private static java.util.Map<String, Double> overfittingEvidence(EpochEnd best, EpochEnd last, int examples,
                                                                     double pValue) {
        java.util.Map<String, Double> figures = new java.util.LinkedHashMap<>(evidence("bestEpoch", best.epoch(),
                "bestValidationLoss", best.validationLoss(), "validationLoss", last.validationLoss(),
                "trainLoss", last.trainLoss(), "gap", last.validationLoss() - last.trainLoss()));
        if (!Double.isNaN(pValue)) {
            figures.put("validationExamples", (double) examples);
            figures.put("pValue", pValue);
        }
        return figures;
    }

    private static TrainingEvent.EpochDetail detailOf(List<TrainingEvent.EpochDetail> details, int epoch) {
        for (int i = details.size() - 1; i >= 0; i--) {
            if (details.get(i).epoch() == epoch) {
                return details.get(i);
            }
        }
        return null;
    }

    static Optional<Finding> underfitting(RunHistory history) {
        List<EpochEnd> epochs = history.epochs();
        double chance = history.chanceLoss();
        if (epochs.size() < 3 || !Double.isFinite(chance)) {
            return Optional.empty();
        }
        EpochEnd last = epochs.get(epochs.size() - 1);
        EpochEnd before = epochs.get(epochs.size() - 2);
        boolean learnsALittle = last.trainLoss() >= 0.5 * chance && last.trainLoss() < AT_CHANCE * chance;
        boolean noGap = last.validationLoss() - last.trainLoss() < 0.1 * last.trainLoss();
        boolean plateau = before.trainLoss() - last.trainLoss() < 0.05 * before.trainLoss();
        if (!learnsALittle || !noGap || !plateau) {
            return Optional.empty();
        }
        String node = history.lastHiddenNode();
        List<TrainingEvent.Action> actions = new ArrayList<>();
        if (node != null) {
            actions.add(Findings.insertAfter(node, "Dense", "Add a layer after " + node + ", or give it more units."));
        }
        actions.add(Findings.setSetting("epochs", last.epoch() * 2, "Train longer (" + last.epoch() * 2
                + " epochs)."));
        return Findings.of(Findings.UNDERFITTING, node, text("Underfitting: training and validation losses are both "
                + "high (%.4g and %.4g; guessing gives %.4g) and have stopped falling. The model is too small or too "
                + "constrained for the task, or needs longer.", last.trainLoss(), last.validationLoss(), chance),
                evidence("trainLoss", last.trainLoss(), "validationLoss", last.validationLoss(), "chanceLoss", chance),
                actions, history);
    }

    static Optional<Finding> lossAtChance(RunHistory history) {
        List<EpochEnd> epochs = history.epochs();
        double chance = history.chanceLoss();
        if (epochs.size() < 2 || !Double.isFinite(chance)) {
            return Optional.empty();
        }
        EpochEnd last = epochs.get(epochs.size() - 1);
        double guessingAccuracy = 1.0 / history.classes();
        if (!(last.validationLoss() >= AT_CHANCE * chance) || !(last.validationAccuracy() <= 1.3 * guessingAccuracy)) {
            return Optional.empty();
        }
        return Findings.of(Findings.LOSS_AT_CHANCE, null, text("A data problem: after %d epochs the validation loss is "
                + "%.4g, no better than guessing among %d classes (ln %d = %.4g), and the validation accuracy is %.3f, "
                + "what guessing gets (%.3f), although the network updates normally (training loss %.4g). Nothing in "
                + "the inputs predicts the labels: check that each label belongs to its input (not shuffled or "
                + "misaligned by a sort), and that the inputs are not constant.", last.epoch(), last.validationLoss(),
                history.classes(), history.classes(), chance, last.validationAccuracy(), guessingAccuracy,
                last.trainLoss()), evidence("validationLoss", last.validationLoss(), "chanceLoss", chance,
                "validationAccuracy", last.validationAccuracy(), "trainLoss", last.trainLoss()),
                List.of(Findings.advice("Check that the labels match the inputs.")), history);
    }

    static Optional<Finding> classesNeverPredicted(RunHistory history, TrainingEvent.Evaluation evaluation) {
        int[][] confusion = evaluation.confusion();
        List<String> never = new ArrayList<>();
        java.util.Map<String, Double> figures = new java.util.LinkedHashMap<>();
        for (int k = 0; k < confusion.length; k++) {
            int actual = 0;
            int predicted = 0;
            for (int i = 0; i < confusion.length; i++) {
                actual += confusion[k][i];
                predicted += confusion[i][k];
            }
            if (predicted == 0 && actual > 0) {
                String name = k < evaluation.classNames().size() ? evaluation.classNames().get(k) : String.valueOf(k);
                never.add(name);
                figures.put("examplesOf." + name, (double) actual);
            }
        }
        if (never.isEmpty()) {
            return Optional.empty();
        }
        figures.put("accuracy", evaluation.accuracy());
        String which = String.join(", ", never);
        List<EpochEnd> epochs = history.epochs();
        if (epochs.size() >= 2) {
            EpochEnd last = epochs.get(epochs.size() - 1);
            EpochEnd before = epochs.get(epochs.size() - 2);
            if (last.validationAccuracy() - before.validationAccuracy() >= STILL_IMPROVING) {
                // a model still learning fast gives up the hardest class first: the cause is the budget, not the data
                figures.put("validationAccuracyBefore", before.validationAccuracy());
                figures.put("validationAccuracy", last.validationAccuracy());
                return Findings.of(Findings.CLASS_NEVER_PREDICTED, history.outputNode(), text("The model never "
                        + "predicts %s %s on the %s data, which holds examples of it; but it was still improving "
                        + "fast when training ended (validation accuracy %.3f, then %.3f in the last epoch), and an "
                        + "unfinished model gives up its hardest classes first. Train longer before looking for a "
                        + "data problem.", never.size() == 1 ? "the class" : "the classes", which, evaluation.set(),
                        before.validationAccuracy(), last.validationAccuracy()), figures,
                        List.of(Findings.setSetting("epochs", last.epoch() * 2, "Train longer (" + last.epoch() * 2
                                + " epochs).")), history);
            }
        }
        return Findings.of(Findings.CLASS_NEVER_PREDICTED, history.outputNode(), text("A data problem: the model never "
                + "predicts %s %s on the %s data, which holds examples of it. A class that is rare in the training "
                + "data, or whose labels are wrong, is given up for the others.", never.size() == 1 ? "the class"
                : "the classes", which, evaluation.set()), figures, List.of(Findings.advice("Check how many training "
                + "examples " + which + " has, and that they are labelled right; balance the classes.")), history);
    }
}
