package dev.netwright.app.cli;

import dev.netwright.interop.ImportedModel;
import dev.netwright.interop.onnx.OnnxImport;
import dev.netwright.runtime.codegen.PyTorchExport;
import dev.netwright.runtime.compile.DesignCompiler;
import dev.netwright.runtime.compile.TrainingSettings;
import dev.netwright.samples.Samples;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Netwright's samples there and back: exported as PyTorch code, built by python3-torch with its own random weights,
 * written by torch.onnx.export (its predict(), softmax included), imported again; DL4J then computes what PyTorch did.
 * (The Transformer sample is left out: ONNX import reads no attention.)
 */
class OnnxRoundTripOfSamplesTest {
    /** Builds the exported module, saves 20 random inputs and its predictions on them, and writes it as ONNX. */
    private static final String DRIVER = """
            import importlib.util, sys, warnings
            import numpy as np, torch
            warnings.filterwarnings("ignore")
            code, onnx_file, x_file, y_file = sys.argv[1:5]
            spec = importlib.util.spec_from_file_location("exported", code)
            exported = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(exported)
            model_class = [c for c in vars(exported).values()
                           if isinstance(c, type) and issubclass(c, torch.nn.Module) and hasattr(c, "input_shape")][0]
            torch.manual_seed(11)
            model = model_class().eval()
            # torch 1.13 cannot export padding="same" (aten::_convolution_mode): at stride 1 with odd kernels it is
            # (k - 1) / 2 on every side, which exports as Conv's pads
            for m in model.modules():
                if isinstance(m, torch.nn.Conv2d) and m.padding == "same":
                    m.padding = tuple((k - 1) // 2 for k in m.kernel_size)

            class Predict(torch.nn.Module):
                def __init__(self, m):
                    super().__init__()
                    self.m = m

                def forward(self, x):
                    return self.m.predict(x)

            wrapped = Predict(model).eval()
            x = torch.randn(20, *model_class.input_shape)
            y = wrapped(x)
            torch.onnx.export(wrapped, x[:1], onnx_file, opset_version=13, input_names=["input"], output_names=["output"],
                              dynamic_axes={"input": {0: "batch"}, "output": {0: "batch"}})
            np.save(x_file, x.numpy().astype(np.float32))
            np.save(y_file, y.numpy().astype(np.float32))
            """;

    @TempDir
    Path dir;

    @BeforeAll
    static void needsPyTorch() throws Exception {
        assumeTrue(SystemPython.imports("torch, onnx"), "skipped: python3-torch and python3-onnx are needed");
    }

    @ParameterizedTest
    @ValueSource(strings = {"cnn", "lstm", "resnet", "rcnn"})
    void aSampleExportedToPyTorchAndThroughOnnxComputesTheSameAfterImport(String id) throws Exception {
        Path code = Files.writeString(dir.resolve(id + ".py"),
                new PyTorchExport().export(Samples.load(id)), StandardCharsets.UTF_8);
        Path driver = Files.writeString(dir.resolve("driver.py"), DRIVER, StandardCharsets.UTF_8);
        Path onnx = dir.resolve(id + ".onnx");
        SystemPython.Result result = SystemPython.run(List.of(SystemPython.PYTHON, driver.toString(), code.toString(),
                onnx.toString(), dir.resolve("x.npy").toString(), dir.resolve("y.npy").toString()));
        assertThat(result.exit()).as(result.output()).isZero();

        ImportedModel model = OnnxImport.read(onnx);

        ComputationGraph graph = new DesignCompiler().compile(model.design(), TrainingSettings.defaults()).newNetwork();
        model.weights().applyTo(graph, model.design());
        INDArray x = Nd4j.createFromNpyFile(dir.resolve("x.npy").toFile()).castTo(DataType.FLOAT);
        INDArray expected = Nd4j.createFromNpyFile(dir.resolve("y.npy").toFile()).castTo(DataType.FLOAT);
        INDArray actual = graph.outputSingle(x.rank() == 3 ? x.permute(0, 2, 1).dup('c') : x);
        double diff = actual.sub(expected).amaxNumber().doubleValue();
        System.err.println("ONNX round trip of sample " + id + ": max |DL4J - PyTorch| = " + diff);
        assertThat(diff).as(id).isLessThanOrEqualTo(1e-4);
    }
}
