package dev.netwright.app.window;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** What the window does with a file by its name (and, for .json, its first bytes): open it as a design, import it as a model, or nothing. */
final class OpenableFiles {
    enum Kind { DESIGN, MODEL, NONE }

    private static final List<String> MODEL_ENDINGS = List.of(".h5", ".hdf5", ".keras", ".py", ".onnx");
    private static final int SNIFF_BYTES = 4096;

    private OpenableFiles() {
    }

    static Kind kindOf(Path file) {
        Path name = file.getFileName();
        String lower = name == null ? "" : name.toString().toLowerCase(Locale.ROOT);
        if (lower.endsWith(".netwright")) {
            return Kind.DESIGN;
        }
        if (lower.endsWith(".json")) {
            return isKerasJson(file) ? Kind.MODEL : Kind.DESIGN;
        }
        if (MODEL_ENDINGS.stream().anyMatch(lower::endsWith)) {
            return Kind.MODEL;
        }
        return Kind.NONE;
    }

    /** A Keras architecture file names its model's "class_name" first; a design has a "formatVersion". */
    private static boolean isKerasJson(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            String head = new String(in.readNBytes(SNIFF_BYTES), StandardCharsets.UTF_8);
            return head.contains("\"class_name\"") && !head.contains("\"formatVersion\"");
        } catch (IOException e) {
            return false; // opened as a design, whose error names the problem
        }
    }
}
