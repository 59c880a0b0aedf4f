package dev.netwright.runtime.data;

import java.util.function.LongSupplier;

/**
 * How much more this process's heap can take, so that data too large for it is refused with the figures before
 * the arrays are allocated, instead of ending in an out-of-memory error that names neither file nor cause.
 */
final class HeapRoom {
    private final LongSupplier free;
    private final boolean collectBeforeRefusing;

    private HeapRoom(LongSupplier free, boolean collectBeforeRefusing) {
        this.free = free;
        this.collectBeforeRefusing = collectBeforeRefusing;
    }

    /** This JVM's: the most its heap may grow to, less what is in use now. */
    static HeapRoom ofThisProcess() {
        return new HeapRoom(() -> {
            Runtime runtime = Runtime.getRuntime();
            return runtime.maxMemory() - (runtime.totalMemory() - runtime.freeMemory());
        }, true);
    }

    /** A fixed amount, for tests. */
    static HeapRoom of(long bytes) {
        return new HeapRoom(() -> bytes, false);
    }

    /**
     * Refuses unless {@code bytes} more fit: "{@code what} needs 9.3 GB of memory as floats; this process can hold
     * about 1.9 GB". Garbage counts as in use until it is collected, so the heap is collected once before saying no.
     */
    void require(long bytes, String what) throws DataException {
        require(bytes, what, "as floats");
    }

    /** As {@link #require(long, String)}, with {@code form} (or nothing) after "of memory". */
    void require(long bytes, String what, String form) throws DataException {
        if (bytes <= free.getAsLong()) {
            return;
        }
        if (collectBeforeRefusing) {
            System.gc();
            if (bytes <= free.getAsLong()) {
                return;
            }
        }
        throw new DataException(what + " needs " + Texts.bytes(bytes) + " of memory" + (form.isEmpty() ? "" : " " + form)
                + "; this process can hold about " + Texts.bytes(Math.max(0, free.getAsLong())));
    }
}
