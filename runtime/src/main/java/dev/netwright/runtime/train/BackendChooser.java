package dev.netwright.runtime.train;

import java.util.List;
import java.util.Map;

/**
 * Decides per run whether the worker trains on the GPU or the CPU, and says why. DL4J M2.1's CUDA 11.6
 * kernels cover compute capability 3.7–8.9 with no PTX: newer cards (Hopper, 9.0) fail at the first
 * kernel, so they, and builds without the CUDA backend, fall back to the CPU with a message.
 */
public final class BackendChooser {
    public static final double MIN_COMPUTE_CAPABILITY = 3.7;
    public static final double MAX_COMPUTE_CAPABILITY = 8.9;
    static final String CUDA_BACKEND_CLASS = "org.nd4j.linalg.jcublas.JCublasBackend";

    private final GpuProbe probe;
    private final boolean cudaBuild;

    public BackendChooser(GpuProbe probe, boolean cudaBuild) {
        this.probe = probe;
        this.cudaBuild = cudaBuild;
    }

    /** The chooser for this installation: the real probe; CUDA only when its backend is on the class path. */
    public static BackendChooser forThisBuild() {
        return new BackendChooser(GpuProbe.nvidiaSmi(), classPresent(CUDA_BACKEND_CLASS));
    }

    /** The outcome: the backend to use, a sentence for the status bar, and the worker's environment. */
    public record Choice(Backend backend, String message) {
        /** ND4J picks the backend with the highest priority among those on the class path. */
        public Map<String, String> environment() {
            boolean gpu = backend == Backend.GPU;
            return Map.of("BACKEND_PRIORITY_CPU", gpu ? "0" : "100", "BACKEND_PRIORITY_GPU", gpu ? "100" : "0");
        }
    }

    public Choice choose(Backend requested) {
        if (requested == Backend.CPU) {
            return new Choice(Backend.CPU, "CPU (as chosen)");
        }
        if (!cudaBuild) {
            return new Choice(Backend.CPU, requested == Backend.GPU
                    ? "CPU: this is the CPU build of Netwright; install the CUDA build to train on a GPU"
                    : "CPU");
        }
        List<GpuProbe.Gpu> gpus = probe.gpus();
        if (gpus.isEmpty()) {
            return new Choice(Backend.CPU, "CPU: no NVIDIA GPU or driver found");
        }
        for (GpuProbe.Gpu gpu : gpus) {
            if (supported(gpu.computeCapability())) {
                return new Choice(Backend.GPU, "GPU: " + gpu.describe());
            }
        }
        GpuProbe.Gpu first = gpus.get(0);
        return new Choice(Backend.CPU, "CPU: " + first.describe() + " is not supported by the CUDA 11.6 build "
                + "(it runs compute capability " + MIN_COMPUTE_CAPABILITY + "–" + MAX_COMPUTE_CAPABILITY + ")");
    }

    static boolean supported(double computeCapability) {
        return computeCapability >= MIN_COMPUTE_CAPABILITY - 1e-9 && computeCapability <= MAX_COMPUTE_CAPABILITY + 1e-9;
    }

    private static boolean classPresent(String name) {
        try {
            Class.forName(name, false, BackendChooser.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
