package dev.netwright.app.training;

import dev.netwright.charts.fx.EventBatcher;
import dev.netwright.runtime.train.TrainingEvent;
import dev.netwright.runtime.train.TrainingListener;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;

/**
 * Hands a run's events from the worker's reader thread to the UI thread in batches, on each tick of a timer
 * ({@link EventBatcher#HZ} a second), so a fast run never floods the UI; the end of a run does not wait for a tick.
 * The same batching as the charts' {@link EventBatcher}, on injected timers instead of JavaFX's clock.
 */
final class EventInbox implements TrainingListener {
    static final Duration TICK = Duration.ofMillis(1000 / EventBatcher.HZ);

    private final ConcurrentLinkedQueue<TrainingEvent> queue = new ConcurrentLinkedQueue<>();
    private final Consumer<List<TrainingEvent>> onBatch;
    private final Consumer<Runnable> onUiThread;
    private Timers.Timer ticks;

    /** {@code onBatch} receives each non-empty batch, in order, on the UI thread. */
    EventInbox(Consumer<List<TrainingEvent>> onBatch, Consumer<Runnable> onUiThread) {
        this.onBatch = Objects.requireNonNull(onBatch, "onBatch");
        this.onUiThread = Objects.requireNonNull(onUiThread, "onUiThread");
    }

    /** UI thread. */
    void start(Timers timers) {
        ticks = timers.every(TICK, this::drain);
    }

    /** UI thread: no more ticks; what is queued still comes, as one last batch. */
    void stop() {
        if (ticks != null) {
            ticks.cancel();
        }
        onUiThread.accept(this::drain);
    }

    /** Any thread. */
    @Override
    public void onEvent(TrainingEvent event) {
        queue.add(event);
        if (event.isTerminal()) {
            onUiThread.accept(this::drain);
        }
    }

    /** UI thread: passes everything queued so far as one batch. */
    void drain() {
        List<TrainingEvent> batch = new ArrayList<>();
        for (TrainingEvent e = queue.poll(); e != null; e = queue.poll()) {
            batch.add(e);
        }
        if (!batch.isEmpty()) {
            onBatch.accept(batch);
        }
    }
}
