package dev.netwright.samples;

import dev.netwright.runtime.check.Checker;
import dev.netwright.runtime.compile.DesignCompiler;
import dev.netwright.runtime.compile.TrainingSettings;
import dev.netwright.runtime.design.DataRef;
import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.design.Node;
import dev.netwright.runtime.weights.DesignWeights;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 18: the pretrained CNN and the transfer sample ship their weights, which fit their designs. */
class PretrainedSamplesTest {

    private static ComputationGraph withWeights(Design design) throws Exception {
        ComputationGraph graph = new DesignCompiler().compile(design, TrainingSettings.defaults()).newNetwork();
        DesignWeights.read(Path.of(design.weights().orElseThrow())).applyTo(graph, design);
        return graph;
    }

    @Test
    void thePretrainedSampleCarriesWeightsForEveryNodeThatHasParameters() throws Exception {
        Design pretrained = Samples.load("cnn-pretrained");

        assertThat(new Checker().check(pretrained).diagnostics()).isEmpty();
        assertThat(Files.isRegularFile(Path.of(pretrained.weights().orElseThrow()))).isTrue();
        DesignWeights weights = DesignWeights.read(Path.of(pretrained.weights().get()));
        assertThat(weights.nodeIds()).containsExactly("conv1", "conv2", "conv3", "dense1", "output");
        assertThat(weights.parameterCount()).isEqualTo(new Checker().check(pretrained).totalParams());
        assertThat(withWeights(pretrained).numParams()).isEqualTo(92_997);
    }

    @Test
    void theTransferSampleKeepsThePretrainedBodyWithItsConvolutionsFrozenAndANewOutput() throws Exception {
        Design transfer = Samples.load("transfer");
        DesignWeights body = DesignWeights.read(Path.of(transfer.weights().orElseThrow()));
        DesignWeights pretrained = DesignWeights.read(Path.of(Samples.load("cnn-pretrained").weights().orElseThrow()));

        assertThat(new Checker().check(transfer).diagnostics()).isEmpty();
        assertThat(body.nodeIds()).containsExactly("conv1", "conv2", "conv3", "dense1");
        for (String id : body.nodeIds()) {
            body.node(id).forEach((name, array) -> assertThat(array).as(id + "/" + name)
                    .isEqualTo(pretrained.node(id).get(name)));
        }
        assertThat(transfer.nodes()).filteredOn(n -> !n.trainable()).extracting(Node::id)
                .containsExactly("conv1", "conv2", "conv3");
        assertThat(transfer.data().orElseThrow().source()).endsWith("#classes=5,6,7,8,9#per-class=50");
        withWeights(transfer); // every kept parameter fits the compiled network
    }

    @Test
    void withoutTheFullSetASampleReadsTheBundledSubsetWithTheSameClasses() {
        Sample transfer = Samples.find("transfer").orElseThrow();

        assertThat(Samples.load(transfer, false).data()).contains(
                new DataRef("fashion-mnist-sample#classes=5,6,7,8,9#per-class=50"));
        assertThat(Samples.load(transfer, true).data()).contains(
                new DataRef("fashion-mnist#classes=5,6,7,8,9#per-class=50"));
        assertThat(Samples.load(Samples.find("cnn").orElseThrow(), false).data())
                .contains(new DataRef("fashion-mnist-sample"));
    }

    @Test
    void aSamplesWeightsAreCopiedOutOncePerProcess() {
        assertThat(Samples.load("transfer").weights()).isEqualTo(Samples.load("transfer").weights());
    }
}
