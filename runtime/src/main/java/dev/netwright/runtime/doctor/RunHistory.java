package dev.netwright.runtime.doctor;

import dev.netwright.runtime.train.TrainingEvent;
import dev.netwright.runtime.train.TrainingEvent.LayerSignals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** What the doctor has seen of a run so far: every loss, the recent sampled signals, every epoch's results. */
final class RunHistory {
    /** Signal rules judge the median of this many latest samples, so that one odd minibatch does not decide. */
    static final int RECENT = 3;
    /** Loss trends compare the mean of this many first iterations with as many latest ones. */
    static final int LOSS_WINDOW = 10;

    private double[] losses = new double[256];
    private int lossCount;
    private final List<TrainingEvent.Signals> signals = new ArrayList<>();
    private final List<TrainingEvent.EpochEnd> epochs = new ArrayList<>();
    private final List<TrainingEvent.EpochDetail> details = new ArrayList<>();
    private List<String> classNames = List.of();
    private double learningRate = Double.NaN;
    private int classes;
    private int batchSize;
    private int epoch;
    private long iteration;

    void add(TrainingEvent.Iteration it) {
        if (lossCount == losses.length) {
            losses = Arrays.copyOf(losses, lossCount * 2);
        }
        losses[lossCount++] = it.loss();
        learningRate = it.learningRate();
        epoch = it.epoch();
        iteration = it.iteration();
    }

    void add(TrainingEvent.Signals s) {
        signals.add(s);
        if (signals.size() > RECENT) {
            signals.remove(0);
        }
        classes = s.classes();
        epoch = s.epoch();
        iteration = Math.max(iteration, s.iteration());
    }

    void add(TrainingEvent.EpochEnd end) {
        epochs.add(end);
        epoch = end.epoch();
    }

    void add(TrainingEvent.EpochDetail detail) {
        details.add(detail);
        epoch = detail.epoch();
    }

    /** A finding made before the first update (about the data) is of the run's first epoch. */
    void add(TrainingEvent.RunStarted started) {
        epoch = started.firstEpoch();
        batchSize = started.batchSize();
    }

    /** The run's batch size; 0 before it started. */
    int batchSize() {
        return batchSize;
    }

    void add(TrainingEvent.ClassCounts counts) {
        classNames = counts.classNames();
    }

    /** Every epoch's detail (time waiting for data, each class's validation accuracy), in order. */
    List<TrainingEvent.EpochDetail> details() {
        return details;
    }

    /** Class {@code k}'s name as the data names it, or its index where the run did not say. */
    String className(int k) {
        return k < classNames.size() ? classNames.get(k) : String.valueOf(k);
    }

    List<TrainingEvent.Signals> recentSignals() {
        return signals;
    }

    /** The latest sample's layers, from the input to the output; empty before the first sample. */
    List<LayerSignals> layers() {
        return signals.isEmpty() ? List.of() : signals.get(signals.size() - 1).layers();
    }

    /** The latest sample's layers that have parameters, from the input to the output. */
    List<LayerSignals> trainableLayers() {
        return layers().stream().filter(l -> l.parameters() > 0).toList();
    }

    /** The node a new layer goes after to regularise the network's top: the last trainable one before the output. */
    String lastHiddenNode() {
        List<LayerSignals> trainable = trainableLayers();
        return trainable.size() < 2 ? null : trainable.get(trainable.size() - 2).node();
    }

    String outputNode() {
        List<LayerSignals> trainable = trainableLayers();
        return trainable.isEmpty() ? null : trainable.get(trainable.size() - 1).node();
    }

    List<TrainingEvent.EpochEnd> epochs() {
        return epochs;
    }

    int lossCount() {
        return lossCount;
    }

    double lastLoss() {
        return lossCount == 0 ? Double.NaN : losses[lossCount - 1];
    }

    /** The mean loss of the first {@link #LOSS_WINDOW} iterations. */
    double earlyLoss() {
        return mean(0, Math.min(LOSS_WINDOW, lossCount));
    }

    /** The mean loss of the latest {@link #LOSS_WINDOW} iterations. */
    double recentLoss() {
        return mean(Math.max(0, lossCount - LOSS_WINDOW), lossCount);
    }

    /**
     * How much the latest losses jump about: the standard deviation of the step-to-step changes over the latest
     * window, relative to their mean (0 for a smooth curve).
     */
    double recentNoise() {
        int from = Math.max(1, lossCount - LOSS_WINDOW);
        int n = lossCount - from;
        if (n < 2) {
            return Double.NaN;
        }
        double sum = 0;
        double squares = 0;
        for (int i = from; i < lossCount; i++) {
            double step = losses[i] - losses[i - 1];
            sum += step;
            squares += step * step;
        }
        double mean = sum / n;
        return Math.sqrt(Math.max(0, squares / n - mean * mean)) / Math.abs(recentLoss());
    }

    private double mean(int from, int to) {
        if (to <= from) {
            return Double.NaN;
        }
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += losses[i];
        }
        return sum / (to - from);
    }

    /** The loss of guessing uniformly, ln(classes); NaN before the classes are known. */
    double chanceLoss() {
        return classes < 2 ? Double.NaN : Math.log(classes);
    }

    int classes() {
        return classes;
    }

    double learningRate() {
        return learningRate;
    }

    int epoch() {
        return epoch;
    }

    long iteration() {
        return iteration;
    }

    static double median(List<Double> values) {
        List<Double> finite = values.stream().filter(Double::isFinite).sorted().toList();
        if (finite.isEmpty()) {
            return Double.NaN;
        }
        int n = finite.size();
        return n % 2 == 1 ? finite.get(n / 2) : (finite.get(n / 2 - 1) + finite.get(n / 2)) / 2;
    }
}
