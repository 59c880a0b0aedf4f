package dev.netwright.app.files;

import dev.netwright.runtime.design.Design;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A design a previous session autosaved and did not clear, i.e. it ended without a clean save or quit.
 *
 * @param originalFile the file the design was opened from or last saved to, or null if it was untitled
 */
public record Recovery(Design design, Path originalFile, Instant savedAt) {
    public Recovery {
        Objects.requireNonNull(design, "design");
        Objects.requireNonNull(savedAt, "savedAt");
    }

    public Optional<Path> original() {
        return Optional.ofNullable(originalFile);
    }
}
