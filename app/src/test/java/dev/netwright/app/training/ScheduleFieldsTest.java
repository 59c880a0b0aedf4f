package dev.netwright.app.training;

import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.design.LearningRateSchedule;
import dev.netwright.runtime.train.RunRequest;
import dev.netwright.runtime.train.TrainingPlans;
import dev.netwright.samples.Samples;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The training form's learning-rate schedule and its planned curve, without a toolkit or controls. */
class ScheduleFieldsTest {
    private static final String DATA = "fashion-mnist-sample";
    private static final Design CNN = Samples.load("cnn");

    private final TrainingSettingsModel model = new TrainingSettingsModel();
    private final ScheduleFields schedule = model.schedule();

    @Test
    void theDefaultIsAConstantRateWithNoValues() {
        assertThat(schedule.typeProperty().get()).isEqualTo("constant");
        assertThat(schedule.countProperty().get()).isZero();
        assertThat(model.request(CNN, DATA).lrSchedule()).isEqualTo(LearningRateSchedule.constant());
    }

    @Test
    void choosingATypeShowsItsValuesAtTheirDefaults() {
        schedule.typeProperty().set("step");

        assertThat(schedule.countProperty().get()).isEqualTo(2);
        assertThat(schedule.firstLabelProperty().get()).isEqualTo("Every (epochs)");
        assertThat(schedule.secondLabelProperty().get()).isEqualTo("Factor");
        assertThat(schedule.firstProperty().get()).isEqualTo("2");
        assertThat(schedule.secondProperty().get()).isEqualTo("0.5");
        assertThat(model.request(CNN, DATA).lrSchedule()).isEqualTo(new LearningRateSchedule.Step(2, 0.5));

        schedule.typeProperty().set("exponential");
        assertThat(schedule.countProperty().get()).isEqualTo(1);
        assertThat(schedule.firstProperty().get()).isEqualTo("0.9");
        assertThat(schedule.secondProperty().get()).isEmpty();
    }

    @Test
    void typedValuesAreTheRunsSchedule() {
        schedule.typeProperty().set("cosine");
        schedule.firstProperty().set("1");
        schedule.secondProperty().set("0.05");

        assertThat(model.request(CNN, DATA).lrSchedule()).isEqualTo(new LearningRateSchedule.Cosine(1, 0.05));
        assertThat(model.plan(TrainingPlans.defaults()).lrSchedule()).isEqualTo(new LearningRateSchedule.Cosine(1, 0.05));
    }

    @Test
    void aWrongValueIsNamed() {
        schedule.typeProperty().set("step");
        schedule.firstProperty().set("0");
        assertThat(model.problem(CNN)).contains("Schedule: 'every' must be a whole number from 1 to 10000, not 0");

        schedule.firstProperty().set("two");
        assertThat(model.problem(CNN)).contains("Schedule: 'every' must be a number, not 'two'");
        assertThat(model.plan(TrainingPlans.defaults()).lrSchedule()).as("the saved one stays")
                .isEqualTo(LearningRateSchedule.constant());
    }

    @Test
    void aSavedOrEarlierScheduleShowsWithItsValues() {
        model.show(TrainingPlans.defaults().withLrSchedule(new LearningRateSchedule.Plateau(0.25, 3)));
        assertThat(schedule.typeProperty().get()).isEqualTo("plateau");
        assertThat(schedule.firstProperty().get()).isEqualTo("0.25");
        assertThat(schedule.secondProperty().get()).isEqualTo("3");

        model.show(RunRequest.of(CNN, DATA).withLrSchedule(new LearningRateSchedule.OneCycle(5, 0.4)));
        assertThat(schedule.typeProperty().get()).isEqualTo("onecycle");
        assertThat(schedule.firstProperty().get()).isEqualTo("5");
        assertThat(schedule.secondProperty().get()).isEqualTo("0.4");
    }

    @Test
    void thePlannedRateFollowsTheScheduleOverTheRunsIterations() {
        model.learningRateProperty().set("0.1");
        model.batchSizeProperty().set(10);
        model.epochsProperty().set(3);
        schedule.typeProperty().set("step");
        schedule.firstProperty().set("1");

        List<double[]> plan = model.plannedRates(95); // 10 iterations an epoch
        assertThat(plan).hasSize(30);
        assertThat(plan.get(0)).containsExactly(1, 0.1);
        assertThat(plan.get(9)).containsExactly(10, 0.1);
        assertThat(plan.get(10)[1]).isCloseTo(0.05, within(1e-15));
        assertThat(plan.get(29)[0]).isEqualTo(30);
        assertThat(plan.get(29)[1]).isCloseTo(0.025, within(1e-15));

        model.maxTrainProperty().set(40); // the form's limit: 4 iterations an epoch
        assertThat(model.plannedRates(95)).hasSize(12);
        assertThat(model.plannedRates(0)).as("only the limit known").hasSize(12);
    }

    @Test
    void longRunsArePlannedWithAboutFiveHundredPointsEndingAtTheLastIteration() {
        model.epochsProperty().set(10);
        model.batchSizeProperty().set(1);
        schedule.typeProperty().set("cosine");

        List<double[]> plan = model.plannedRates(60_000);
        assertThat(plan.size()).isBetween(TrainingSettingsModel.MAX_PLAN_POINTS, TrainingSettingsModel.MAX_PLAN_POINTS + 2);
        assertThat(plan.get(plan.size() - 1)[0]).isEqualTo(600_000);
    }

    @Test
    void nothingIsPlannedForAConstantRateReduceOnPlateauUnknownDataOrAWrongValue() {
        assertThat(model.plannedRates(1000)).isEmpty();
        schedule.typeProperty().set("plateau");
        assertThat(model.plannedRates(1000)).isEmpty();
        schedule.typeProperty().set("exponential");
        assertThat(model.plannedRates(0)).isEmpty();
        assertThat(model.plannedRates(1000)).isNotEmpty();
        schedule.firstProperty().set("3");
        assertThat(model.plannedRates(1000)).isEmpty();
    }

    @Test
    void theTypesHaveNamesForTheForm() {
        assertThat(ScheduleFields.types()).extracting(ScheduleFields::displayName).containsExactly("Constant", "Step",
                "Exponential", "Cosine + warm-up", "One-cycle", "Reduce on plateau");
        assertThatThrownBy(() -> LearningRateSchedule.TYPES.add("x")).isInstanceOf(UnsupportedOperationException.class);
    }
}
