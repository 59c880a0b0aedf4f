package dev.netwright.samples.bench;

/** One timed run of one contender: training throughput over the plan's window, and the loss it ended at. */
record Measurement(double samplesPerSecond, double seconds, double loss) {
}
