package dev.netwright.runtime.design;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Tells plain files from folders, pipes and devices, which are never read as a design or as data, nor replaced by a
 * save.
 */
public final class RegularFiles {
    // The file-type bits of a Unix mode (st_mode & S_IFMT).
    private static final int TYPE_MASK = 0170000;
    private static final int NAMED_PIPE = 0010000;
    private static final int CHARACTER_DEVICE = 0020000;
    private static final int BLOCK_DEVICE = 0060000;
    private static final int SOCKET = 0140000;

    private RegularFiles() {
    }

    /**
     * Refuses anything at {@code real} (links followed) but a regular file: "FILE: is not a regular file (a named
     * pipe)". {@code shown} is the path as the user gave it, for the message.
     */
    static BasicFileAttributes requireRegular(Path shown, Path real) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(real, BasicFileAttributes.class);
        if (attributes.isDirectory()) {
            throw new FileSystemException(shown.toString(), null, "is a folder, not a file");
        }
        if (!attributes.isRegularFile()) {
            throw new FileSystemException(shown.toString(), null, "is not a regular file (" + kindOf(real) + ")");
        }
        return attributes;
    }

    /** What a non-regular file is, in words: "a named pipe", "a device", "a socket". */
    public static String kindOf(Path path) {
        int type;
        try {
            type = ((Integer) Files.getAttribute(path, "unix:mode")) & TYPE_MASK;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "a special file"; // no Unix modes here
        }
        return switch (type) {
            case NAMED_PIPE -> "a named pipe";
            case CHARACTER_DEVICE, BLOCK_DEVICE -> "a device";
            case SOCKET -> "a socket";
            default -> "a special file";
        };
    }
}
