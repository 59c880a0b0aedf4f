package dev.netwright.charts.metrics;

import dev.netwright.runtime.train.TrainingEvent;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Everything the charts draw for one run, built from its training events alone: loss per iteration (raw
 * and smoothed), learning rate and throughput per iteration, train and validation figures per epoch
 * (at the iteration where the epoch ended), epoch boundaries, the latest evaluation and the run's state.
 * Plain Java: fed on the FX thread by the batcher, testable without a toolkit.
 */
public final class RunMetrics {
    /** Weight of the past in the smoothed loss (as TensorBoard's smoothing slider, debiased at the start). */
    public static final double SMOOTHING = 0.9;

    /** Where the run is. */
    public enum State { WAITING, RUNNING, PAUSED, FINISHED, STOPPED, FAILED }

    private final Series loss = new Series();
    private final Series smoothedLoss = new Series();
    private final Series learningRate = new Series();
    private final Series samplesPerSecond = new Series();
    private final Series trainLoss = new Series();
    private final Series trainAccuracy = new Series();
    private final Series validationLoss = new Series();
    private final Series validationAccuracy = new Series();
    private final List<Double> epochBoundaries = new ArrayList<>();
    private double smoothing;
    private int smoothedCount;
    private TrainingEvent.RunStarted started;
    private TrainingEvent.Evaluation evaluation;
    private TrainingEvent lastEvent;
    private State state = State.WAITING;
    private String endMessage = "";
    private int epoch;
    private long iteration;

    public void accept(TrainingEvent event) {
        lastEvent = event;
        if (event instanceof TrainingEvent.RunStarted s) {
            started = s;
            state = State.RUNNING;
            epoch = s.firstEpoch();
        } else if (event instanceof TrainingEvent.Iteration it) {
            iteration = it.iteration();
            epoch = it.epoch();
            loss.add(it.iteration(), it.loss());
            smoothedCount++;
            smoothing = SMOOTHING * smoothing + (1 - SMOOTHING) * it.loss();
            smoothedLoss.add(it.iteration(), smoothing / (1 - Math.pow(SMOOTHING, smoothedCount)));
            learningRate.add(it.iteration(), it.learningRate());
            samplesPerSecond.add(it.iteration(), it.samplesPerSecond());
        } else if (event instanceof TrainingEvent.EpochEnd e) {
            trainLoss.add(e.iteration(), e.trainLoss());
            trainAccuracy.add(e.iteration(), e.trainAccuracy());
            validationLoss.add(e.iteration(), e.validationLoss());
            validationAccuracy.add(e.iteration(), e.validationAccuracy());
            epochBoundaries.add((double) e.iteration());
        } else if (event instanceof TrainingEvent.Evaluation ev) {
            evaluation = ev;
        } else if (event instanceof TrainingEvent.Paused) {
            state = State.PAUSED;
        } else if (event instanceof TrainingEvent.Resumed) {
            state = State.RUNNING;
        } else if (event instanceof TrainingEvent.Finished f) {
            state = State.FINISHED;
            endMessage = f.reason();
        } else if (event instanceof TrainingEvent.Stopped s) {
            state = State.STOPPED;
            endMessage = s.savedModel() ? "stopped at epoch " + s.epoch() + ", iteration " + s.iteration()
                    : "stopped before any training";
        } else if (event instanceof TrainingEvent.Failed f) {
            state = State.FAILED;
            endMessage = f.reason();
        }
    }

    public Series loss() {
        return loss;
    }

    public Series smoothedLoss() {
        return smoothedLoss;
    }

    public Series learningRate() {
        return learningRate;
    }

    public Series samplesPerSecond() {
        return samplesPerSecond;
    }

    public Series trainLoss() {
        return trainLoss;
    }

    public Series trainAccuracy() {
        return trainAccuracy;
    }

    public Series validationLoss() {
        return validationLoss;
    }

    public Series validationAccuracy() {
        return validationAccuracy;
    }

    /** Iterations at which epochs ended. */
    public List<Double> epochBoundaries() {
        return Collections.unmodifiableList(epochBoundaries);
    }

    public TrainingEvent.RunStarted started() {
        return started;
    }

    public TrainingEvent.Evaluation evaluation() {
        return evaluation;
    }

    public TrainingEvent lastEvent() {
        return lastEvent;
    }

    public State state() {
        return state;
    }

    /** Why the run ended (empty while it runs). */
    public String endMessage() {
        return endMessage;
    }

    public int epoch() {
        return epoch;
    }

    public long iteration() {
        return iteration;
    }

    /** Share of the run done, 0..1, from epochs and iterations seen. */
    public double progress() {
        if (started == null || loss.isEmpty()) {
            return 0;
        }
        double perEpoch = Math.ceil((double) started.samplesPerEpoch() / started.batchSize());
        double total = perEpoch * (started.epochs() - started.firstEpoch() + 1);
        double doneIterations = iteration - (loss.isEmpty() ? 0 : loss.x(0) - 1);
        return total <= 0 ? 0 : Math.min(1, doneIterations / total);
    }
}
