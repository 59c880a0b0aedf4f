package dev.netwright.runtime.data;

import dev.netwright.runtime.design.RegularFiles;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Opens the files that data references name, and only regular ones: a named pipe blocks the reader until something
 * writes to it, and a device such as /dev/zero never ends. A design can name any local path as its data, so the
 * type is checked before the file is opened.
 */
final class DataFiles {
    private DataFiles() {
    }

    /** Returns the size in bytes of {@code file}, or refuses it when it is missing or not a regular file. */
    static long requireRegularFile(Path file) throws DataException {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (IOException e) {
            throw cannotRead(file, e);
        }
        if (!attributes.isRegularFile()) {
            throw new DataException(file + " is not a regular file (" + kind(file, attributes)
                    + "); data is read only from regular files");
        }
        return attributes.size();
    }

    /** Opens {@code file} for reading once {@link #requireRegularFile} has accepted it. */
    static InputStream open(Path file) throws DataException {
        requireRegularFile(file);
        try {
            return Files.newInputStream(file);
        } catch (IOException e) {
            throw cannotRead(file, e);
        }
    }

    /** The message for a file that could not be opened or read, in words rather than the exception's. */
    static DataException cannotRead(Path file, IOException e) {
        if (e instanceof NoSuchFileException) {
            return new DataException(file + ": file not found", e);
        }
        if (e instanceof AccessDeniedException) {
            return new DataException(file + ": cannot be read (permission denied)", e);
        }
        return new DataException(file + ": cannot be read (" + Texts.reason(e, "a read error") + ")", e);
    }

    private static String kind(Path file, BasicFileAttributes attributes) {
        return attributes.isDirectory() ? "a folder" : RegularFiles.kindOf(file);
    }
}
