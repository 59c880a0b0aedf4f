package dev.netwright.runtime.layers.dl4j;

import org.nd4j.linalg.schedule.ISchedule;

import java.util.Objects;

/**
 * One learning-rate cycle by iteration: a linear rise from {@code base} to {@code base·peak} at iteration
 * {@code peakIteration}, then half a cosine down to {@code base·end} at {@code total}, staying there after. DL4J's own
 * {@code CycleSchedule} rises and falls linearly and then anneals; this one is what Netwright's
 * {@code LearningRateSchedule.OneCycle} draws (a test holds them equal). DL4J writes its name into a model's JSON.
 */
public class OneCycleSchedule implements ISchedule {
    private double base;
    private double peak;
    private double end;
    private long peakIteration;
    private long total;

    /** For DL4J's JSON reader. */
    public OneCycleSchedule() {
    }

    public OneCycleSchedule(double base, double peak, double end, long peakIteration, long total) {
        this.base = base;
        this.peak = peak;
        this.end = end;
        this.peakIteration = peakIteration;
        this.total = total;
    }

    @Override
    public double valueAt(int iteration, int epoch) {
        double top = base * peak;
        if (iteration < peakIteration) {
            return base + (top - base) * iteration / peakIteration;
        }
        long span = Math.max(1, total - peakIteration);
        double done = Math.min(1.0, (iteration - peakIteration) / (double) span);
        double low = base * end;
        return low + (top - low) * 0.5 * (1 + Math.cos(Math.PI * done));
    }

    @Override
    public ISchedule clone() {
        return new OneCycleSchedule(base, peak, end, peakIteration, total);
    }

    public double getBase() {
        return base;
    }

    public void setBase(double base) {
        this.base = base;
    }

    public double getPeak() {
        return peak;
    }

    public void setPeak(double peak) {
        this.peak = peak;
    }

    public double getEnd() {
        return end;
    }

    public void setEnd(double end) {
        this.end = end;
    }

    public long getPeakIteration() {
        return peakIteration;
    }

    public void setPeakIteration(long peakIteration) {
        this.peakIteration = peakIteration;
    }

    public long getTotal() {
        return total;
    }

    public void setTotal(long total) {
        this.total = total;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OneCycleSchedule s && s.base == base && s.peak == peak && s.end == end
                && s.peakIteration == peakIteration && s.total == total;
    }

    @Override
    public int hashCode() {
        return Objects.hash(base, peak, end, peakIteration, total);
    }

    @Override
    public String toString() {
        return "OneCycleSchedule(base=" + base + ", peak=" + peak + ", end=" + end + ", peakIteration=" + peakIteration
                + ", total=" + total + ")";
    }
}
