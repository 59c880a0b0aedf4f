package dev.netwright.app.cli;

import dev.netwright.runtime.train.Backend;
import dev.netwright.runtime.train.worker.WorkerClient;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;

/** {@code netwright self-test} (also {@code netwright --self-test}): checks that this installation can train. */
@Command(name = "self-test", description = "Check this installation without a display: a worker trains the seed CNN "
        + "for a few steps on the bundled data; prints backend, device, samples/s and PASS or FAIL (exit code 0 or 1).")
final class SelfTestCommand implements Callable<Integer> {
    /** The first start unpacks ND4J's native libraries (hundreds of MB), so the limit is generous. */
    static final Duration TIMEOUT = Duration.ofMinutes(5);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--backend", defaultValue = "AUTO", description = "AUTO, CPU or GPU (default: ${DEFAULT-VALUE}).")
    Backend backend;

    @Override
    public Integer call() {
        return run(backend, spec.commandLine().getOut());
    }

    static int run(Backend backend, PrintWriter out) {
        return new SelfTest(WorkerClient.forThisJvm(), TIMEOUT).run(backend, out);
    }
}
