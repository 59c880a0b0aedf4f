package dev.netwright.runtime.train;

import java.io.ObjectInputFilter;

/**
 * Netwright never reads Java-serialised objects: its files are JSON and its model zips are read by {@link ModelZip}.
 * A library that would (DL4J's {@code ModelSerializer} reads a model's {@code preprocessor.bin} that way) must not be
 * able to, in any JVM that loads models: the app, the command line, the training worker and the evaluation child all
 * install this process-wide filter (JEP 290) first thing. It rejects every class; plain strings, which carry no class,
 * still pass (JavaFX's drag and drop moves the palette's layer ids as serialised strings).
 */
public final class SerialFilter {
    /** The filter pattern: no class at all. */
    public static final String REJECT_ALL = "!*";
    /** The same as a JVM option, for child JVMs: in force before any of their code runs. */
    public static final String JVM_OPTION = "-Djdk.serialFilter=" + REJECT_ALL;

    private SerialFilter() {
    }

    /** Installs the filter unless one is already in force (from {@link #JVM_OPTION}, or one the user set). */
    public static synchronized void install() {
        if (ObjectInputFilter.Config.getSerialFilter() == null) {
            ObjectInputFilter.Config.setSerialFilter(ObjectInputFilter.Config.createFilter(REJECT_ALL));
        }
    }
}
