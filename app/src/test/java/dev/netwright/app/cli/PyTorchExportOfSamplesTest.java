package dev.netwright.app.cli;

import dev.netwright.runtime.check.CheckResult;
import dev.netwright.runtime.check.Checker;
import dev.netwright.runtime.codegen.PyTorchExport;
import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.layers.Shape;
import dev.netwright.samples.Sample;
import dev.netwright.samples.Samples;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Every sample, exported as PyTorch code and run by Debian's python3-torch: the same parameter count, the same output. */
class PyTorchExportOfSamplesTest {

    @TempDir
    Path dir;

    @BeforeAll
    static void needsPyTorch() throws Exception {
        assumeTrue(SystemPython.imports("torch"),
                "python3-torch is not installed: the PyTorch export is not run");
    }

    @Test
    void everyCoveredSampleBuildsInPyTorchWithNetwrightsParameterCountAndOutputShape() throws Exception {
        List<String> exported = new ArrayList<>();
        for (Sample sample : Samples.list()) {
            Design design = Samples.load(sample);
            String code = new PyTorchExport().export(design);
            exported.add(sample.id());
            CheckResult check = new Checker().check(design);
            int classes = ((Shape.Vector) check.output("output").orElseThrow()).size();
            Path file = Files.writeString(dir.resolve(sample.id().replace('-', '_') + ".py"), code, StandardCharsets.UTF_8);

            SystemPython.Result result = SystemPython.run(
                    List.of(SystemPython.PYTHON, file.toString(), "--count-parameters", "--forward-check"));

            assertThat(result.exit()).as(sample.id() + ": " + result.output()).isZero();
            assertThat(result.output().strip().split("\\R")).as(sample.id())
                    .containsExactly(Long.toString(check.totalParams()), "[2, " + classes + "]");
        }
        assertThat(exported).contains("cnn", "lstm", "rcnn", "resnet", "resnet-tuned", "transformer");
    }
}
