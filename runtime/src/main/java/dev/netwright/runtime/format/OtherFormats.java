package dev.netwright.runtime.format;

import com.fasterxml.jackson.databind.JsonNode;
import dev.netwright.runtime.design.DesignFormatException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Names the model files people try to open as designs (a Keras model, an ONNX or PyTorch file, a model zip), so
 * that the refusal says what the file is instead of "unknown field 'class_name'" or "invalid UTF-8". Used only where
 * the file is refused anyway.
 */
final class OtherFormats {
    private static final byte[] HDF5 = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};
    private static final byte[] ZIP = {'P', 'K', 3, 4};

    private OtherFormats() {
    }

    /** What a design file that is not a design holds, judged by its first bytes and its name. */
    static Optional<String> ofFile(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return ofBytes(in.readNBytes(HDF5.length), file).or(() -> byName(file));
        } catch (IOException e) {
            return byName(file);
        }
    }

    /** What a file starting with {@code head} is, when its first bytes say so (HDF5, zip). */
    static Optional<String> ofBytes(byte[] head, Path file) {
        if (startsWith(head, HDF5)) {
            return Optional.of("an HDF5 file (a Keras .h5 model?)");
        }
        if (startsWith(head, ZIP)) {
            String name = nameOf(file);
            if (name.endsWith(".keras")) {
                return Optional.of("a Keras 3 model (.keras)");
            }
            if (name.endsWith(".pt") || name.endsWith(".pth")) {
                return Optional.of("a PyTorch model");
            }
            return Optional.of("a zip archive (a trained model.zip? 'netwright evaluate' takes the run folder it is in)");
        }
        return Optional.empty();
    }

    /** ONNX files have no signature of their own: their name says it, once the content has failed as a design. */
    private static Optional<String> byName(Path file) {
        return nameOf(file).endsWith(".onnx") ? Optional.of("an ONNX model") : Optional.empty();
    }

    private static String nameOf(Path file) {
        return file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
    }

    /** What a JSON file that is not a design holds: Keras writes {"class_name": ..., "config": ...}. */
    static Optional<String> ofJson(JsonNode root) {
        if (root.has("class_name") && root.has("config") && !root.has("formatVersion")) {
            String kind = root.path("class_name").asText("");
            return Optional.of("a Keras model" + (kind.isBlank() ? "" : " (" + kind + ")"));
        }
        return Optional.empty();
    }

    /** The refusal for a file that is {@code what}. */
    static DesignFormatException refusal(String source, String what) {
        return new DesignFormatException(source + ": this is " + what + ", not a Netwright design. "
                + "Netwright opens its own design files (.json) and cannot import other model formats yet.");
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        return bytes.length >= prefix.length && Arrays.equals(bytes, 0, prefix.length, prefix, 0, prefix.length);
    }
}
