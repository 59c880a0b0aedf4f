package dev.netwright.bench.training;

/**
 * One timed run of one contender: training throughput over the plan's window, the loss it ended at, and the
 * process's peak resident memory in MiB ({@code NaN} where it was not taken).
 */
record Measurement(double samplesPerSecond, double seconds, double loss, double peakRssMib) {
    Measurement(double samplesPerSecond, double seconds, double loss) {
        this(samplesPerSecond, seconds, loss, Double.NaN);
    }
}
