package dev.netwright.app.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Debian's python3, where python3-torch, -numpy and -h5py import, run for the export tests. */
final class SystemPython {
    /** Debian's python3-torch imports only under the system interpreter. */
    static final String PYTHON = Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";

    /** A finished python3: its exit code and its output and errors together. */
    record Result(int exit, String output) {
    }

    private SystemPython() {
    }

    /** Whether {@code python3 -c "import MODULES"} succeeds. */
    static boolean imports(String modules) throws IOException, InterruptedException {
        return run(List.of(PYTHON, "-c", "import " + modules)).exit() == 0;
    }

    /** Runs {@code command} on one thread; a run that has not ended in five minutes is killed and fails the test. */
    static Result run(List<String> command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("OMP_NUM_THREADS", "1");
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("python3 did not finish: " + command);
        }
        return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }
}
