package dev.netwright.samples.data;

import dev.netwright.runtime.check.Checker;
import dev.netwright.runtime.layers.Shape;
import dev.netwright.runtime.compile.DesignCompiler;
import dev.netwright.runtime.compile.TrainingSettings;
import dev.netwright.runtime.data.DataFit;
import dev.netwright.runtime.data.DataSources;
import dev.netwright.runtime.data.ExampleIterator;
import dev.netwright.runtime.data.Normalisation;
import dev.netwright.runtime.data.TrainValidation;
import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.design.Node;
import dev.netwright.samples.Sample;
import dev.netwright.samples.Samples;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every sample design names the bundled data, which must fit it and feed DL4J as the iterator lays it out. */
class SampleDesignsTrainOnSampleDataTest {

    static List<Sample> samples() {
        return Samples.list();
    }

    private static Node only(Design design, String kind) {
        List<Node> nodes = design.nodes().stream().filter(n -> n.kind().equals(kind)).toList();
        assertThat(nodes).as(kind + " nodes").hasSize(1);
        return nodes.get(0);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void theBundledDataFitsAndTrainsABatch(Sample sample) throws Exception {
        Design design = Samples.load(sample);
        Shape input = new Checker().check(design).output(only(design, "Input").id()).orElseThrow();
        Node output = only(design, "Output");
        TrainValidation data = Normalisation.SCALE_0_1.apply(
                DataSources.open(design.data().orElseThrow().source(), input, 1, 0.2));

        assertThat(DataFit.problem(input, output.id(), ((Number) output.params().get("units")).intValue(),
                data.train())).isEmpty();

        ComputationGraph graph = new DesignCompiler().compile(design, TrainingSettings.defaults().withSeed(3))
                .newNetwork();
        ExampleIterator batches = new ExampleIterator(data.train(), input, 4, true, 3);
        graph.fit(batches.next());
        assertThat(graph.score()).isFinite().isPositive();
    }
}
