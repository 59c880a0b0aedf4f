package dev.netwright.bench.training;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The PyTorch peer ({@code bench/peer_pytorch.py}) on the same IDX files, batch size and window, with 2
 * threads and {@code OMP_WAIT_POLICY=PASSIVE} (without it, idle OpenMP threads spin and steal the 2 cores).
 */
final class PeerContender implements Contender {
    static final Path PYTHON = Path.of("/usr/bin/python3"); // Debian's python3-torch imports only here
    static final int THREADS = 2;

    private final String model;
    private final Path script;

    PeerContender(String model, Path script) {
        this.model = model;
        this.script = script;
    }

    String model() {
        return model;
    }

    @Override
    public String label() {
        return "PyTorch " + model;
    }

    @Override
    public Measurement measure(BenchPlan plan, int round) throws IOException, InterruptedException {
        List<String> command = List.of(PYTHON.toString(), script.toAbsolutePath().toString(), model,
                plan.idxDir().toAbsolutePath().toString(), Integer.toString(plan.batchSize()),
                Integer.toString(plan.warmup()), Integer.toString(plan.measured()), Integer.toString(THREADS));
        return ChildProcess.run(command, Map.of("OMP_WAIT_POLICY", "PASSIVE"),
                plan.scratch().resolve("r" + round + "-peer-" + model));
    }
}
