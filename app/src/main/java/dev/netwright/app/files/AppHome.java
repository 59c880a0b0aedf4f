package dev.netwright.app.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The folder where the app keeps its own files (recent list, autosave recovery, runs of untitled designs).
 * Folders are created when first asked for, so merely constructing one touches nothing on disk.
 */
public final class AppHome {
    /** System property that overrides the location; tests point it at a temporary folder. */
    public static final String HOME_PROPERTY = "netwright.home";

    private final Path root;

    public AppHome(Path root) {
        this.root = Objects.requireNonNull(root, "root").toAbsolutePath().normalize();
    }

    /**
     * The home from the environment: the {@value #HOME_PROPERTY} system property if set, else
     * {@code $XDG_CONFIG_HOME/netwright}, else {@code ~/.config/netwright}.
     */
    public static AppHome fromEnvironment() {
        return new AppHome(resolve(System.getProperty(HOME_PROPERTY), System.getenv("XDG_CONFIG_HOME"),
                System.getProperty("user.home")));
    }

    /** The lookup rule, apart from the process environment so it can be tested. */
    static Path resolve(String homeProperty, String xdgConfigHome, String userHome) {
        if (homeProperty != null && !homeProperty.isBlank()) {
            return Path.of(homeProperty);
        }
        // The XDG spec says a relative XDG_CONFIG_HOME is invalid and must be ignored.
        if (xdgConfigHome != null && !xdgConfigHome.isBlank() && Path.of(xdgConfigHome).isAbsolute()) {
            return Path.of(xdgConfigHome, "netwright");
        }
        return Path.of(Objects.requireNonNull(userHome, "user.home"), ".config", "netwright");
    }

    public Path root() {
        return root;
    }

    /** The recent-files store. Only a path: its folder is made when the store is first written. */
    public Path recentFile() {
        return root.resolve("recent.json");
    }

    /** Where autosave keeps the recovery copy of the open design; created if missing. */
    public Path recoveryDir() throws IOException {
        return Files.createDirectories(root.resolve("recovery"));
    }

    /** Where training runs of a design that has never been saved go; created if missing. */
    public Path untitledRunsDir() throws IOException {
        return Files.createDirectories(root.resolve("untitled.runs"));
    }

    @Override
    public String toString() {
        return "AppHome[" + root + "]";
    }
}
