package dev.netwright.interop.onnx;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** ONNX files written by Debian's python3-torch with onnx_fixtures.py: NAME.onnx, NAME.x.npy and NAME.y.npy. */
final class OnnxFixtures {
    private static final Path PYTHON = Path.of("/usr/bin/python3");

    private OnnxFixtures() {
    }

    /** Writes the fixtures into {@code dir}; false where /usr/bin/python3 cannot import torch and onnx. */
    static boolean writeInto(Path dir) throws Exception {
        if (!Files.isExecutable(PYTHON) || run(PYTHON.toString(), "-c", "import torch, onnx") != 0) {
            return false;
        }
        Path script = dir.resolve("onnx_fixtures.py");
        try (InputStream in = OnnxFixtures.class.getResourceAsStream("onnx_fixtures.py")) {
            Files.copy(in, script);
        }
        assertThat(run(PYTHON.toString(), script.toString(), dir.resolve("out").toString())).as("fixtures written").isZero();
        return true;
    }

    /** A fixture's file, skipping the test by assumption, saying why, where none could be written. */
    static Path file(Path dir, boolean written, String name) {
        assumeTrue(written, "skipped: /usr/bin/python3 with torch and onnx (Debian's python3-torch, python3-onnx) is "
                + "needed to write the ONNX fixtures");
        return dir.resolve("out").resolve(name);
    }

    private static int run(String... command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("OMP_NUM_THREADS", "1");
        Process p = builder.start();
        assertThat(p.waitFor(300, TimeUnit.SECONDS)).as("python finished").isTrue();
        return p.exitValue();
    }
}
