package dev.netwright.app.training;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** {@link Timers} that run only when a test says so: {@link #tick()} for repeating ones, {@link #elapse} for the rest. */
public final class ManualTimers implements Timers {
    private final List<Scheduled> scheduled = new ArrayList<>();
    private Duration now = Duration.ZERO;

    private final class Scheduled implements Timer {
        final Duration due;
        final Runnable action;
        final boolean repeating;
        boolean cancelled;

        Scheduled(Duration due, Runnable action, boolean repeating) {
            this.due = due;
            this.action = action;
            this.repeating = repeating;
        }

        @Override
        public void cancel() {
            cancelled = true;
        }
    }

    @Override
    public Timer after(Duration delay, Runnable action) {
        Scheduled s = new Scheduled(now.plus(delay), action, false);
        scheduled.add(s);
        return s;
    }

    @Override
    public Timer every(Duration period, Runnable action) {
        Scheduled s = new Scheduled(period, action, true);
        scheduled.add(s);
        return s;
    }

    /** Runs every repeating timer that is not cancelled, once. */
    public void tick() {
        for (Scheduled s : List.copyOf(scheduled)) {
            if (s.repeating && !s.cancelled) {
                s.action.run();
            }
        }
    }

    /** Moves the clock on and runs the one-shot timers that became due. */
    public void elapse(Duration time) {
        now = now.plus(time);
        for (Scheduled s : List.copyOf(scheduled)) {
            if (!s.repeating && !s.cancelled && s.due.compareTo(now) <= 0) {
                s.cancelled = true;
                s.action.run();
            }
        }
    }

    /** How many repeating timers still run. */
    public long running() {
        return scheduled.stream().filter(s -> s.repeating && !s.cancelled).count();
    }
}
