package dev.netwright.interop.onnx;

import dev.netwright.interop.ModelImportException;
import dev.netwright.runtime.compile.DesignCompiler;
import dev.netwright.runtime.compile.TrainingSettings;
import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.format.DesignJson;
import onnx.Onnx.ModelProto;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** An import is compared with ONNX Runtime running the file itself; a design that computes otherwise is refused. */
class OnnxImportCheckTest {
    private static final String DESIGN = """
            { "formatVersion" : 1, "name" : "small", "nodes" : [
              { "id" : "input", "kind" : "Input", "params" : { "form" : "image", "height" : 5, "width" : 4, "channels" : 2 } },
              { "id" : "conv", "kind" : "Conv2D", "params" : { "filters" : 3, "kernelHeight" : 2, "kernelWidth" : 2 } },
              { "id" : "flatten", "kind" : "Flatten", "params" : { } },
              { "id" : "output", "kind" : "Output", "params" : { "units" : 4 } } ],
              "edges" : [ { "from" : "input", "to" : "conv" }, { "from" : "conv", "to" : "flatten" },
                { "from" : "flatten", "to" : "output" } ] }
            """;

    @TempDir
    Path dir;

    @Test
    void theDesignThatComputesWhatTheFileDoesGetsANoteWithTheDifference() throws Exception {
        Design design = new DesignJson().read(DESIGN, "small");
        ComputationGraph network = randomNetwork(design);
        Path file = dir.resolve("small.onnx");
        new OnnxExport().write(design, network, file);

        String note = OnnxImportCheck.check(file, ModelProto.parseFrom(java.nio.file.Files.readAllBytes(file)), design,
                network);

        assertThat(note).startsWith("ONNX Runtime ran the file itself on 20 random inputs: the imported design gives "
                + "the same outputs (largest difference");
    }

    @Test
    void aDesignThatComputesSomethingElseIsRefused() throws Exception {
        Design design = new DesignJson().read(DESIGN, "small");
        Path file = dir.resolve("small.onnx");
        new OnnxExport().write(design, randomNetwork(design), file);
        ModelProto model = ModelProto.parseFrom(java.nio.file.Files.readAllBytes(file));

        ComputationGraph other = randomNetwork(design);
        other.params().muli(-1); // (initialising a network reseeds ND4J's generator: the same "random" values again)

        assertThatThrownBy(() -> OnnxImportCheck.check(file, model, design, other))
                .isInstanceOf(ModelImportException.class)
                .hasMessageContaining("small.onnx: the imported design computes something else than the file")
                .hasMessageContaining("nothing was imported");
    }

    private static ComputationGraph randomNetwork(Design design) throws Exception {
        ComputationGraph graph = new DesignCompiler().compile(design, TrainingSettings.defaults()).newNetwork();
        graph.params().assign(Nd4j.rand(DataType.FLOAT, graph.params().shape()).muli(2).subi(1));
        return graph;
    }
}
