package dev.netwright.app.files;

import dev.netwright.runtime.design.Design;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Drives {@link Autosave}: on each tick it reads the open design on the UI thread and, if its revision
 * changed since the last save or autosave, writes the recovery copy on the writer thread, so the UI
 * never waits for the disk. All writes and clears go through the one writer, in order, which is why
 * {@link #markSaved} clears the recovery copy itself: a write already queued cannot bring it back.
 */
public final class AutosaveTimer implements AutoCloseable {
    public static final Duration DEFAULT_PERIOD = Duration.ofSeconds(30);

    private static final Logger LOG = LoggerFactory.getLogger(AutosaveTimer.class);
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);
    private static final long NEVER = Long.MIN_VALUE;

    /**
     * The open design as the UI sees it at one moment.
     *
     * @param revision grows with every edit (e.g. the undo manager's revision); equal revisions mean equal designs
     * @param file     the design's file, or null while it is untitled
     */
    public record Snapshot(Design design, long revision, Path file) {
        public Snapshot {
            Objects.requireNonNull(design, "design");
        }
    }

    private final Autosave autosave;
    private final Supplier<Snapshot> snapshots;
    private final Consumer<Runnable> onUiThread;
    private final Executor writer;
    private final ScheduledExecutorService ownedScheduler;

    // Guarded by this. "Covered" = safe on disk, as the saved file or as the recovery copy (or queued to be).
    private long coveredRevision = NEVER;
    private long savedRevision = NEVER;

    /**
     * A timer that ticks only when {@link #tick()} is called; tests drive it by hand with
     * {@code Runnable::run} for both the UI hop and the writer.
     *
     * @param onUiThread runs a task on the UI thread, e.g. {@code Platform::runLater}
     * @param writer     runs the disk writes, in submission order; must not be the UI thread
     */
    public AutosaveTimer(Autosave autosave, Supplier<Snapshot> snapshots, Consumer<Runnable> onUiThread,
                         Executor writer) {
        this(autosave, snapshots, onUiThread, writer, null);
    }

    private AutosaveTimer(Autosave autosave, Supplier<Snapshot> snapshots, Consumer<Runnable> onUiThread,
                          Executor writer, ScheduledExecutorService ownedScheduler) {
        this.autosave = Objects.requireNonNull(autosave, "autosave");
        this.snapshots = Objects.requireNonNull(snapshots, "snapshots");
        this.onUiThread = Objects.requireNonNull(onUiThread, "onUiThread");
        this.writer = Objects.requireNonNull(writer, "writer");
        this.ownedScheduler = ownedScheduler;
    }

    /**
     * Starts a timer on its own daemon thread that ticks every {@code period} (first tick after one period)
     * and also does the writes. {@link #close()} stops it.
     */
    public static AutosaveTimer start(Autosave autosave, Supplier<Snapshot> snapshots,
                                      Consumer<Runnable> onUiThread, Duration period) {
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("the autosave period must be positive, was " + period);
        }
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "netwright-autosave");
            thread.setDaemon(true);
            return thread;
        });
        AutosaveTimer timer = new AutosaveTimer(autosave, snapshots, onUiThread, scheduler, scheduler);
        long millis = period.toMillis();
        scheduler.scheduleWithFixedDelay(timer::tick, millis, millis, TimeUnit.MILLISECONDS);
        return timer;
    }

    /** One autosave check: asks the UI thread for a snapshot and queues a write if it changed. */
    public void tick() {
        onUiThread.accept(this::checkOnUiThread);
    }

    /**
     * Tells the timer the design is on disk at {@code revision}: that revision is not autosaved, and the
     * recovery copy is cleared (on the writer, after any write already queued). Call it after every save
     * and save-as, and after opening a file or starting a new design, whose revision counters may restart.
     */
    public void markSaved(long revision) {
        synchronized (this) {
            savedRevision = revision;
            coveredRevision = revision;
        }
        submit(() -> {
            try {
                autosave.clear();
            } catch (IOException e) {
                LOG.warn("Cannot clear the recovery copy after saving ({})", e.toString());
            }
        });
    }

    /**
     * The open design was closed and its changes discarded: its recovery copy is cleared (on the writer, after any
     * write already queued), so that a crash later does not offer back what the user threw away.
     */
    public void discard() {
        synchronized (this) {
            savedRevision = NEVER;
            coveredRevision = NEVER;
        }
        submit(() -> {
            try {
                autosave.clear();
            } catch (IOException e) {
                LOG.warn("Cannot clear the recovery copy of a discarded design ({})", e.toString());
            }
        });
    }

    /**
     * Stops a timer made by {@link #start}, letting a write in progress finish (waiting a few seconds); later
     * ticks and saves are ignored. A hand-driven timer has no thread of its own, so this does nothing.
     */
    @Override
    public void close() {
        if (ownedScheduler == null) {
            return;
        }
        ownedScheduler.shutdown();
        try {
            if (!ownedScheduler.awaitTermination(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("Autosave did not finish within {}", CLOSE_WAIT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void checkOnUiThread() {
        Snapshot snapshot;
        try {
            snapshot = snapshots.get();
        } catch (RuntimeException e) {
            LOG.warn("Autosave could not read the open design", e);
            return;
        }
        if (snapshot == null) {
            return; // nothing open
        }
        synchronized (this) {
            if (snapshot.revision() == coveredRevision) {
                return;
            }
            coveredRevision = snapshot.revision();
        }
        submit(() -> write(snapshot));
    }

    private void submit(Runnable task) {
        try {
            writer.execute(task);
        } catch (RejectedExecutionException e) {
            // Closed: a UI hop or a save that arrived after close(); quitting clears the recovery copy itself.
            LOG.debug("Autosave is closed; dropping a task");
        }
    }

    private void write(Snapshot snapshot) {
        synchronized (this) {
            if (snapshot.revision() == savedRevision) {
                return; // saved properly while this write waited; the recovery copy must stay cleared
            }
        }
        try {
            autosave.write(snapshot.design(), snapshot.file());
        } catch (IOException e) {
            LOG.warn("Autosave failed; will retry on the next tick ({})", e.toString());
            forget(snapshot);
        } catch (RuntimeException e) {
            LOG.warn("Autosave failed; will retry on the next tick", e);
            forget(snapshot);
        }
    }

    private synchronized void forget(Snapshot failed) {
        if (coveredRevision == failed.revision()) {
            coveredRevision = NEVER;
        }
    }
}
