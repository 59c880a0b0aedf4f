package dev.netwright.charts.fx;

import dev.netwright.runtime.train.TrainingEvent;
import dev.netwright.runtime.train.TrainingListener;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.util.Duration;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;

/**
 * Hands training events from the worker's reader thread to the FX thread in batches, at most
 * {@link #HZ} times a second, so a fast run never floods the UI and the FX thread never waits on training.
 */
public final class EventBatcher implements TrainingListener {
    public static final int HZ = 10;

    private final ConcurrentLinkedQueue<TrainingEvent> queue = new ConcurrentLinkedQueue<>();
    private final Consumer<List<TrainingEvent>> onFxThread;
    private final Timeline timeline;

    /** {@code onFxThread} receives each non-empty batch, in order, on the FX thread. */
    public EventBatcher(Consumer<List<TrainingEvent>> onFxThread) {
        this.onFxThread = Objects.requireNonNull(onFxThread, "onFxThread");
        this.timeline = new Timeline(new KeyFrame(Duration.millis(1000.0 / HZ), e -> drain()));
        this.timeline.setCycleCount(Timeline.INDEFINITE);
    }

    /** Any thread. */
    @Override
    public void onEvent(TrainingEvent event) {
        queue.add(event);
        if (event.isTerminal()) {
            Platform.runLater(this::drain); // the end should not wait for the next tick
        }
    }

    public void start() {
        Platform.runLater(timeline::play);
    }

    public void stop() {
        Platform.runLater(() -> {
            timeline.stop();
            drain();
        });
    }

    /** FX thread: passes everything queued so far as one batch. */
    void drain() {
        List<TrainingEvent> batch = new ArrayList<>();
        for (TrainingEvent e = queue.poll(); e != null; e = queue.poll()) {
            batch.add(e);
        }
        if (!batch.isEmpty()) {
            onFxThread.accept(batch);
        }
    }
}
