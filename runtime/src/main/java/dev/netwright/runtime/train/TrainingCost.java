package dev.netwright.runtime.train;

import dev.netwright.runtime.layers.kinds.StandardKinds;
import dev.netwright.runtime.check.Checker;
import dev.netwright.runtime.check.MemoryBudget;
import dev.netwright.runtime.check.ResourceEstimate;
import dev.netwright.runtime.check.Sizes;
import dev.netwright.runtime.layers.LayerCatalog;

/** What a run will cost, and the refusal of one this computer cannot hold, before any of it is allocated. */
public final class TrainingCost {
    private TrainingCost() {
    }

    /** The estimate at the run's own batch size, optimizer and precision. */
    public static ResourceEstimate estimate(RunRequest request) {
        LayerCatalog catalog = StandardKinds.catalog();
        return ResourceEstimate.of(request.design(), new Checker(catalog).check(request.design()), catalog,
                request.batchSize(), request.settings().optimizerStates(), request.settings().bytesPerValue());
    }

    /** Refuses a run whose estimate is above {@code budget} bytes, saying what it needs and what to change. */
    public static void requireAffordable(RunRequest request, long budget) throws RunFailure {
        ResourceEstimate estimate = estimate(request);
        if (estimate.trainingBytes() > budget) {
            throw new RunFailure("This network needs "
                    + estimate.describeMemory(request.settings().optimizer().displayName()) + ", more than the " + Sizes.bytes(budget) + " this computer "
                    + "gives a training run, so it was not started. Use a smaller batch, or fewer or smaller layers.");
        }
    }

    /** The same against this computer's {@link MemoryBudget}. */
    public static void requireAffordable(RunRequest request) throws RunFailure {
        requireAffordable(request, MemoryBudget.forTraining());
    }
}
