package dev.netwright.app.cli;

import dev.netwright.runtime.train.Backend;
import dev.netwright.runtime.train.BackendChooser;
import dev.netwright.runtime.train.GpuProbe;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code netwright devices}: the GPUs found and where a run would train. Does not load ND4J. */
@Command(name = "devices", description = "Show the GPUs found and where training would run.")
final class DevicesCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        out.println("CPU: " + Runtime.getRuntime().availableProcessors() + " threads");
        List<GpuProbe.Gpu> gpus = GpuProbe.nvidiaSmi().gpus();
        if (gpus.isEmpty()) {
            out.println("GPU: none found (no NVIDIA driver or card)");
        }
        for (GpuProbe.Gpu gpu : gpus) {
            out.println("GPU: " + gpu.describe());
        }
        out.println("Training with --backend AUTO uses: " + BackendChooser.forThisBuild().choose(Backend.AUTO).message());
        return ExitCodes.OK;
    }
}
