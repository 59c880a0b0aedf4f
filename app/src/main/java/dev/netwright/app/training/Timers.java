package dev.netwright.app.training;

import java.time.Duration;

/**
 * Timers whose actions run on the UI thread: {@link FxTimers} in the window, a hand-driven one in tests, so that
 * a view model's timing (batching, grace times) is tested without a toolkit and without waiting.
 */
public interface Timers {
    /** Runs {@code action} once, after {@code delay}. Call on the UI thread. */
    Timer after(Duration delay, Runnable action);

    /** Runs {@code action} every {@code period} until cancelled. Call on the UI thread. */
    Timer every(Duration period, Runnable action);

    /** A scheduled action. */
    interface Timer {
        /** It does not run (again); harmless when it already ran or was cancelled. */
        void cancel();
    }
}
