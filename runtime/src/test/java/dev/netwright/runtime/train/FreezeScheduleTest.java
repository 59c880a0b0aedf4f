package dev.netwright.runtime.train;

import dev.netwright.runtime.TestDesigns;
import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.design.FineTuning;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which nodes a fine-tuning run trains in each epoch, and at what rate. */
class FreezeScheduleTest {
    private static final Design DESIGN = TestDesigns.start().image(8, 8, 1).then("conv1", "Conv2D", "filters", 2)
            .then("conv2", "Conv2D", "filters", 2).then("flat", "Flatten").then("dense", "Dense", "units", 4)
            .then("head", "Dense", "units", 4).then("output", "Output", "units", 3).build();
    private static final List<String> ORDER = List.of("input", "conv1", "conv2", "flat", "dense", "head", "output");
    /** What a run from another design's weights keeps: everything but the new head. */
    private static final Set<String> PRETRAINED = Set.of("conv1", "conv2", "dense", "output");

    private static FreezeSchedule schedule(Design design, FineTuning tuning) {
        return new FreezeSchedule(design, tuning, PRETRAINED, ORDER);
    }

    @Test
    void thePretrainedRateFactorMultipliesEachPretrainedNodesOwnFactorAndLeavesNewNodesAlone() {
        Design design = DESIGN.withNode(DESIGN.requireNode("conv1").withLearnRateFactor(0.5))
                .withNode(DESIGN.requireNode("head").withLearnRateFactor(2));

        Design trained = schedule(design, FineTuning.NONE.withPretrainedRateFactor(0.1)).designAt(1);

        assertThat(trained.requireNode("conv1").learnRateFactor()).isEqualTo(0.5 * 0.1);
        assertThat(trained.requireNode("conv2").learnRateFactor()).isEqualTo(0.1);
        assertThat(trained.requireNode("output").learnRateFactor()).isEqualTo(0.1);
        assertThat(trained.requireNode("head").learnRateFactor()).isEqualTo(2);
        assertThat(trained.nodes()).allMatch(n -> n.trainable());
    }

    @Test
    void headFirstFreezesEveryPretrainedNodeButTheOutputThenLetsThemAllJoin() {
        FreezeSchedule schedule = schedule(DESIGN, FineTuning.NONE.withHeadFirstEpochs(2));

        assertThat(schedule.frozenAt(1)).containsExactly("dense", "conv2", "conv1");
        assertThat(schedule.frozenAt(2)).containsExactly("dense", "conv2", "conv1");
        assertThat(schedule.frozenAt(3)).isEmpty();
        assertThat(schedule.joiningAt(2)).isEmpty();
        assertThat(schedule.joiningAt(3)).containsExactly("dense", "conv2", "conv1");
        assertThat(schedule.designAt(1).requireNode("conv1").trainable()).isFalse();
        assertThat(schedule.designAt(1).requireNode("head").trainable()).isTrue();
        assertThat(schedule.designAt(1).requireNode("output").trainable()).isTrue();
        assertThat(schedule.designAt(3).nodes()).allMatch(n -> n.trainable());
    }

    @Test
    void gradualUnfreezingLetsOneNodeJoinEveryNEpochsFromTheOutputBackwards() {
        FreezeSchedule schedule = schedule(DESIGN, FineTuning.NONE.withUnfreezeEvery(2));

        assertThat(schedule.frozenAt(2)).containsExactly("dense", "conv2", "conv1");
        assertThat(schedule.joiningAt(3)).containsExactly("dense");
        assertThat(schedule.frozenAt(4)).containsExactly("conv2", "conv1");
        assertThat(schedule.joiningAt(5)).containsExactly("conv2");
        assertThat(schedule.joiningAt(7)).containsExactly("conv1");
        assertThat(schedule.frozenAt(100)).isEmpty();
    }

    @Test
    void headFirstThenGradualUnfreezingStartsUnfreezingAfterTheHeadFirstEpochs() {
        FreezeSchedule schedule = schedule(DESIGN, new FineTuning(1, 1, 3));

        assertThat(schedule.frozenAt(1)).containsExactly("dense", "conv2", "conv1");
        assertThat(schedule.joiningAt(2)).containsExactly("dense");
        assertThat(schedule.joiningAt(5)).containsExactly("conv2");
        assertThat(schedule.joiningAt(8)).containsExactly("conv1");
    }

    @Test
    void aNodeTheDesignFreezesStaysFrozenAndIsNotUnfrozen() {
        Design design = DESIGN.withNode(DESIGN.requireNode("conv1").withTrainable(false));
        FreezeSchedule schedule = schedule(design, FineTuning.NONE.withHeadFirstEpochs(1));

        assertThat(schedule.frozenAt(1)).containsExactly("dense", "conv2");
        assertThat(schedule.designAt(2).requireNode("conv1").trainable()).isFalse();
        assertThat(schedule.joiningAt(2)).containsExactly("dense", "conv2");
    }

    @Test
    void theNoticesNameTheNodesThatJoinAndThoseStillFrozen() {
        FreezeSchedule schedule = schedule(DESIGN, new FineTuning(0.1, 0, 1));

        assertThat(schedule.describeStart()).contains("Epoch 1 trains only the nodes without pretrained weights; "
                + "the pretrained ones (dense, conv2, conv1) are frozen, and they join one at a time from the output "
                + "backwards, from epoch 2 every 1 epoch, at 0.1 times the learning rate.");
        assertThat(schedule.describeChangeAt(2)).contains("Epoch 2: unfreezing dense (pretrained, at 0.1 times the "
                + "learning rate); still frozen: conv2, conv1.");
        assertThat(schedule.describeChangeAt(4)).contains("Epoch 4: unfreezing conv1 (pretrained, at 0.1 times the "
                + "learning rate); every node trains now.");
        assertThat(schedule.describeChangeAt(5)).isEmpty();
    }

    @Test
    void withoutPretrainedNodesTheScheduleChangesNothingAndSaysSo() {
        FreezeSchedule schedule = new FreezeSchedule(DESIGN, FineTuning.NONE.withHeadFirstEpochs(2), Set.of(), ORDER);

        assertThat(schedule.frozenAt(1)).isEmpty();
        assertThat(schedule.designAt(1)).isEqualTo(DESIGN);
        assertThat(schedule.describeStart().orElseThrow()).contains("no pretrained nodes to hold back");
    }

    @Test
    void wrongSettingsAreRefusedNamingTheField() {
        assertThatThrownBy(() -> new FineTuning(0, 0, 0)).hasMessageContaining("'pretrainedRateFactor'");
        assertThatThrownBy(() -> new FineTuning(Double.NaN, 0, 0)).hasMessageContaining("'pretrainedRateFactor'");
        assertThatThrownBy(() -> new FineTuning(1, -1, 0)).hasMessageContaining("'headFirstEpochs'");
        assertThatThrownBy(() -> new FineTuning(1, 0, -2)).hasMessageContaining("'unfreezeEvery'");
    }
}
