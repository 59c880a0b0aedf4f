package dev.netwright.runtime.train;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Finds NVIDIA GPUs with their compute capability and memory, in a short child process
 * ({@code nvidia-smi}), without loading CUDA into this JVM: a card the CUDA build cannot run must not
 * crash or hang the caller.
 */
public interface GpuProbe {

    /** One GPU as the driver reports it. */
    record Gpu(String name, double computeCapability, long memoryMiB) {
        public String describe() {
            return String.format(Locale.ROOT, "%s (compute capability %.1f, %,d MiB)", name, computeCapability, memoryMiB);
        }
    }

    /** The GPUs found; empty when there is no NVIDIA driver or no card. */
    List<Gpu> gpus();

    /** The real probe: {@code nvidia-smi --query-gpu=name,compute_cap,memory.total}, 10 s at most. */
    static GpuProbe nvidiaSmi() {
        return () -> {
            try {
                Process p = new ProcessBuilder("nvidia-smi", "--query-gpu=name,compute_cap,memory.total",
                        "--format=csv,noheader,nounits").redirectErrorStream(true).start();
                if (!p.waitFor(10, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    return List.of();
                }
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                return p.exitValue() == 0 ? parse(out) : List.of();
            } catch (IOException e) {
                return List.of(); // no nvidia-smi: no NVIDIA driver
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return List.of();
            }
        };
    }

    /** Parses nvidia-smi's CSV lines ("NVIDIA H200, 9.0, 143771"); lines it cannot read are skipped. */
    static List<Gpu> parse(String csv) {
        List<Gpu> gpus = new ArrayList<>();
        for (String line : csv.split("\\R")) {
            String[] f = line.split(",");
            if (f.length < 3) {
                continue;
            }
            try {
                gpus.add(new Gpu(f[0].trim(), Double.parseDouble(f[1].trim()), Long.parseLong(f[2].trim())));
            } catch (NumberFormatException e) {
                // e.g. "[N/A]" from an old driver: not a card we can judge, so not one we use
            }
        }
        return gpus;
    }
}
