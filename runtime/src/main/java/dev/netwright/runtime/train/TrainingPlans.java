package dev.netwright.runtime.train;

import dev.netwright.runtime.compile.TrainingSettings;
import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.design.Node;
import dev.netwright.runtime.design.TrainingPlan;
import dev.netwright.runtime.layers.kinds.DropoutKind;

/**
 * The training settings a design saves ({@link TrainingPlan}) as a run's values: their defaults, which are a run's
 * ({@link RunRequest}'s constants, {@link TrainingSettings#defaults()}), and the optimizer and backend they name.
 */
public final class TrainingPlans {
    /** The rate the dropout override starts at (the window's option; a saved design may turn it on). */
    public static final double DEFAULT_DROPOUT_RATE = 0.5;

    private TrainingPlans() {
    }

    /** What the training form starts at, and what a design without saved settings is trained with. */
    public static TrainingPlan defaults() {
        TrainingSettings settings = TrainingSettings.defaults();
        return new TrainingPlan(settings.optimizer().name(), settings.learningRate(), RunRequest.DEFAULT_BATCH_SIZE,
                RunRequest.DEFAULT_EPOCHS, settings.l2(), false, DEFAULT_DROPOUT_RATE, RunRequest.DEFAULT_PATIENCE,
                settings.seed(), RunRequest.DEFAULT_BACKEND.name(), RunRequest.DEFAULT_EXAMPLE_LIMIT,
                RunRequest.DEFAULT_EXAMPLE_LIMIT);
    }

    public static TrainingSettings.Optimizer optimizer(TrainingPlan plan) {
        return TrainingSettings.Optimizer.valueOf(plan.optimizer());
    }

    public static Backend backend(TrainingPlan plan) {
        return Backend.valueOf(plan.backend());
    }

    /** The plan's optimizer, learning rate, L2 and seed over the defaults' other settings. */
    public static TrainingSettings settings(TrainingPlan plan) {
        return TrainingSettings.defaults().withOptimizer(optimizer(plan)).withLearningRate(plan.learningRate())
                .withL2(plan.l2()).withSeed(plan.seed());
    }

    /** The design a run trains: with the dropout override on, a copy with every Dropout layer's rate set to the plan's. */
    public static Design runDesign(TrainingPlan plan, Design design) {
        return plan.dropoutOverride() ? withDropout(design, plan.dropoutRate()) : design;
    }

    /** The design with every Dropout layer's rate set to {@code rate}; the user's design is not touched (it is immutable). */
    public static Design withDropout(Design design, double rate) {
        Design result = design;
        for (Node node : design.nodes()) {
            if (node.kind().equals(DropoutKind.ID)) {
                result = result.withNode(node.withParam("rate", rate));
            }
        }
        return result;
    }
}
