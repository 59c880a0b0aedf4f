package dev.netwright.runtime.doctor;

import dev.netwright.runtime.design.TrainingPlan;
import dev.netwright.runtime.train.TrainingEvent;
import dev.netwright.runtime.train.TrainingEvent.EpochDetail;
import dev.netwright.runtime.train.TrainingEvent.EpochEnd;
import dev.netwright.runtime.train.TrainingEvent.Finding;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.netwright.runtime.doctor.Findings.evidence;
import static dev.netwright.runtime.doctor.Findings.text;

/**
 * Diagnoses about the data and how it reaches the network: classes of very different sizes, a loop that waits for its
 * minibatches more than it computes, a class the model gets worse at while it gets better overall.
 */
final class DataRules {
    /**
     * Classes are imbalanced when the largest has this many times the examples of the smallest. Below about 3:1 a
     * softmax classifier trained on cross-entropy learns the smaller classes well enough; from 5:1 the rare classes'
     * recall falls visibly, and a split of balanced data (a few hundred examples per class) never comes near it by chance.
     */
    static final double IMBALANCE = 5;
    /**
     * ...and when the rarest class is rarer than a draw from equally common classes makes likely: with few examples
     * (a run's {@code --max-train} of a few dozen), 10 of one class and 2 of another is what a random subset of
     * balanced data gives. The rarest class's count is held to its binomial lower tail (n the training examples, p one
     * over the classes), which must be at most this probability shared out over the classes (a Bonferroni bound, as any
     * of them could have been the rarest).
     */
    static final double NOT_BY_CHANCE = 0.01;
    /** The loop is slowed by its input when it spends this share of its time or more waiting for minibatches... */
    static final double SLOW_SHARE = 0.3;
    /** ...and at least this many seconds in an epoch: waiting a few milliseconds is not worth a change. */
    static final double SLOW_SECONDS = 1.0;
    /**
     * A class's validation accuracy has drifted when it stayed this much (15 points) below its best epoch's for the
     * last {@value #DRIFT_EPOCHS} epochs... (one epoch is not enough: early in training, classes that look alike, as
     * Fashion-MNIST's coat, pullover and shirt, trade 20 points and more from one epoch to the next and back)
     */
    static final double DRIFT = 0.15;
    static final int DRIFT_EPOCHS = 2;
    /** ...while the overall accuracy rose, judged on classes with at least this many validation examples... */
    static final int DRIFT_MIN_EXAMPLES = 20;
    /**
     * ...and each of those epochs' fall from the best is beyond sampling noise: its one-sided p-value (a pooled
     * two-proportion z-test of the best epoch's count against that epoch's) is at most this probability shared out over
     * every comparison the rule could have made (each class considered, each earlier epoch that could have been its
     * best: a Bonferroni bound, since the best of many noisy epochs is high by chance). The same validation examples
     * are counted each epoch, so the two counts are correlated; the unpaired test then overstates the noise, and
     * errs towards silence.
     */
    static final double DRIFT_NOT_BY_CHANCE = 0.01;

    private DataRules() {
    }

    static Optional<Finding> classImbalance(TrainingEvent.ClassCounts counts, RunHistory history) {
        int[] train = counts.train();
        int largest = 0;
        int largestClass = -1;
        for (int k = 0; k < train.length; k++) {
            if (train[k] > largest) {
                largest = train[k];
                largestClass = k;
            }
        }
        if (largestClass < 0) {
            return Optional.empty();
        }
        List<String> rare = new ArrayList<>();
        Map<String, Double> figures = new LinkedHashMap<>();
        int smallest = largest;
        for (int k = 0; k < train.length; k++) {
            if (train[k] * IMBALANCE <= largest) {
                String name = name(counts, k);
                rare.add(train[k] + " of " + name);
                figures.put("examplesOf." + name, (double) train[k]);
                smallest = Math.min(smallest, train[k]);
            }
        }
        if (rare.isEmpty()) {
            return Optional.empty();
        }
        int total = 0;
        for (int count : train) {
            total += count;
        }
        double byChance = Math.min(1, train.length * Chance.binomialAtMost(smallest, total, 1.0 / train.length));
        if (byChance > NOT_BY_CHANCE) {
            return Optional.empty();
        }
        String largestName = name(counts, largestClass);
        figures.put("examplesOf." + largestName, (double) largest);
        figures.put("ratio", smallest == 0 ? Double.POSITIVE_INFINITY : (double) largest / smallest);
        figures.put("probabilityByChance", byChance);
        String which = String.join(", ", rare);
        List<TrainingEvent.Action> actions = List.of(
                Findings.advice("Gather more training examples of " + (rare.size() == 1 ? "that class." : "those classes.")),
                smallest > 0 ? Findings.perClass(smallest, "Balance the classes by ending the data reference with "
                        + "#per-class=" + smallest + ": it keeps at most " + smallest + " training examples of each "
                        + "class, so the common classes lose examples.")
                        : Findings.advice("Balance the classes by ending the data reference with #per-class=N: it "
                        + "keeps at most N training examples of each class, so the common classes lose examples."),
                Findings.advice("Netwright has no class weights or oversampling yet; until it has, watch the rare "
                        + "classes' recall in the evaluation rather than the overall accuracy."));
        boolean one = rare.size() == 1;
        return Findings.of(Findings.CLASS_IMBALANCE, null, text("A data problem: the classes are imbalanced. The "
                + "training data has %d examples of %s but only %s%s. A model trained on it sees the rare %s so seldom "
                + "that it can do well overall while it gets %s wrong.", largest, largestName, which,
                smallest == 0 ? "" : text(one ? " (%.0f times fewer)" : " (the rarest %.0f times fewer)",
                        (double) largest / smallest), one ? "class" : "classes",
                one ? "it" : "them"), figures, actions, history);
    }

    private static String name(TrainingEvent.ClassCounts counts, int k) {
        return k < counts.classNames().size() ? counts.classNames().get(k) : String.valueOf(k);
    }

    static Optional<Finding> slowInput(RunHistory history) {
        List<EpochDetail> details = history.details();
        if (details.isEmpty()) {
            return Optional.empty();
        }
        EpochDetail last = details.get(details.size() - 1);
        double share = last.waitingShare();
        if (!(share >= SLOW_SHARE) || last.secondsWaitingForData() < SLOW_SECONDS) {
            return Optional.empty();
        }
        // twice the batch, within what the training form takes; 0 (no batch size known) gives advice only
        int larger = (int) Math.min(TrainingPlan.MAX_BATCH_SIZE, 2L * history.batchSize());
        return Findings.of(Findings.SLOW_INPUT, null, text("A slow input pipeline: in epoch %d the training loop "
                + "waited %.1f s for its minibatches and computed for %.1f s, so %.0f %% of its time went on getting "
                + "the data ready rather than on learning. Netwright reads the whole data set into memory before "
                + "training and assembles (and augments) each minibatch on the training thread, one at a time; it has "
                + "no prefetch or cache setting, so the waiting is that assembling.", last.epoch(),
                last.secondsWaitingForData(), last.secondsComputing(), 100 * share),
                evidence("secondsWaitingForData", last.secondsWaitingForData(), "secondsComputing",
                        last.secondsComputing(), "waitingShare", share),
                List.of(Findings.advice("If the run augments its images, augment less (fewer or smaller changes) or "
                                + "not at all: augmentation is done for every minibatch, before its update."),
                        larger > history.batchSize() ? Findings.setSetting("batchSize", larger, "Use a larger "
                                + "batch size (" + larger + "): fewer, larger minibatches cost less to assemble per "
                                + "example.") : Findings.advice("Use a larger batch size: fewer, larger minibatches "
                                + "cost less to assemble per example."),
                        Findings.advice("Make the images smaller (or fewer channels) in the data, if the task allows.")),
                history);
    }

    /**
     * A class the model gets worse at while it gets better overall: see {@link #DRIFT}, {@link #DRIFT_EPOCHS},
     * {@link #DRIFT_MIN_EXAMPLES} and {@link #DRIFT_NOT_BY_CHANCE} for what counts. A class of 10 validation examples
     * that goes from 10 right to 8 right is not judged (too few; that fall's p-value is 0.07 even before the bound); 20
     * that go from 20 right to 14 have not drifted (p = 0.004, above 0.01 shared over 10 classes even with one earlier
     * epoch); 200 that go from
     * 180 right to 140 have (p = 3e-7).
     */
    static Optional<Finding> classAccuracyDrift(RunHistory history) {
        List<EpochDetail> details = history.details();
        List<EpochEnd> epochs = history.epochs();
        if (details.size() < DRIFT_EPOCHS + 1 || epochs.size() < 2) {
            return Optional.empty();
        }
        EpochDetail last = details.get(details.size() - 1);
        EpochEnd lastEnd = epochs.get(epochs.size() - 1);
        if (lastEnd.epoch() != last.epoch()) {
            return Optional.empty();
        }
        List<EpochDetail> candidates = details.subList(0, details.size() - DRIFT_EPOCHS);
        int considered = 0;
        for (int k = 0; k < last.validationClassCounts().length; k++) {
            if (last.validationClassCounts()[k] >= DRIFT_MIN_EXAMPLES) {
                considered++;
            }
        }
        double bound = DRIFT_NOT_BY_CHANCE / Math.max(1, considered * candidates.size());
        List<String> drifting = new ArrayList<>();
        Map<String, Double> figures = new LinkedHashMap<>();
        StringBuilder words = new StringBuilder();
        for (int k = 0; k < last.validationClassCounts().length; k++) {
            if (last.validationClassCounts()[k] < DRIFT_MIN_EXAMPLES) {
                continue;
            }
            EpochDetail best = null;
            for (EpochDetail d : candidates) {
                if (k < d.validationClassCounts().length && d.validationClassCounts()[k] > 0
                        && (best == null || d.classAccuracy(k) > best.classAccuracy(k))) {
                    best = d;
                }
            }
            EpochEnd bestEnd = best == null ? null : epochAt(epochs, best.epoch());
            if (best == null || bestEnd == null || !(lastEnd.validationAccuracy() > bestEnd.validationAccuracy())) {
                continue;
            }
            double pValue = stayedBelow(details, k, best);
            if (!(pValue <= bound)) {
                continue;
            }
            String name = history.className(k);
            drifting.add(name);
            figures.put("accuracyOf." + name + ".best", best.classAccuracy(k));
            figures.put("accuracyOf." + name + ".bestEpoch", (double) best.epoch());
            figures.put("accuracyOf." + name, last.classAccuracy(k));
            figures.put("accuracyOf." + name + ".pValue", pValue);
            words.append(text("%s%s: %.0f %% at epoch %d (%d of %d), %.0f %% now (%d of %d)",
                    words.length() == 0 ? "" : "; ", name, 100 * best.classAccuracy(k), best.epoch(),
                    best.validationClassCorrect()[k], best.validationClassCounts()[k], 100 * last.classAccuracy(k),
                    last.validationClassCorrect()[k], last.validationClassCounts()[k]));
            figures.put("validationAccuracyThen." + name, bestEnd.validationAccuracy());
        }
        if (drifting.isEmpty()) {
            return Optional.empty();
        }
        figures.put("validationAccuracy", lastEnd.validationAccuracy());
        String which = String.join(", ", drifting);
        boolean one = drifting.size() == 1;
        return Findings.of(Findings.CLASS_ACCURACY_DRIFT, history.outputNode(), text("The model is getting worse at "
                + "%s %s while it gets better overall (validation accuracy %.1f %% at epoch %d). %s. It is trading %s "
                + "for the others: %s examples probably look like another class's, which has more training examples or "
                + "is learnt first.", one ? "the class" : "the classes", which, 100 * lastEnd.validationAccuracy(),
                lastEnd.epoch(), words, one ? "that class" : "those classes", one ? "its" : "their"), figures,
                List.of(Findings.setSetting("earlyStoppingPatience", 2, "Enable early stopping (patience 2): it "
                                + "keeps the model of the epoch with the best validation loss."),
                        Findings.advice("Look at the confusion matrix of the evaluation: which class takes " + which
                                + "'s examples, and are they labelled right?"),
                        Findings.advice("Give " + which + " more training examples, or balance the classes with "
                                + "#per-class=N at the end of the data reference.")), history);
    }

    /**
     * The largest p-value of class {@code k}'s fall from its {@code best} epoch in each of the last {@link #DRIFT_EPOCHS}
     * epochs, or NaN when one of them is not {@link #DRIFT} below it.
     */
    private static double stayedBelow(List<EpochDetail> details, int k, EpochDetail best) {
        double worst = 0;
        for (EpochDetail d : details.subList(details.size() - DRIFT_EPOCHS, details.size())) {
            if (k >= d.validationClassCounts().length || !(d.classAccuracy(k) <= best.classAccuracy(k) - DRIFT)) {
                return Double.NaN;
            }
            worst = Math.max(worst, Chance.fallPValue(best.validationClassCorrect()[k],
                    best.validationClassCounts()[k], d.validationClassCorrect()[k], d.validationClassCounts()[k]));
        }
        return worst;
    }

    private static EpochEnd epochAt(List<EpochEnd> epochs, int epoch) {
        for (EpochEnd e : epochs) {
            if (e.epoch() == epoch) {
                return e;
            }
        }
        return null;
    }
}
