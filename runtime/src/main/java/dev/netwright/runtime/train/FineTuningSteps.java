package dev.netwright.runtime.train;

import dev.netwright.runtime.compile.CompiledDesign;
import dev.netwright.runtime.compile.LayerRates;
import dev.netwright.runtime.compile.LearningRates;
import dev.netwright.runtime.design.Design;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.schedule.ISchedule;

import java.util.Optional;

/**
 * A run's fine-tuning schedule ({@link FreezeSchedule}) as its epochs come: the network rebuilt ({@link NetworkRebuild})
 * at the epoch where pretrained nodes start training, or at a resumed run's first epoch, whose checkpoint may hold
 * other nodes frozen than the schedule wants now. The rebuilt network keeps the run's learning rate: its schedule, or
 * the rate reduce-on-plateau or a resumed run set.
 */
final class FineTuningSteps {
    /** Compiles a design as the run does. */
    @FunctionalInterface
    interface Compiler {
        CompiledDesign compile(Design design) throws RunFailure;
    }

    /** The network to train on with, and what to tell the user about the change. */
    record Step(ComputationGraph graph, Optional<String> notice) {
    }

    private final RunRequest request;
    private final FreezeSchedule schedule;
    private final long iterationsPerEpoch;
    private final Compiler compiler;
    /** The design as the network now trains it: its frozen nodes and learning-rate factors. */
    private Design trained;
    /** Whether the network's frozen nodes are the schedule's (a checkpoint's may not be). */
    private boolean frozenNodesKnown;

    /**
     * @param firstEpoch the epoch the run starts (or resumes) at
     * @param resumed    whether the network comes from a checkpoint
     */
    FineTuningSteps(RunRequest request, FreezeSchedule schedule, long iterationsPerEpoch, int firstEpoch,
                    boolean resumed, Compiler compiler) {
        this.request = request;
        this.schedule = schedule;
        this.iterationsPerEpoch = iterationsPerEpoch;
        this.compiler = compiler;
        this.trained = schedule.designAt(firstEpoch);
        this.frozenNodesKnown = !resumed;
    }

    /** The design as the network now trains it, for the nodes' learning-rate factors. */
    Design trained() {
        return trained;
    }

    /**
     * The network for {@code epoch}, where it is not {@code graph} any more.
     *
     * @param currentRate  the rate {@code graph} trains at now (the run's, without a node's factor)
     * @param learningRate the run's rate as the epoch loop holds it: the request's, unless lowered or resumed with another
     */
    Optional<Step> at(int epoch, ComputationGraph graph, double currentRate, double learningRate) throws RunFailure {
        boolean joining = !schedule.joiningAt(epoch).isEmpty();
        if (!request.fineTuning().changesFrozenNodes() || frozenNodesKnown && !joining) {
            return Optional.empty();
        }
        Design next = schedule.designAt(epoch);
        // a schedule set anew reads the iteration count; a lowered rate, or a resumed run's new one, stays as it is
        boolean ownRate = request.resumeLearningRate() != null || learningRate != request.settings().learningRate();
        Optional<ISchedule> rates = ownRate ? Optional.empty() : LearningRates.schedule(request.lrSchedule(),
                request.settings().learningRate(), iterationsPerEpoch, request.epochs());
        ComputationGraph rebuilt = NetworkRebuild.rebuild(graph, compiler.compile(next), fresh -> {
            if (rates.isPresent()) {
                LayerRates.set(fresh, next, rates.get());
            } else {
                LayerRates.set(fresh, next, currentRate);
            }
        });
        trained = next;
        frozenNodesKnown = true;
        return Optional.of(new Step(rebuilt, joining ? schedule.describeChangeAt(epoch) : schedule.describeResumeAt(epoch)));
    }
}
