package dev.netwright.bench.training;

import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.train.NativeTuning;
import dev.netwright.samples.Samples;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * How a Java contender's JVM is set up: which sample design, which native settings, and whether it runs on
 * the nd4j-native library Netwright ships (with oneDNN) or on the plain one DL4J 1.0.0-M2.1 uses by default.
 *
 * @param tuning    the native settings as a function of the design, as {@code WorkerClient} takes them
 * @param stockJar  whether to swap the {@code -onednn} nd4j-native jar for the plain {@code linux-x86_64} one
 */
record Setup(String designId, String name, Function<Design, NativeTuning> tuning, boolean stockJar) {
    private static final String ONEDNN_JAR = "nd4j-native-1.0.0-M2.1-linux-x86_64-onednn.jar";
    private static final String STOCK_JAR = "nd4j-native-1.0.0-M2.1-linux-x86_64.jar";

    Setup {
        Objects.requireNonNull(designId, "designId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(tuning, "tuning");
    }

    /** What the app does for this design: {@link NativeTuning#forDesign}. */
    static Setup appDefault(String designId) {
        return new Setup(designId, "app default", NativeTuning::forDesign, false);
    }

    static Setup fixed(String designId, NativeTuning tuning) {
        return new Setup(designId, tuning.describe(), design -> tuning, false);
    }

    /** DL4J 1.0.0-M2.1 as it comes: plain native library, helpers off, library threads. */
    static Setup stock(String designId) {
        return new Setup(designId, "M2.1 stock jar, " + NativeTuning.libraryDefaults().describe(),
                design -> NativeTuning.libraryDefaults(), true);
    }

    Design design() {
        return Samples.load(designId);
    }

    NativeTuning resolvedTuning() {
        return tuning.apply(design());
    }

    /** The class path for this setup; empty when the stock jar is wanted but not in the local Maven repository. */
    Optional<String> classPath(String shipped) {
        if (!stockJar) {
            return Optional.of(shipped);
        }
        StringBuilder swapped = new StringBuilder();
        boolean found = false;
        for (String entry : shipped.split(java.io.File.pathSeparator)) {
            String use = entry;
            if (entry.endsWith(ONEDNN_JAR)) {
                Path stock = Path.of(entry).resolveSibling(STOCK_JAR);
                if (!Files.isRegularFile(stock)) {
                    return Optional.empty();
                }
                use = stock.toString();
                found = true;
            }
            swapped.append(swapped.length() == 0 ? "" : java.io.File.pathSeparator).append(use);
        }
        return found ? Optional.of(swapped.toString()) : Optional.empty();
    }
}
