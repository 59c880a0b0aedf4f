package dev.netwright.app.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** ONNX files for the app's tests, written by torch.onnx.export through the interop module's fixture script. */
public final class OnnxFixtures {
    private static final Path SCRIPT = Path.of("../interop/src/test/resources/dev/netwright/interop/onnx/onnx_fixtures.py");

    private OnnxFixtures() {
    }

    /**
     * Writes mlp, cnn, cnn17, residual, lstm, lstm17 and unsupported (.onnx, with .x.npy and .y.npy) into {@code out};
     * skips the test by assumption, saying so, where Debian's /usr/bin/python3 lacks torch or onnx.
     */
    public static Path writeInto(Path out) throws Exception {
        boolean available = Files.isRegularFile(SCRIPT) && run("/usr/bin/python3", "-c", "import torch, onnx") == 0;
        assumeTrue(available, "skipped: /usr/bin/python3 with torch and onnx (python3-torch, python3-onnx) is needed "
                + "to write ONNX files");
        assertThat(run("/usr/bin/python3", SCRIPT.toString(), out.toString())).as("ONNX fixtures written").isZero();
        return out;
    }

    /** Runs python3 with {@code args}, its output discarded; its exit code. */
    public static int run(String... command) throws Exception {
        if (!Files.isExecutable(Path.of(command[0]))) {
            return -1;
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("OMP_NUM_THREADS", "1");
        Process p = builder.start();
        assertThat(p.waitFor(300, TimeUnit.SECONDS)).as("python3 finished").isTrue();
        return p.exitValue();
    }
}
