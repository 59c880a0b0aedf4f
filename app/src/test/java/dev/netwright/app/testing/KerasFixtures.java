package dev.netwright.app.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Keras 2 .h5 and Keras 3 .keras files for the app's tests, written by the interop module's fixture script. */
public final class KerasFixtures {
    private static final Path SCRIPT = Path.of("../interop/src/test/resources/dev/netwright/interop/keras/keras_fixtures.py");

    private KerasFixtures() {
    }

    /**
     * Writes cnn.h5, cnn.keras, functional.h5 and functional.keras (with random weights) into {@code out}; skips the
     * test by assumption, saying so, where Debian's /usr/bin/python3 lacks h5py or numpy.
     */
    public static Path writeInto(Path out) throws Exception {
        Process check = new ProcessBuilder("/usr/bin/python3", "-c", "import h5py, numpy")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        boolean available = Files.isRegularFile(SCRIPT) && check.waitFor(60, TimeUnit.SECONDS) && check.exitValue() == 0;
        assumeTrue(available, "skipped: /usr/bin/python3 with h5py and numpy is needed to write Keras files");
        Process p = new ProcessBuilder("/usr/bin/python3", SCRIPT.toString(), out.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0).as("Keras fixtures written").isTrue();
        return out;
    }
}
