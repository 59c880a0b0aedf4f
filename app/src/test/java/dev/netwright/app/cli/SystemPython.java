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

    /** For each (code, inputs, outputs) triple: imports the file, loads its weights, saves the outputs, prints the count. */
    private static final String EXPORT_DRIVER = """
            import importlib.util, sys
            import numpy as np, torch
            for code, inputs, outputs in zip(sys.argv[1::3], sys.argv[2::3], sys.argv[3::3]):
                spec = importlib.util.spec_from_file_location("exported", code)
                exported = importlib.util.module_from_spec(spec)
                spec.loader.exec_module(exported)
                model_class = [c for c in vars(exported).values()
                               if isinstance(c, type) and issubclass(c, torch.nn.Module) and hasattr(c, "input_shape")][0]
                model = exported.load_weights(model_class())
                model.eval()
                with np.load(inputs) as arrays:
                    x = torch.from_numpy(arrays["x"])
                np.save(outputs, model.predict(x).numpy().astype(np.float32))
                print("count", exported.netwright_parameter_count(model))
            """;

    /** A finished python3: its exit code and its output and errors together. */
    record Result(int exit, String output) {
    }

    private SystemPython() {
    }

    /**
     * Writes the driver of exported PyTorch files into {@code dir}: run as {@code driver.py CODE X.npz OUT.npy ...},
     * it imports each file, loads its weights as the file does, saves its predictions on {@code x}, prints the count.
     */
    static Path writeExportDriver(Path dir) throws IOException {
        return Files.writeString(dir.resolve("driver.py"), EXPORT_DRIVER);
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
