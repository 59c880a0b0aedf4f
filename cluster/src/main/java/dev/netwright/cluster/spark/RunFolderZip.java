package dev.netwright.cluster.spark;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * A run folder as bytes, to travel with a trial's Spark task to an executor and back, within bounds: at most
 * {@link Limits#maxBytes()} of files and {@link Limits#maxFiles()} files each way (the bytes are held in memory on
 * both sides, and Spark refuses a task result over {@code spark.driver.maxResultSize}, 1 GB by default), and only the
 * folder's own files: a link to a file outside it is refused rather than followed.
 */
final class RunFolderZip {
    /** How much a run folder may carry. */
    record Limits(long maxBytes, int maxFiles) {
        /** A trial's model, its checkpoints and its events are tens of MB; a few hundred checkpoints still fit. */
        static final Limits DEFAULT = new Limits(512L << 20, 10_000);
    }

    private static final String BOUND = " a run folder may carry to or from the cluster";

    private RunFolderZip() {
    }

    /** Every file under {@code dir}, by its path relative to it, within the {@link Limits#DEFAULT default} bounds. */
    static byte[] zip(Path dir) throws IOException {
        return zip(dir, Limits.DEFAULT);
    }

    /**
     * Every file under {@code dir}, by its path relative to it. A link to a file inside the folder is carried as that
     * file; a link to a folder inside it is left out (its files are carried under their own names); a link that leads
     * out of the folder, more files or more bytes than {@code limits} allow, are refused with an {@link IOException}
     * that says which and where, before anything is zipped.
     */
    static byte[] zip(Path dir, Limits limits) throws IOException {
        List<Path> files = filesToCarry(dir, limits);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        long carried = 0;
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Path file : files) {
                zip.putNextEntry(new ZipEntry(dir.relativize(file).toString().replace('\\', '/')));
                try (InputStream in = Files.newInputStream(file)) {
                    carried += copy(in, zip, limits.maxBytes() - carried, () -> new IOException("The run folder " + dir
                            + " grew past the " + megabytes(limits.maxBytes()) + BOUND + " while it was zipped"));
                }
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static List<Path> filesToCarry(Path dir, Limits limits) throws IOException {
        Path root = dir.toRealPath();
        List<Path> files = new ArrayList<>();
        long total = 0;
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path path : walk.sorted().toList()) {
                if (Files.isSymbolicLink(path)) {
                    Path target;
                    try {
                        target = path.toRealPath();
                    } catch (NoSuchFileException dangling) {
                        continue; // a link to nothing carries nothing, as before
                    }
                    if (!target.startsWith(root)) {
                        throw new IOException("The run folder " + dir + " holds a link, " + dir.relativize(path)
                                + ", to " + target + " outside it: a run folder carries only its own files");
                    }
                    if (!Files.isRegularFile(target)) {
                        continue;
                    }
                } else if (!Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                files.add(path);
                total += Files.size(path);
                if (files.size() > limits.maxFiles()) {
                    throw new IOException("The run folder " + dir + " holds more than " + limits.maxFiles()
                            + " files, more than" + BOUND);
                }
                if (total > limits.maxBytes()) {
                    throw new IOException("The run folder " + dir + " holds more than " + megabytes(limits.maxBytes())
                            + " of files, more than" + BOUND + " (" + megabytes(total) + " up to "
                            + dir.relativize(path) + ")");
                }
            }
        }
        return files;
    }

    /** Writes the files of {@code zipped} under {@code dir}, within the {@link Limits#DEFAULT default} bounds. */
    static void unzip(byte[] zipped, Path dir) throws IOException {
        unzip(zipped, dir, Limits.DEFAULT);
    }

    /**
     * Writes the files of {@code zipped} under {@code dir}, each replacing the file of its name (written beside it and
     * moved into place); an entry that would land outside {@code dir}, or more files or bytes than {@code limits}
     * allow, are refused (the files written before the refusal stay).
     */
    static void unzip(byte[] zipped, Path dir, Limits limits) throws IOException {
        Path root = Files.createDirectories(dir).toAbsolutePath().normalize();
        long written = 0;
        int files = 0;
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(zipped))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                Path target = root.resolve(entry.getName()).normalize();
                if (!target.startsWith(root) || target.equals(root)) {
                    throw new IOException("a run folder from the cluster names a file outside it: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                    continue;
                }
                if (++files > limits.maxFiles()) {
                    throw new IOException("a run folder from the cluster holds more than " + limits.maxFiles()
                            + " files, more than" + BOUND);
                }
                String name = entry.getName();
                Files.createDirectories(target.getParent());
                Path part = target.resolveSibling(target.getFileName() + ".part");
                try (OutputStream out = Files.newOutputStream(part)) {
                    written += copy(zip, out, limits.maxBytes() - written, () -> new IOException(
                            "a run folder from the cluster holds more than " + megabytes(limits.maxBytes())
                                    + " of files, more than" + BOUND + " (refused at " + name + ")"));
                } catch (IOException e) {
                    Files.deleteIfExists(part);
                    throw e;
                }
                Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
        }
    }

    /** Copies all of {@code in}, failing with {@code tooMuch} past {@code allowed} bytes; returns how many it copied. */
    private static long copy(InputStream in, OutputStream out, long allowed,
                             java.util.function.Supplier<IOException> tooMuch) throws IOException {
        byte[] buffer = new byte[8192];
        long copied = 0;
        for (int n = in.read(buffer); n != -1; n = in.read(buffer)) {
            copied += n;
            if (copied > allowed) {
                throw tooMuch.get();
            }
            out.write(buffer, 0, n);
        }
        return copied;
    }

    private static String megabytes(long bytes) {
        return bytes >= 1 << 20 ? (bytes >> 20) + " MB" : bytes + " bytes";
    }
}
