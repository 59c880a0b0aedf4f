package dev.netwright.app.version;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The release and the Deeplearning4j version the build was made with, read from a resource Maven writes from the POM. */
public final class NetwrightVersion {
    private static final String RESOURCE = "version.properties";
    private static final Properties PROPERTIES = load();

    private NetwrightVersion() {
    }

    /** The release, e.g. {@code 0.1.0} (the POM's {@code revision}, without {@code -SNAPSHOT}). */
    public static String release() {
        return PROPERTIES.getProperty("release");
    }

    /** The Deeplearning4j version, e.g. {@code 1.0.0-M2.1}. */
    public static String deeplearning4j() {
        return PROPERTIES.getProperty("deeplearning4j");
    }

    private static Properties load() {
        // A missing resource is a broken build, not a user error: fail loudly at class load.
        try (InputStream in = NetwrightVersion.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing next to " + NetwrightVersion.class.getName()
                        + ": build the app with Maven (it writes the file from the POM)");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
