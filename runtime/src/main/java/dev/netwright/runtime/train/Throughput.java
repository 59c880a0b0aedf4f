package dev.netwright.runtime.train;

/** Samples per second over the last few seconds of training, so the figure is steady but current. */
final class Throughput {
    private static final double WINDOW_NANOS = 3e9;
    private double samples;
    private double nanos;

    /** Adds one minibatch and returns the current rate. */
    double record(int batchSamples, long batchNanos) {
        if (nanos + batchNanos > WINDOW_NANOS && nanos > 0) {
            double keep = Math.max(0, (WINDOW_NANOS - batchNanos) / nanos);
            samples *= keep;
            nanos *= keep;
        }
        samples += batchSamples;
        nanos += batchNanos;
        return nanos == 0 ? 0 : samples / (nanos / 1e9);
    }

    /** Forgets the window, e.g. after a pause. */
    void restart() {
        samples = 0;
        nanos = 0;
    }
}
