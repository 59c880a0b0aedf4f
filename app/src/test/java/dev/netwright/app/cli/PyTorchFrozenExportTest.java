package dev.netwright.app.cli;

import dev.netwright.runtime.codegen.PyTorchExport;
import dev.netwright.runtime.design.Design;
import dev.netwright.samples.Samples;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Frozen nodes and learning-rate factors in the exported PyTorch code (issue 18): the exported training loop leaves
 * the frozen modules' parameters and BatchNorm statistics bit for bit as they were, trains the others, and gives a
 * module with a factor its own rate. Run by Debian's python3-torch.
 */
class PyTorchFrozenExportTest {
    /** Trains the exported module for one epoch on random data and prints what changed. */
    private static final String DRIVER = """
            import importlib.util, sys
            import torch
            spec = importlib.util.spec_from_file_location("exported", sys.argv[1])
            exported = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(exported)
            model_class = [c for c in vars(exported).values()
                           if isinstance(c, type) and issubclass(c, torch.nn.Module) and hasattr(c, "input_shape")][0]
            model = model_class()
            exported.load_data = lambda: (torch.rand(16, *model_class.input_shape), torch.randint(0, 10, (16,)))
            before = {k: v.clone() for k, v in model.state_dict().items()}
            groups = exported.parameter_groups(model, 0.01)
            print("rates", sorted(g.get("lr", 0.01) for g in groups))
            exported.train(model, epochs=1, batch_size=8)
            for key, value in model.state_dict().items():
                if value.dtype.is_floating_point:
                    print("changed" if not torch.equal(value, before[key]) else "same", key)
            """;

    @TempDir
    Path dir;

    @BeforeAll
    static void needsPyTorch() throws Exception {
        assumeTrue(SystemPython.imports("torch, numpy"),
                "python3-torch is not installed: the exported PyTorch code is not run");
    }

    @Test
    void frozenModulesKeepTheirParametersAndStatisticsWhileTheOthersTrain() throws Exception {
        Design resnet = Samples.load("resnet");
        Design tuned = resnet.withNode(resnet.requireNode("conv1").withTrainable(false))
                .withNode(resnet.requireNode("bn1").withTrainable(false))
                .withNode(resnet.requireNode("conv4").withLearnRateFactor(0.1));
        String code = new PyTorchExport().export(tuned);
        assertThat(code).contains("frozen = (\"conv1\", \"bn1\",)").contains("learn_rate_factors = {\"conv4\": 0.1}");
        Path file = Files.writeString(dir.resolve("tuned.py"), code);
        Path driver = Files.writeString(dir.resolve("driver.py"), DRIVER);

        SystemPython.Result result = SystemPython.run(List.of(SystemPython.PYTHON, driver.toString(), file.toString()));

        assertThat(result.exit()).as(result.output()).isZero();
        assertThat(result.output()).contains("rates [0.001, 0.01]")
                .contains("same conv1.weight", "same conv1.bias", "same bn1.weight", "same bn1.bias",
                        "same bn1.running_mean", "same bn1.running_var")
                .contains("changed conv2.weight", "changed bn2.running_mean", "changed conv4.weight",
                        "changed output.weight");
    }

    @Test
    void aDesignThatTrainsEveryNodeAlikeIsExportedAsBefore() {
        String code = new PyTorchExport().export(Samples.load("resnet"));
        assertThat(code).doesNotContain("frozen").doesNotContain("parameter_groups")
                .contains("trainable = [p for p in model.parameters() if p.requires_grad]");
    }
}
