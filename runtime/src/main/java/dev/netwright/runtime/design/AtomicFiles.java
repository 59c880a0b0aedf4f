package dev.netwright.runtime.design;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;

/**
 * Writes files so that a crash leaves either the old file or the new one, never a torn one. A symbolic link is
 * written through (its target is replaced, the link stays), the replaced file keeps its permissions, and a file
 * that is read-only, or sits in a read-only folder, is refused rather than replaced.
 */
public final class AtomicFiles {
    /** As Linux's own limit: a longer chain of links is taken for a loop. */
    private static final int MAX_LINKS = 40;

    private AtomicFiles() {
    }

    public static void write(Path target, byte[] content) throws IOException {
        replace(target, temp -> {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
        });
    }

    /** Copies {@code source} to {@code target} the same way: the target is the old file or the whole copy. */
    public static void copy(Path source, Path target) throws IOException {
        replace(target, temp -> Files.copy(source, temp, StandardCopyOption.REPLACE_EXISTING));
    }

    /** Fills a temporary file next to the real target, then moves it over the target; the temporary file never stays. */
    private static void replace(Path target, Filler filler) throws IOException {
        Path real = followLinks(target.toAbsolutePath());
        Path dir = real.getParent();
        Files.createDirectories(dir);
        PosixFileAttributes existing = existingFile(target, real);
        if (!writable(dir)) {
            throw new ReadOnlyFileException(target, target + " is in a read-only folder (" + dir + ")");
        }
        Path temp = Files.createTempFile(dir, "." + real.getFileName() + ".", ".tmp");
        try {
            filler.fill(temp);
            if (existing != null) {
                keepAttributes(temp, existing);
            } else {
                newFilePermissions(temp);
            }
            try {
                Files.move(temp, real, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, real, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** The path a chain of symbolic links ends at (which need not exist yet); the path itself if it is no link. */
    private static Path followLinks(Path file) throws IOException {
        Path current = file;
        for (int hops = 0; Files.isSymbolicLink(current); hops++) {
            if (hops == MAX_LINKS) {
                throw new FileSystemException(file.toString(), null, "its symbolic links go round in a loop");
            }
            current = current.resolveSibling(Files.readSymbolicLink(current));
        }
        return current;
    }

    /**
     * The attributes of the file about to be replaced, or null when there is none (or the file system has no POSIX
     * permissions); refuses a folder, a pipe or a device, and a read-only file. Read-only is the owner's write bit,
     * not only {@link Files#isWritable}, which is always true for root: a file the user protected stays protected.
     */
    private static PosixFileAttributes existingFile(Path target, Path real) throws IOException {
        if (!Files.exists(real)) {
            return null;
        }
        RegularFiles.requireRegular(target, real);
        PosixFileAttributes attributes = posixAttributes(real);
        if (!writable(real)) {
            throw new ReadOnlyFileException(target, target + " is read-only");
        }
        return attributes;
    }

    private static boolean writable(Path path) throws IOException {
        PosixFileAttributes attributes = posixAttributes(path);
        boolean ownerMayWrite = attributes == null || attributes.permissions().contains(PosixFilePermission.OWNER_WRITE);
        return ownerMayWrite && Files.isWritable(path);
    }

    private static PosixFileAttributes posixAttributes(Path path) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class);
        return view == null ? null : view.readAttributes();
    }

    /** Gives the new file the old one's permissions, and its owner and group where we may (a shared file stays shared). */
    private static void keepAttributes(Path temp, PosixFileAttributes old) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(temp, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
        PosixFileAttributes now = view.readAttributes();
        try {
            if (!now.owner().equals(old.owner())) {
                view.setOwner(old.owner()); // only root may, e.g. saving a user's file from a root shell
            }
            if (!now.group().equals(old.group())) {
                view.setGroup(old.group()); // allowed where we belong to that group
            }
        } catch (IOException e) {
            // Not allowed: the file becomes ours, as any file we create would; its permissions are still kept below.
        }
        view.setPermissions(old.permissions());
    }

    /**
     * A temporary file is made readable by its owner alone; a new file gets what editors give it under the usual umask
     * (rw-r--r--), so that a design saved for the first time can be shared like any other file.
     */
    private static void newFilePermissions(Path temp) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(temp, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
        if (view != null) {
            view.setPermissions(java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        }
    }

    @FunctionalInterface
    private interface Filler {
        void fill(Path temp) throws IOException;
    }
}
