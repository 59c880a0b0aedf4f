package dev.netwright.runtime.compile;

import dev.netwright.runtime.TestDesigns;
import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.layers.LstmEngine;
import dev.netwright.runtime.weights.DesignWeights;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Frozen nodes compile to layers that neither update nor keep optimizer state, while the gradient still reaches the
 * trainable nodes before them; BatchNorm keeps its running statistics; a learning-rate factor scales a node's rate.
 */
class FrozenNodesTrainTest {
    private static final TrainingSettings SETTINGS = TrainingSettings.defaults().withLearningRate(1e-2).withSeed(5);

    static Stream<Arguments> designs() {
        return Stream.of(
                Arguments.of("BatchNorm and Conv2D frozen between trainable layers", TestDesigns.start().image(8, 8, 1)
                        .then("conv1", "Conv2D", "filters", 4).then("bn", "BatchNorm")
                        .then("conv2", "Conv2D", "filters", 4).then("flat", "Flatten")
                        .then("dense", "Dense", "units", 8).output(), Set.of("bn", "conv2"), LstmEngine.DEFAULT),
                Arguments.of("the first Conv2D frozen", TestDesigns.start().image(8, 8, 1)
                        .then("conv1", "Conv2D", "filters", 4).then("flat", "Flatten").output(),
                        Set.of("conv1"), LstmEngine.DEFAULT),
                Arguments.of("Netwright's native LSTM frozen", TestDesigns.start().sequence(6, 4)
                        .then("conv", "Conv1D", "filters", 4).then("lstm", "LSTM", "units", 8).output(),
                        Set.of("lstm"), LstmEngine.NATIVE),
                Arguments.of("DL4J's LSTM frozen", TestDesigns.start().sequence(6, 4)
                        .then("conv", "Conv1D", "filters", 4).then("lstm", "LSTM", "units", 8).output(),
                        Set.of("lstm"), LstmEngine.DL4J),
                Arguments.of("a Transformer block frozen", TestDesigns.start().sequence(6, 8)
                        .then("dense", "Dense", "units", 8).then("encoder", "TransformerEncoderBlock", "heads", 2,
                                "feedForward", 16).then("pool", "GlobalPooling").output(),
                        Set.of("encoder"), LstmEngine.DEFAULT));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("designs")
    void frozenNodesKeepTheirParametersBitForBitWhileTheOthersLearn(String name, Design design, Set<String> frozen,
                                                                    LstmEngine engine) throws Exception {
        Design withFrozen = freeze(design, frozen);
        ComputationGraph graph = network(withFrozen, engine);
        DesignWeights before = DesignWeights.extract(graph, withFrozen);

        train(graph, 5);

        DesignWeights after = DesignWeights.extract(graph, withFrozen);
        for (String node : before.nodeIds()) {
            for (Map.Entry<String, INDArray> param : before.node(node).entrySet()) {
                float[] was = values(param.getValue());
                float[] now = values(after.node(node).get(param.getKey()));
                if (frozen.contains(node)) {
                    assertThat(Arrays.equals(was, now)).as("%s: frozen %s/%s unchanged", name, node, param.getKey())
                            .isTrue();
                } else {
                    assertThat(Arrays.equals(was, now)).as("%s: trainable %s/%s changed", name, node, param.getKey())
                            .isFalse();
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("designs")
    void theOptimizerKeepsStateForTheTrainableNodesOnly(String name, Design design, Set<String> frozen,
                                                        LstmEngine engine) throws Exception {
        ComputationGraph all = network(design, engine);
        ComputationGraph someFrozen = network(freeze(design, frozen), engine);
        train(someFrozen, 1);

        long expected = 0;
        long ofFrozen = 0;
        for (GraphVertex vertex : all.getVertices()) {
            if (!vertex.hasLayer()) {
                continue;
            }
            long state = 0;
            for (Map.Entry<String, INDArray> param : vertex.getLayer().paramTable().entrySet()) {
                state += vertex.getLayer().conf().getLayer().getUpdaterByParam(param.getKey())
                        .stateSize(param.getValue().length());
            }
            boolean isFrozen = frozen.stream().anyMatch(id -> vertex.getVertexName().equals(id)
                    || vertex.getVertexName().startsWith(id + "/"));
            if (isFrozen) {
                ofFrozen += state;
            } else {
                expected += state;
            }
        }
        assertThat(ofFrozen).as("the frozen nodes would keep state if they trained").isPositive();
        assertThat(someFrozen.getUpdater().getStateViewArray().length()).as(name).isEqualTo(expected);
    }

    @Test
    void aFrozenBatchNormKeepsItsRunningStatisticsAndAnUnfrozenOneMovesThem() throws Exception {
        Design design = TestDesigns.start().image(8, 8, 1).then("conv1", "Conv2D", "filters", 4)
                .then("bn", "BatchNorm").then("flat", "Flatten").output();
        for (boolean trainable : new boolean[] {false, true}) {
            Design d = design.withNode(design.requireNode("bn").withTrainable(trainable));
            ComputationGraph graph = network(d, LstmEngine.DEFAULT);
            // DL4J keeps the running mean and the running log10 of the standard deviation as parameters
            Map<String, INDArray> params = graph.getLayer("bn").paramTable();
            assertThat(params).containsKeys("mean", "log10stdev");
            float[] mean = values(params.get("mean"));
            float[] std = values(params.get("log10stdev"));
            train(graph, 3);
            assertThat(Arrays.equals(mean, values(graph.getLayer("bn").getParam("mean"))))
                    .as("running mean kept, trainable=%s", trainable).isEqualTo(!trainable);
            assertThat(Arrays.equals(std, values(graph.getLayer("bn").getParam("log10stdev"))))
                    .as("running deviation kept, trainable=%s", trainable).isEqualTo(!trainable);
        }
    }

    @Test
    void aLearningRateFactorScalesTheNodesRateAlone() throws Exception {
        Design design = TestDesigns.start().sequence(6, 4).then("lstm", "LSTM", "units", 8, "bidirectional", true)
                .then("dense", "Dense", "units", 8).output();
        design = design.withNode(design.requireNode("lstm").withLearnRateFactor(0.1))
                .withNode(design.requireNode("dense").withLearnRateFactor(10));
        for (LstmEngine engine : LstmEngine.values()) {
            ComputationGraph graph = network(design, engine);
            assertThat(rate(graph, "dense")).isCloseTo(0.1, org.assertj.core.data.Offset.offset(1e-12));
            assertThat(rate(graph, "lstm")).as("%s", engine).isCloseTo(1e-3, org.assertj.core.data.Offset.offset(1e-12));
            assertThat(rate(graph, "output")).isEqualTo(1e-2);
        }
    }

    @Test
    void aFrozenOutputIsRefusedNamingIt() {
        Design design = TestDesigns.start().vector(4).then("dense", "Dense", "units", 8).output();
        Design frozenOutput = design.withNode(design.requireNode("output").withTrainable(false));
        assertThatThrownBy(() -> new DesignCompiler().compile(frozenOutput, SETTINGS))
                .isInstanceOf(DesignErrorsException.class)
                .satisfies(e -> assertThat(((DesignErrorsException) e).diagnostics().get(0).message())
                        .contains("The Output output cannot be frozen"));
    }

    /** Each network's input shape, kept when it is made. */
    private static final Map<ComputationGraph, long[]> INPUT_SHAPES = new java.util.IdentityHashMap<>();

    private static ComputationGraph network(Design design, LstmEngine engine) throws DesignErrorsException {
        CompiledDesign compiled = new DesignCompiler().compile(design, SETTINGS, engine);
        ComputationGraph graph = compiled.newNetwork();
        INPUT_SHAPES.put(graph, compiled.inputTypes().get(0).getShape(true));
        return graph;
    }

    private static double rate(ComputationGraph graph, String layer) {
        org.deeplearning4j.nn.api.Layer l = graph.getLayer(layer);
        String param = l.paramTable().keySet().iterator().next();
        return l.conf().getLayer().getUpdaterByParam(param).getLearningRate(0, 0);
    }

    private static float[] values(INDArray array) {
        return array.dup('c').reshape(array.length()).toFloatVector();
    }

    static Design freeze(Design design, Set<String> ids) {
        Design d = design;
        for (String id : ids) {
            d = d.withNode(d.requireNode(id).withTrainable(false));
        }
        return d;
    }

    private static void train(ComputationGraph graph, int steps) {
        // the input vertex's shape: the first layer's input size is not enough for images, so ask the graph's config
        long[] shape = INPUT_SHAPES.get(graph);
        shape = shape.clone();
        shape[0] = 8;
        Nd4j.getRandom().setSeed(9);
        INDArray features = Nd4j.rand(DataType.FLOAT, shape);
        INDArray labels = Nd4j.zeros(DataType.FLOAT, 8, 3);
        Random random = new Random(13);
        for (int i = 0; i < 8; i++) {
            labels.putScalar(i, random.nextInt(3), 1f);
        }
        for (int step = 0; step < steps; step++) {
            graph.fit(new DataSet(features, labels));
        }
    }
}
