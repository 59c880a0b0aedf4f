package dev.netwright.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.netwright.runtime.codegen.KerasExport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every sample exports as Keras code that Python compiles (TensorFlow is not here to run it). */
class KerasExportOfSamplesTest {
    private static final Path PYTHON = Path.of("/usr/bin/python3");

    @TempDir
    Path folder;

    static Stream<Sample> samples() {
        return Samples.list().stream();
    }

    @ParameterizedTest
    @MethodSource("samples")
    void theSampleExportsAsKerasCodeThatPythonCompiles(Sample sample) throws Exception {
        String code = new KerasExport().export(Samples.load(sample));

        assertThat(code).contains("keras.Model(", "model.compile(", "model.fit(", "keras.datasets.fashion_mnist.load_data()");
        assumeTrue(Files.isExecutable(PYTHON), "/usr/bin/python3 is not installed: the export's syntax is not checked");
        Path file = folder.resolve(sample.id().replaceAll("[^A-Za-z0-9]", "_") + ".py");
        Files.writeString(file, code, StandardCharsets.UTF_8);
        Process process = new ProcessBuilder(PYTHON.toString(), "-m", "py_compile", file.toString())
                .redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(out + "\n" + code).isZero();
    }
}
