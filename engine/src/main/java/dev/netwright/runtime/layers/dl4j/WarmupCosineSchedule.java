package dev.netwright.runtime.layers.dl4j;

import org.nd4j.linalg.schedule.ISchedule;

import java.util.Objects;

/**
 * A learning rate with a linear warm-up and then half a cosine down to a floor, by iteration: {@code base·(i+1)/warmup}
 * for the first {@code warmup} iterations, then {@code low + (base - low)·(1 + cos(π·(i - warmup)/(total - warmup)))/2}
 * with {@code low = floor·base}, staying at {@code low} after {@code total}. Netwright's {@code LearningRateSchedule.Cosine}
 * gives the same values (a test holds them equal); DL4J writes this class's name and fields into a model's JSON.
 */
public class WarmupCosineSchedule implements ISchedule {
    private double base;
    private double floor;
    private long warmup;
    private long total;

    /** For DL4J's JSON reader. */
    public WarmupCosineSchedule() {
    }

    public WarmupCosineSchedule(double base, double floor, long warmup, long total) {
        this.base = base;
        this.floor = floor;
        this.warmup = warmup;
        this.total = total;
    }

    @Override
    public double valueAt(int iteration, int epoch) {
        if (iteration < warmup) {
            return base * (iteration + 1) / warmup;
        }
        long span = Math.max(1, total - warmup);
        double done = Math.min(1.0, (iteration - warmup) / (double) span);
        double low = base * floor;
        return low + (base - low) * 0.5 * (1 + Math.cos(Math.PI * done));
    }

    @Override
    public ISchedule clone() {
        return new WarmupCosineSchedule(base, floor, warmup, total);
    }

    public double getBase() {
        return base;
    }

    public void setBase(double base) {
        this.base = base;
    }

    public double getFloor() {
        return floor;
    }

    public void setFloor(double floor) {
        this.floor = floor;
    }

    public long getWarmup() {
        return warmup;
    }

    public void setWarmup(long warmup) {
        this.warmup = warmup;
    }

    public long getTotal() {
        return total;
    }

    public void setTotal(long total) {
        this.total = total;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WarmupCosineSchedule s && s.base == base && s.floor == floor && s.warmup == warmup
                && s.total == total;
    }

    @Override
    public int hashCode() {
        return Objects.hash(base, floor, warmup, total);
    }

    @Override
    public String toString() {
        return "WarmupCosineSchedule(base=" + base + ", floor=" + floor + ", warmup=" + warmup + ", total=" + total + ")";
    }
}
