package dev.netwright.runtime.design;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The schedules' rates at known iterations, the command line's spec, and refused values. */
class LearningRateScheduleTest {
    private static final double BASE = 0.1;

    @Test
    void constantKeepsTheBaseRate() {
        assertThat(LearningRateSchedule.constant().rate(BASE, 999, 10, 3)).isEqualTo(BASE);
    }

    @Test
    void stepMultipliesByTheFactorEveryNEpochs() {
        LearningRateSchedule step = new LearningRateSchedule.Step(2, 0.5);
        assertThat(step.rate(BASE, 0, 10, 6)).isEqualTo(0.1);
        assertThat(step.rate(BASE, 19, 10, 6)).isEqualTo(0.1); // last iteration of epoch 2
        assertThat(step.rate(BASE, 20, 10, 6)).isEqualTo(0.05); // first of epoch 3
        assertThat(step.rate(BASE, 45, 10, 6)).isCloseTo(0.025, within(1e-15));
    }

    @Test
    void exponentialMultipliesByTheFactorEachEpoch() {
        LearningRateSchedule exp = new LearningRateSchedule.Exponential(0.9);
        assertThat(exp.rate(BASE, 9, 10, 5)).isEqualTo(0.1);
        assertThat(exp.rate(BASE, 10, 10, 5)).isCloseTo(0.09, within(1e-15));
        assertThat(exp.rate(BASE, 35, 10, 5)).isCloseTo(0.1 * 0.729, within(1e-15));
    }

    @Test
    void cosineWarmsUpLinearlyThenFallsToTheFloor() {
        LearningRateSchedule cos = new LearningRateSchedule.Cosine(1, 0.01); // 10 warm-up iterations of 40
        assertThat(cos.rate(BASE, 0, 10, 4)).isCloseTo(0.01, within(1e-15));
        assertThat(cos.rate(BASE, 4, 10, 4)).isCloseTo(0.05, within(1e-15));
        assertThat(cos.rate(BASE, 9, 10, 4)).isCloseTo(0.1, within(1e-15));
        assertThat(cos.rate(BASE, 10, 10, 4)).isCloseTo(0.1, within(1e-15)); // the cosine's top
        assertThat(cos.rate(BASE, 25, 10, 4)).isCloseTo((0.001 + 0.1) / 2, within(1e-15)); // halfway down
        assertThat(cos.rate(BASE, 40, 10, 4)).isCloseTo(0.001, within(1e-15));
        assertThat(cos.rate(BASE, 400, 10, 4)).isCloseTo(0.001, within(1e-15));
    }

    @Test
    void cosineWithoutWarmUpStartsAtTheBaseRate() {
        assertThat(new LearningRateSchedule.Cosine(0, 0).rate(BASE, 0, 10, 2)).isEqualTo(BASE);
        assertThat(new LearningRateSchedule.Cosine(0.5, 0).warmupIterations(10, 2)).isEqualTo(5);
    }

    @Test
    void oneCycleRisesToThePeakThenFallsToAHundredthOfTheBase() {
        LearningRateSchedule cycle = new LearningRateSchedule.OneCycle(10, 0.25); // peak at iteration 10 of 40
        assertThat(cycle.rate(BASE, 0, 10, 4)).isCloseTo(0.1, within(1e-15));
        assertThat(cycle.rate(BASE, 5, 10, 4)).isCloseTo(0.55, within(1e-12));
        assertThat(cycle.rate(BASE, 10, 10, 4)).isCloseTo(1.0, within(1e-12));
        assertThat(cycle.rate(BASE, 25, 10, 4)).isCloseTo((1.0 + 0.001) / 2, within(1e-12));
        assertThat(cycle.rate(BASE, 40, 10, 4)).isCloseTo(0.001, within(1e-15));
    }

    @Test
    void plateauIsNotPlannedAndDrawsTheBaseRate() {
        LearningRateSchedule plateau = new LearningRateSchedule.Plateau(0.5, 2);
        assertThat(plateau.planned()).isFalse();
        assertThat(plateau.rate(BASE, 50, 10, 9)).isEqualTo(BASE);
        assertThat(new LearningRateSchedule.Step(1, 0.5).planned()).isTrue();
    }

    @Test
    void specsReadWithDefaultsAndWriteBack() {
        assertThat(LearningRateSchedules.parse("step:every=3,factor=0.2")).isEqualTo(new LearningRateSchedule.Step(3, 0.2));
        assertThat(LearningRateSchedules.parse(" Cosine : warmup=1 ")).isEqualTo(new LearningRateSchedule.Cosine(1, 0.01));
        assertThat(LearningRateSchedules.parse("onecycle")).isEqualTo(new LearningRateSchedule.OneCycle(10, 0.3));
        assertThat(LearningRateSchedules.parse("constant")).isEqualTo(LearningRateSchedule.constant());
        for (String spec : new String[] {"constant", "step:every=2,factor=0.5", "exponential:factor=0.9",
                "cosine:warmup=0.5,floor=0.01", "onecycle:peak=10,at=0.3", "plateau:factor=0.5,patience=2"}) {
            assertThat(LearningRateSchedules.parse(spec).spec()).isEqualTo(spec);
        }
    }

    @Test
    void wrongSpecsSayWhatIsWrong() {
        assertThatThrownBy(() -> LearningRateSchedules.parse("linear"))
                .hasMessage("the learning-rate schedule must be one of constant, step, exponential, cosine, onecycle, "
                        + "plateau, not 'linear'");
        assertThatThrownBy(() -> LearningRateSchedules.parse("step:every=0"))
                .hasMessage("'every' must be a whole number from 1 to 10000, not 0");
        assertThatThrownBy(() -> LearningRateSchedules.parse("step:every=1.5"))
                .hasMessage("'every' must be a whole number, not 1.5");
        assertThatThrownBy(() -> LearningRateSchedules.parse("step:factor=2"))
                .hasMessage("'factor' must be a number between 0 and 1, not 2.0");
        assertThatThrownBy(() -> LearningRateSchedules.parse("step:gamma=0.5"))
                .hasMessage("the step schedule has no value 'gamma' (its values: every, factor)");
        assertThatThrownBy(() -> LearningRateSchedules.parse("exponential:factor=abc"))
                .hasMessage("'factor' must be a number, not 'abc'");
        assertThatThrownBy(() -> LearningRateSchedules.parse("exponential:factor"))
                .hasMessageStartingWith("write each value as name=value");
        assertThatThrownBy(() -> LearningRateSchedules.parse("cosine:floor=1"))
                .hasMessage("'floor' must be a fraction of the learning rate from 0 to below 1, not 1.0");
        assertThatThrownBy(() -> LearningRateSchedules.parse("onecycle:at=1"))
                .hasMessage("'at' must be a fraction of the run between 0 and 1, not 1.0");
        assertThatThrownBy(() -> LearningRateSchedules.parse("plateau:patience=0"))
                .hasMessage("'patience' must be a whole number from 1 to 1000, not 0");
        assertThatThrownBy(() -> LearningRateSchedules.of("exponential", Map.of("factor", Double.NaN)))
                .hasMessage("'factor' must be a number between 0 and 1, not NaN");
    }
}
