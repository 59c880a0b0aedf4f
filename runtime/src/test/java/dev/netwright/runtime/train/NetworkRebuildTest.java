package dev.netwright.runtime.train;

import dev.netwright.runtime.TestDesigns;
import dev.netwright.runtime.compile.CompiledDesign;
import dev.netwright.runtime.compile.DesignCompiler;
import dev.netwright.runtime.compile.TrainingSettings;
import dev.netwright.runtime.design.Design;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** A network rebuilt with another node frozen keeps every parameter and the optimizer state of what trained before. */
class NetworkRebuildTest {
    private static final TrainingSettings SETTINGS = TrainingSettings.defaults().withLearningRate(0.01).withSeed(3);
    private static final int DENSE1 = 64 * 8 + 8;
    private static final int REST = 8 * 8 + 8 + 8 * 3 + 3;

    @Test
    void unfreezingANodeKeepsTheOthersOptimizerStateAndGivesItFreshState() throws Exception {
        Design frozen = design().withNode(design().requireNode("dense1").withTrainable(false));
        ComputationGraph before = compile(frozen).newNetwork();
        train(before);
        float[] params = before.params().toFloatVector();
        INDArray oldState = before.getUpdater().getStateViewArray().dup();
        assertThat(oldState.length()).isEqualTo(2L * REST);

        ComputationGraph after = NetworkRebuild.rebuild(before, compile(design()), g -> { });

        assertThat(Arrays.equals(after.params().toFloatVector(), params)).as("parameters bit for bit").isTrue();
        assertThat(after.getConfiguration().getIterationCount()).isEqualTo(before.getConfiguration().getIterationCount());
        INDArray state = after.getUpdater().getStateViewArray().reshape(-1);
        INDArray old = oldState.reshape(-1);
        int all = DENSE1 + REST;
        // one block (Adam, same settings) over dense1, dense2 and the output: m over all parameters, then v
        assertThat(state.length()).isEqualTo(2L * all);
        assertThat(slice(state, 0, DENSE1).any()).as("dense1's fresh m").isFalse();
        assertThat(slice(state, all, all + DENSE1).any()).as("dense1's fresh v").isFalse();
        assertThat(slice(state, DENSE1, all)).as("the others' m, kept").isEqualTo(slice(old, 0, REST));
        assertThat(slice(state, all + DENSE1, 2 * all)).as("the others' v, kept").isEqualTo(slice(old, REST, 2 * REST));
        assertThat(slice(old, 0, REST).any()).as("there was state to keep").isTrue();
    }

    @Test
    void rebuildingWithTheSameFrozenNodesChangesNothing() throws Exception {
        Design frozen = design().withNode(design().requireNode("dense2").withTrainable(false));
        ComputationGraph before = compile(frozen).newNetwork();
        train(before);

        ComputationGraph after = NetworkRebuild.rebuild(before, compile(frozen), g -> { });

        assertThat(after.params()).isEqualTo(before.params());
        assertThat(after.getUpdater().getStateViewArray()).isEqualTo(before.getUpdater().getStateViewArray());
    }

    @Test
    void aBatchNormThatStartsTrainingKeepsItsRunningStatisticsBitForBit() throws Exception {
        Design design = TestDesigns.start().image(8, 8, 1).then("conv", "Conv2D", "filters", 2)
                .then("bn", "BatchNorm").then("flat", "Flatten").output();
        Design frozen = design.withNode(design.requireNode("bn").withTrainable(false))
                .withNode(design.requireNode("conv").withTrainable(false));
        ComputationGraph before = compile(frozen).newNetwork();
        before.getLayer("bn").getParam("mean").assign(0.25); // running statistics other than the initial ones
        before.getLayer("bn").getParam("log10stdev").assign(-0.5);
        train(before);

        ComputationGraph after = NetworkRebuild.rebuild(before, compile(design), g -> { });

        for (String param : new String[] {"mean", "log10stdev", "gamma", "beta"}) {
            assertThat(Arrays.equals(after.getLayer("bn").getParam(param).toFloatVector(),
                    before.getLayer("bn").getParam(param).toFloatVector())).as(param).isTrue();
        }
        assertThat(after.getLayer("bn").getParam("mean").getFloat(0)).isEqualTo(0.25f);
        train(after);
        assertThat(after.getLayer("bn").getParam("mean").getFloat(0)).as("trains from now on").isNotEqualTo(0.25f);
    }

    private static INDArray slice(INDArray flat, long from, long to) {
        return flat.get(NDArrayIndex.interval(from, to));
    }

    private static Design design() {
        return FineTuningSessionTest.design();
    }

    private static CompiledDesign compile(Design design) throws Exception {
        return new DesignCompiler().compile(design, SETTINGS);
    }

    private static void train(ComputationGraph graph) {
        Nd4j.getRandom().setSeed(11);
        INDArray features = Nd4j.rand(DataType.FLOAT, 4, 1, 8, 8);
        INDArray labels = Nd4j.zeros(DataType.FLOAT, 4, 3);
        for (int i = 0; i < 4; i++) {
            labels.putScalar(i, i % 3, 1f);
        }
        for (int step = 0; step < 3; step++) {
            graph.fit(new DataSet(features, labels));
        }
    }
}
