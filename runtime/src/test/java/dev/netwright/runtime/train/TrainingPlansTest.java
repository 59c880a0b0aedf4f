package dev.netwright.runtime.train;

import dev.netwright.runtime.TestDesigns;
import dev.netwright.runtime.compile.TrainingSettings;
import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.design.TrainingPlan;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** The training settings a design saves name what a run knows, and start at a run's defaults. */
class TrainingPlansTest {

    @Test
    void thePlansNamesAreTheOptimizersAndBackendsOfARun() {
        assertThat(TrainingPlan.OPTIMIZERS).isEqualTo(Arrays.stream(TrainingSettings.Optimizer.values()).map(Enum::name).toList());
        assertThat(TrainingPlan.BACKENDS).isEqualTo(Arrays.stream(Backend.values()).map(Enum::name).toList());
    }

    @Test
    void theDefaultPlanIsTheDefaultRun() {
        Design design = TestDesigns.start().image(28, 28, 1).then("flat", "Flatten").output();
        RunRequest run = RunRequest.of(design, "fashion-mnist-sample");
        TrainingPlan plan = TrainingPlans.defaults();

        assertThat(TrainingPlans.settings(plan)).isEqualTo(run.settings());
        assertThat(TrainingPlans.backend(plan)).isEqualTo(run.backend());
        assertThat(plan.epochs()).isEqualTo(run.epochs());
        assertThat(plan.batchSize()).isEqualTo(run.batchSize());
        assertThat(plan.patience()).isEqualTo(run.earlyStoppingPatience());
        assertThat(plan.maxTrainExamples()).isEqualTo(run.maxTrainExamples());
        assertThat(plan.maxValidationExamples()).isEqualTo(run.maxValidationExamples());
        assertThat(plan.dropoutOverride()).isFalse();
    }

    @Test
    void aPlansOptimizerLearningRateL2AndSeedMakeTheRunsSettings() {
        TrainingPlan plan = TrainingPlans.defaults().withOptimizer("SGD").withLearningRate(0.05).withL2(1e-4).withSeed(7);
        assertThat(TrainingPlans.settings(plan)).isEqualTo(TrainingSettings.defaults()
                .withOptimizer(TrainingSettings.Optimizer.SGD).withLearningRate(0.05).withL2(1e-4).withSeed(7));
    }

    @Test
    void theDropoutOverrideSetsEveryDropoutRateInTheRunsCopyOnly() {
        Design design = TestDesigns.start().image(28, 28, 1).then("flat", "Flatten").then("drop", "Dropout", "rate", 0.5)
                .output();

        Design run = TrainingPlans.runDesign(TrainingPlans.defaults().withDropout(true, 0.2), design);

        assertThat(run.requireNode("drop").params().get("rate")).isEqualTo(0.2);
        assertThat(design.requireNode("drop").params().get("rate")).isEqualTo(0.5);
        assertThat(TrainingPlans.runDesign(TrainingPlans.defaults().withDropout(false, 0.2), design)).isSameAs(design);
    }
}
