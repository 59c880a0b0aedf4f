package dev.netwright.app.cli;

import dev.netwright.app.cli.progress.ProgressLine;
import dev.netwright.runtime.train.TrainingEvent;
import dev.netwright.runtime.train.TrainingListener;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * Prints a run's progress: on a terminal, one line redrawn in place (epoch, bar, loss, accuracy,
 * samples/s, ETA); otherwise a line every few seconds. Epoch results and the end get a line each.
 */
final class ProgressPrinter implements TrainingListener {
    private static final int BAR = ProgressLine.CELLS;
    private static final long QUIET_NANOS = 5_000_000_000L;

    private final PrintWriter out;
    private final boolean interactive;
    private int epochs;
    private int firstEpoch = 1;
    private int samplesPerEpoch;
    private int batchSize;
    private long iterationsInEpoch;
    /** The iteration of the last event, 0 before the first. */
    private long lastIteration;
    private int currentEpoch;
    private double lastAccuracy = Double.NaN;
    private long lastPrinted;
    private boolean lineOpen;

    ProgressPrinter(PrintWriter out, boolean interactive) {
        this.out = out;
        this.interactive = interactive;
    }

    @Override
    public synchronized void onEvent(TrainingEvent event) {
        if (event instanceof TrainingEvent.RunStarted s) {
            epochs = s.epochs();
            firstEpoch = s.firstEpoch();
            samplesPerEpoch = s.samplesPerEpoch();
            batchSize = s.batchSize();
            println(String.format(Locale.ROOT, "Training on %s (%s): %,d parameters, %,d training and %,d validation samples, %s",
                    s.backend(), s.device(), s.parameters(), s.samplesPerEpoch(), s.validationSamples(), s.data()));
            if (interactive) {
                // a large network can take long over its first minibatch: say that it is running
                out.print("\r" + ProgressLine.start(firstEpoch, epochs, 0) + " the first minibatch is running...");
                lineOpen = true;
                out.flush();
            }
        } else if (event instanceof TrainingEvent.Notice n) {
            println(n.message());
        } else if (event instanceof TrainingEvent.Iteration it) {
            if (it.epoch() != currentEpoch) {
                currentEpoch = it.epoch();
                iterationsInEpoch = 0;
            }
            // by the run's count: a data-parallel run reports a whole epoch's minibatches in one event
            long previous = lastIteration != 0 ? lastIteration : firstEpoch == 1 ? 0 : it.iteration() - 1;
            iterationsInEpoch += Math.max(1, it.iteration() - previous);
            lastIteration = it.iteration();
            progress(it);
        } else if (event instanceof TrainingEvent.EpochEnd e) {
            lastAccuracy = e.validationAccuracy();
            println(String.format(Locale.ROOT, "epoch %d/%d: train loss %.4f, accuracy %.3f | validation loss %.4f, accuracy %.3f | %.1f s",
                    e.epoch(), epochs, e.trainLoss(), e.trainAccuracy(), e.validationLoss(), e.validationAccuracy(), e.seconds()));
        } else if (event instanceof TrainingEvent.Finding finding) {
            FindingLines.of(finding).forEach(this::println);
        } else if (event instanceof TrainingEvent.Paused) {
            println("paused");
        } else if (event instanceof TrainingEvent.Resumed) {
            println("resumed");
        } else if (event instanceof TrainingEvent.Evaluation ev) {
            println(String.format(Locale.ROOT, "%s accuracy %.4f, %d misclassified", ev.set(), ev.accuracy(),
                    ev.misclassified().size()));
        } else if (event instanceof TrainingEvent.Finished f) {
            println("finished (" + f.reason() + "); model: " + f.modelFile());
        } else if (event instanceof TrainingEvent.Stopped s && !s.savedModel()) {
            println("stopped before any training; no model was saved");
        } else if (event instanceof TrainingEvent.Stopped s) {
            println("stopped at epoch " + s.epoch() + ", iteration " + s.iteration() + "; model: " + s.modelFile());
        } else if (event instanceof TrainingEvent.Failed f) {
            println("failed: " + f.reason());
            f.logTail().forEach(line -> println("  | " + line));
        }
    }

    private void progress(TrainingEvent.Iteration it) {
        long now = System.nanoTime();
        if (!interactive && now - lastPrinted < QUIET_NANOS) {
            return;
        }
        lastPrinted = now;
        double done = Math.min(1, samplesPerEpoch == 0 ? 0 : (double) iterationsInEpoch * batchSize / samplesPerEpoch);
        int filled = (int) Math.round(done * BAR);
        long remainingSamples = (long) ((1 - done) * samplesPerEpoch) + (long) (epochs - it.epoch()) * samplesPerEpoch;
        String eta = it.samplesPerSecond() > 0 ? duration(remainingSamples / it.samplesPerSecond()) : "?";
        String line = ProgressLine.start(it.epoch(), epochs, filled) + String.format(Locale.ROOT,
                " %3.0f%% loss %.4f%s %,.0f samples/s ETA %s", done * 100, it.loss(),
                Double.isNaN(lastAccuracy) ? "" : String.format(Locale.ROOT, " val acc %.3f", lastAccuracy),
                it.samplesPerSecond(), eta);
        if (interactive) {
            out.print("\r" + line);
            lineOpen = true;
            out.flush();
        } else {
            println(line);
        }
    }

    private void println(String line) {
        if (lineOpen) {
            out.print("\r\033[2K");
            lineOpen = false;
        }
        out.println(line);
        out.flush();
    }

    private static String duration(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
