package dev.netwright.interop.onnx;

import dev.netwright.interop.ImportedModel;
import dev.netwright.interop.ModelImportException;
import dev.netwright.runtime.compile.DesignCompiler;
import dev.netwright.runtime.compile.TrainingSettings;
import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.format.DesignJson;
import onnx.Onnx.ModelProto;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Netwright's own ONNX files read back as the design they came from, the weights from the file. */
class OnnxOwnModelTest {
    private static final Path FILE = Path.of("model.onnx");

    /** Every kind whose weights are laid out differently in ONNX: convolutions, BatchNorm, both LSTMs, attention. */
    private static final String DESIGN = """
            { "formatVersion" : 1, "name" : "mixed", "nodes" : [
              { "id" : "input", "kind" : "Input", "params" : { "form" : "image", "height" : 6, "width" : 5, "channels" : 2 } },
              { "id" : "conv", "kind" : "Conv2D", "params" : { "filters" : 3, "kernelHeight" : 3, "kernelWidth" : 3, "padding" : "same" } },
              { "id" : "bn", "kind" : "BatchNorm", "params" : { } },
              { "id" : "seq", "kind" : "ToSequence", "params" : { } },
              { "id" : "lstm", "kind" : "LSTM", "params" : { "units" : 4, "returnSequences" : true, "bidirectional" : true } },
              { "id" : "conv1d", "kind" : "Conv1D", "params" : { "filters" : 4, "kernel" : 2, "padding" : "same" } },
              { "id" : "gru", "kind" : "GRU", "params" : { "units" : 4, "returnSequences" : true } },
              { "id" : "pos", "kind" : "PositionalEncoding", "params" : { "mode" : "learned" } },
              { "id" : "block", "kind" : "TransformerEncoderBlock", "params" : { "heads" : 2, "feedForward" : 6 } },
              { "id" : "pool", "kind" : "GlobalPooling", "params" : { } },
              { "id" : "output", "kind" : "Output", "params" : { "units" : 3 } } ],
              "edges" : [ { "from" : "input", "to" : "conv" }, { "from" : "conv", "to" : "bn" }, { "from" : "bn", "to" : "seq" },
                { "from" : "seq", "to" : "lstm" }, { "from" : "lstm", "to" : "conv1d" }, { "from" : "conv1d", "to" : "gru" },
                { "from" : "gru", "to" : "pos" }, { "from" : "pos", "to" : "block" }, { "from" : "block", "to" : "pool" },
                { "from" : "pool", "to" : "output" } ] }
            """;

    @Test
    void anExportedDesignReadsBackAsTheSameDesignComputingTheSameOutputs() throws Exception {
        Design design = new DesignJson().read(DESIGN, "mixed");
        ComputationGraph trained = randomNetwork(design);
        ModelProto model = new OnnxExport().export(design, trained);

        ImportedModel imported = OnnxOwnModel.read(model, FILE).orElseThrow();

        assertThat(new DesignJson().write(imported.design())).isEqualTo(new DesignJson().write(design));
        ComputationGraph read = new DesignCompiler().compile(imported.design(), TrainingSettings.defaults()).newNetwork();
        read.init();
        imported.weights().applyTo(read, imported.design());
        INDArray x = Nd4j.rand(DataType.FLOAT, 4, 2, 6, 5);
        double difference = read.outputSingle(x).sub(trained.outputSingle(x)).amaxNumber().doubleValue();
        assertThat(difference).isLessThanOrEqualTo(1e-6);
        assertThat(imported.weights().parameterCount()).isEqualTo(trained.numParams());
    }

    @Test
    void aNetworkWithMorePositionsThanFloat32HoldsExactlyIsReadWithTwoDigitsPerPosition() throws Exception {
        // the tutorial-size Transformer's 18.9 million parameters pass 2^24: base 2^6 makes this small design need
        // the second digit as that one does
        Design design = new DesignJson().read(DESIGN, "mixed");
        ComputationGraph trained = randomNetwork(design);
        assertThat(trained.numParams()).isGreaterThan(1L << 8).isLessThan(1L << 12);
        ModelProto model = new OnnxExport().export(design, trained);

        ImportedModel imported = OnnxOwnModel.read(model, FILE, 6).orElseThrow();

        ComputationGraph read = new DesignCompiler().compile(imported.design(), TrainingSettings.defaults()).newNetwork();
        read.init();
        imported.weights().applyTo(read, imported.design());
        INDArray x = Nd4j.rand(DataType.FLOAT, 4, 2, 6, 5);
        assertThat(read.outputSingle(x).sub(trained.outputSingle(x)).amaxNumber().doubleValue()).isLessThanOrEqualTo(1e-6);
        // past two digits (2^12 parameters at base 2^6) it is left to the graph import
        assertThat(OnnxOwnModel.read(model, FILE, 4)).isEmpty();
    }

    @Test
    void aFileWithoutNetwrightsDesignIsLeftToTheGraphImport() throws Exception {
        Design design = new DesignJson().read(DESIGN, "mixed");
        ModelProto model = new OnnxExport().export(design, randomNetwork(design)).toBuilder().clearMetadataProps().build();

        assertThat(OnnxOwnModel.read(model, FILE)).isEmpty();
    }

    @Test
    void aFileWhoseWeightsNoLongerFitItsDesignIsRefusedNamingTheWeight() throws Exception {
        Design design = new DesignJson().read(DESIGN, "mixed");
        ModelProto.Builder model = new OnnxExport().export(design, randomNetwork(design)).toBuilder();
        int at = -1;
        for (int i = 0; i < model.getGraph().getInitializerCount(); i++) {
            if (model.getGraph().getInitializer(i).getName().equals("conv/weight")) {
                at = i;
            }
        }
        model.getGraphBuilder().removeInitializer(at);

        assertThatThrownBy(() -> OnnxOwnModel.read(model.build(), FILE)).isInstanceOf(ModelImportException.class)
                .hasMessage("model.onnx: its weight 'conv/weight' is missing; the file no longer matches the design it "
                        + "names.");
    }

    @Test
    void aDesignInTheMetadataLargerThanADesignFileMayBeIsRefusedBeforeItIsParsed() throws Exception {
        Design design = new DesignJson().read(DESIGN, "mixed");
        ModelProto.Builder model = new OnnxExport().export(design, randomNetwork(design)).toBuilder();
        for (int i = 0; i < model.getMetadataPropsCount(); i++) {
            if (model.getMetadataProps(i).getKey().equals(OnnxExport.DESIGN_KEY)) {
                model.setMetadataProps(i, model.getMetadataProps(i).toBuilder()
                        .setValue(" ".repeat((int) DesignJson.MAX_FILE_BYTES + 1)));
            }
        }

        assertThatThrownBy(() -> OnnxOwnModel.read(model.build(), FILE)).isInstanceOf(ModelImportException.class)
                .hasMessageContaining("model.onnx: the design in its metadata is " + (DesignJson.MAX_FILE_BYTES + 1)
                        + " characters long, more than a design file may be");
    }

    private static ComputationGraph randomNetwork(Design design) throws Exception {
        ComputationGraph graph = new DesignCompiler().compile(design, TrainingSettings.defaults()).newNetwork();
        graph.init();
        graph.params().assign(Nd4j.rand(DataType.FLOAT, graph.params().shape()).muli(2).subi(1));
        return graph;
    }
}
