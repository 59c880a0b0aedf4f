package dev.netwright.runtime.sweep;

import java.lang.management.ManagementFactory;

/**
 * How many trials a sweep trains at once, and with how many native threads each, so that parallel workers share the
 * cores rather than fight over them.
 */
public final class Parallelism {
    /** The most trials at once that {@code --parallel} takes. */
    public static final int MAX = 8;
    /** What a small design's worker takes here (1 GB heap, ND4J's natives and the data): a worker per 2 GiB of memory. */
    private static final long BYTES_PER_WORKER = 2L << 30;

    private Parallelism() {
    }

    /** The default: one trial per two cores, one per 2 GiB of memory, at least 1 and at most 4. */
    public static int defaultFor(int cores, long physicalBytes) {
        long byMemory = physicalBytes <= 0 ? 1 : physicalBytes / BYTES_PER_WORKER;
        return (int) Math.max(1, Math.min(4, Math.min(cores / 2, byMemory)));
    }

    /** The default on this machine. */
    public static int defaultHere() {
        return defaultFor(Runtime.getRuntime().availableProcessors(), physicalMemory());
    }

    /**
     * A worker's native threads when {@code parallel} trials run at once: the design's own choice ({@code designThreads},
     * 0 for ND4J's one per core) when one trial runs, else the cores shared out, at least one each.
     */
    public static int threadsPerTrial(int designThreads, int parallel, int cores) {
        if (parallel == 1 || designThreads == 1) {
            return designThreads;
        }
        return Math.max(1, cores / parallel);
    }

    private static long physicalMemory() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getTotalMemorySize();
        }
        return -1;
    }
}
