package dev.netwright.runtime.train;

import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** What the current JVM trains on, in words for the run-started event and the status bar. */
public final class Devices {
    private Devices() {
    }

    /** "CPU" or "CUDA", from the ND4J backend this JVM loaded. */
    public static String currentBackend() {
        String name = Nd4j.getBackend().getClass().getSimpleName().toLowerCase(Locale.ROOT);
        return name.contains("cublas") || name.contains("cuda") ? "CUDA" : "CPU";
    }

    /**
     * The processor's model name with the threads ND4J computes on (what the run's engine choices and
     * {@code OMP_NUM_THREADS} made of it) and the machine's cores, or the GPU ND4J uses.
     */
    public static String currentDevice() {
        if ("CUDA".equals(currentBackend())) {
            Object name = Nd4j.getExecutioner().getEnvironmentInformation().get("cuda.deviceName");
            return name == null ? "GPU" : name.toString();
        }
        return cpu(cpuName(), Nd4j.getEnvironment().maxThreads(), Runtime.getRuntime().availableProcessors());
    }

    /** E.g. "Intel Xeon, 1 thread of 2 cores": the threads that compute, not the cores there are. */
    static String cpu(String name, int threads, int cores) {
        return name + ", " + threads + (threads == 1 ? " thread" : " threads") + " of " + cores + (cores == 1 ? " core" : " cores");
    }

    static String cpuName() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"), StandardCharsets.UTF_8)) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux, or no access: the generic name below is good enough.
        }
        return System.getProperty("os.arch") + " CPU";
    }
}
