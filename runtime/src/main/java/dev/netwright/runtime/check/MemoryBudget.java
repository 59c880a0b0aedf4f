package dev.netwright.runtime.check;

import java.lang.management.ManagementFactory;

/**
 * How much memory a training run may use on this machine: the native-memory limit the worker is started with
 * ({@value #WORKER_NATIVE_LIMIT_GIB} GiB, JavaCPP's {@code maxbytes}), or three quarters of the machine's memory where
 * that is less. The checker warns about, and {@code train} refuses, designs whose {@link ResourceEstimate} is above it.
 */
public final class MemoryBudget {
    public static final int WORKER_NATIVE_LIMIT_GIB = 6;
    public static final long WORKER_NATIVE_LIMIT_BYTES = (long) WORKER_NATIVE_LIMIT_GIB << 30;

    private MemoryBudget() {
    }

    /** The bytes a training run can count on here. */
    public static long forTraining() {
        long physical = physicalMemory();
        return physical <= 0 ? WORKER_NATIVE_LIMIT_BYTES : Math.min(WORKER_NATIVE_LIMIT_BYTES, physical / 4 * 3);
    }

    private static long physicalMemory() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getTotalMemorySize();
        }
        return -1;
    }
}
