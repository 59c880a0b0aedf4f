package dev.netwright.app.window;

import java.nio.file.Path;
import java.util.Locale;

/** What the window does with a file by its name: open it as a design, import it as a model, or nothing. */
final class OpenableFiles {
    enum Kind { DESIGN, NONE }

    private OpenableFiles() {
    }

    static Kind kindOf(Path file) {
        Path name = file.getFileName();
        String lower = name == null ? "" : name.toString().toLowerCase(Locale.ROOT);
        if (lower.endsWith(".json") || lower.endsWith(".netwright")) {
            return Kind.DESIGN;
        }
        return Kind.NONE;
    }
}
