package dev.netwright.runtime.compile;

import dev.netwright.runtime.design.LearningRateSchedule;
import dev.netwright.runtime.layers.dl4j.OneCycleSchedule;
import dev.netwright.runtime.layers.dl4j.WarmupCosineSchedule;
import org.nd4j.linalg.schedule.ExponentialSchedule;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.linalg.schedule.ScheduleType;
import org.nd4j.linalg.schedule.StepSchedule;

import java.util.Optional;

/**
 * A {@link LearningRateSchedule} as DL4J's {@link ISchedule} for the optimizers: step and exponential are DL4J's
 * own by epoch (the worker sets the network's epoch count, which {@code fit(DataSet)} does not move), cosine with
 * warm-up and one-cycle Netwright's by iteration, since they need the run's length. The values equal
 * {@link LearningRateSchedule#rate}.
 */
public final class LearningRates {
    private LearningRates() {
    }

    /**
     * The schedule for a run of {@code epochs} epochs of {@code iterationsPerEpoch} iterations from {@code base};
     * empty for a constant rate and for reduce-on-plateau, which the worker applies between epochs.
     */
    public static Optional<ISchedule> schedule(LearningRateSchedule schedule, double base, long iterationsPerEpoch,
                                               int epochs) {
        long total = iterationsPerEpoch * epochs;
        if (schedule instanceof LearningRateSchedule.Step s) {
            return Optional.of(new StepSchedule(ScheduleType.EPOCH, base, s.factor(), s.every()));
        } else if (schedule instanceof LearningRateSchedule.Exponential s) {
            return Optional.of(new ExponentialSchedule(ScheduleType.EPOCH, base, s.factor()));
        } else if (schedule instanceof LearningRateSchedule.Cosine s) {
            return Optional.of(new WarmupCosineSchedule(base, s.floor(), s.warmupIterations(iterationsPerEpoch, epochs),
                    total));
        } else if (schedule instanceof LearningRateSchedule.OneCycle s) {
            return Optional.of(new OneCycleSchedule(base, s.peak(), LearningRateSchedule.ONE_CYCLE_END,
                    s.peakIteration(iterationsPerEpoch, epochs), total));
        }
        return Optional.empty();
    }
}
