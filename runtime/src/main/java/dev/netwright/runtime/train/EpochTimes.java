package dev.netwright.runtime.train;

import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Where an epoch's loop spends its time: getting the next minibatch ready (reading it, augmenting it) or making the
 * update. Read from a clock in nanoseconds that tests can replace, so that a share of waiting can be asserted exactly.
 */
final class EpochTimes {
    private final LongSupplier nanos;
    private long waiting;
    private long computing;

    EpochTimes(LongSupplier nanos) {
        this.nanos = Objects.requireNonNull(nanos, "nanos");
    }

    /** The clock now, where a stretch of waiting or computing starts. */
    long now() {
        return nanos.getAsLong();
    }

    /** Counts the time since {@code since} as waiting for data; returns the clock now. */
    long waitedSince(long since) {
        long now = now();
        waiting += now - since;
        return now;
    }

    /** Counts the time since {@code since} as computing an update; returns the clock now. */
    long computedSince(long since) {
        long now = now();
        computing += now - since;
        return now;
    }

    double secondsWaiting() {
        return waiting / 1e9;
    }

    double secondsComputing() {
        return computing / 1e9;
    }

    /** Starts counting a new epoch. */
    void reset() {
        waiting = 0;
        computing = 0;
    }
}
