package dev.netwright.runtime.layers.dl4j;

import org.nd4j.linalg.schedule.ISchedule;

import java.util.Objects;

/**
 * Another schedule's value times a factor: the learning rate of a node with a learning-rate factor under the run's
 * schedule. DL4J writes this class's name and fields into a model's JSON.
 */
public class ScaledSchedule implements ISchedule {
    private ISchedule schedule;
    private double factor;

    /** For DL4J's JSON reader. */
    public ScaledSchedule() {
    }

    public ScaledSchedule(ISchedule schedule, double factor) {
        this.schedule = Objects.requireNonNull(schedule, "schedule");
        this.factor = factor;
    }

    @Override
    public double valueAt(int iteration, int epoch) {
        return schedule.valueAt(iteration, epoch) * factor;
    }

    @Override
    public ISchedule clone() {
        return new ScaledSchedule(schedule.clone(), factor);
    }

    public ISchedule getSchedule() {
        return schedule;
    }

    public void setSchedule(ISchedule schedule) {
        this.schedule = schedule;
    }

    public double getFactor() {
        return factor;
    }

    public void setFactor(double factor) {
        this.factor = factor;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ScaledSchedule s && s.factor == factor && Objects.equals(s.schedule, schedule);
    }

    @Override
    public int hashCode() {
        return Objects.hash(schedule, factor);
    }

    @Override
    public String toString() {
        return "ScaledSchedule(" + schedule + " x " + factor + ")";
    }
}
