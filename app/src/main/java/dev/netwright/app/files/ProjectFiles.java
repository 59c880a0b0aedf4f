package dev.netwright.app.files;

import dev.netwright.runtime.design.AtomicFiles;
import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.design.DesignFormatException;
import dev.netwright.runtime.format.DesignJson;
import dev.netwright.runtime.design.ReadOnlyFileException;
import dev.netwright.runtime.weights.DesignWeights;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/** Opening and saving design files, and the names and folders derived from a design's path. */
public final class ProjectFiles {
    /** The extension given to new design files. */
    public static final String DEFAULT_EXTENSION = ".netwright.json";
    /** Title of a design that has no file yet. */
    public static final String UNTITLED = "Untitled";

    // Longest first, so "a.netwright.json" loses ".netwright.json" rather than just ".json".
    private static final List<String> DESIGN_EXTENSIONS = List.of(DEFAULT_EXTENSION, ".netwright", ".json");
    private static final String RUNS_SUFFIX = ".runs";

    private final DesignJson json;

    public ProjectFiles(DesignJson json) {
        this.json = Objects.requireNonNull(json, "json");
    }

    public ProjectFiles() {
        this(new DesignJson());
    }

    /** Reads a design; every failure is a {@link DesignOpenException} whose message names the file. */
    public Design open(Path file) throws DesignOpenException {
        Objects.requireNonNull(file, "file");
        if (!Files.exists(file)) {
            throw new DesignOpenException(file, DesignOpenException.Problem.MISSING,
                    file + ": no such file", null);
        }
        if (Files.isDirectory(file)) {
            throw new DesignOpenException(file, DesignOpenException.Problem.UNREADABLE,
                    file + ": is a folder, not a design file", null);
        }
        try {
            DesignJson.checkFile(file); // a pipe would hang the reader, a huge file exhaust memory
        } catch (DesignFormatException e) {
            throw new DesignOpenException(file, DesignOpenException.Problem.UNREADABLE, e.getMessage(), e);
        } catch (IOException e) {
            throw new DesignOpenException(file, DesignOpenException.Problem.UNREADABLE,
                    file + ": cannot be read (" + describe(e) + ")", e);
        }
        if (!Files.isReadable(file)) {
            throw new DesignOpenException(file, DesignOpenException.Problem.UNREADABLE,
                    file + ": cannot be read (permission denied)", null);
        }
        try {
            return json.read(file);
        } catch (DesignFormatException e) {
            throw new DesignOpenException(file, DesignOpenException.Problem.INVALID, e.getMessage(), e);
        } catch (NoSuchFileException e) {
            throw new DesignOpenException(file, DesignOpenException.Problem.MISSING, file + ": no such file", e);
        } catch (IOException e) {
            throw new DesignOpenException(file, DesignOpenException.Problem.UNREADABLE,
                    file + ": cannot be read (" + describe(e) + ")", e);
        }
    }

    /**
     * Saves atomically: if anything fails, the old file is left whole. A read-only file (or folder) is refused with a
     * message that says to save under another name. A design whose trained weights lie in another folder (Save As
     * elsewhere) gets a copy of them beside the new file, so the two travel together; weights that are no longer
     * there stay named as they were.
     */
    public void save(Design design, Path file) throws IOException {
        Objects.requireNonNull(design, "design");
        Objects.requireNonNull(file, "file");
        try {
            json.write(withWeightsBeside(design, file), file);
        } catch (ReadOnlyFileException e) {
            ReadOnlyFileException refusal = new ReadOnlyFileException(file,
                    e.getMessage() + "; save it under another name (File ▸ Save As)");
            refusal.initCause(e);
            throw refusal;
        }
    }

    private static Design withWeightsBeside(Design design, Path file) throws IOException {
        if (design.weights().isEmpty()) {
            return design;
        }
        Path weights = Path.of(design.weights().get()).toAbsolutePath().normalize();
        Path folder = file.toAbsolutePath().normalize().getParent();
        if (folder == null || folder.equals(weights.getParent()) || !Files.isRegularFile(weights)) {
            return design;
        }
        Path copy = DesignWeights.sidecarFor(file.toAbsolutePath().normalize());
        AtomicFiles.copy(weights, copy);
        return design.withWeights(copy.toString());
    }

    /** The folder beside a design where its training runs go: {@code model.netwright.json} gives {@code model.runs}. */
    public static Path runsDir(Path designFile) {
        Path absolute = designFile.toAbsolutePath().normalize();
        return absolute.resolveSibling(stem(absolute.getFileName().toString()) + RUNS_SUFFIX);
    }

    /** The name to show for a design file (its name without the design extension), or {@value #UNTITLED} for null. */
    public static String displayName(Path designFileOrNull) {
        if (designFileOrNull == null || designFileOrNull.getFileName() == null) {
            return UNTITLED;
        }
        return stem(designFileOrNull.getFileName().toString());
    }

    /** The path with {@link #DEFAULT_EXTENSION} added unless it already ends in a design extension. */
    public static Path withDefaultExtension(Path file) {
        String name = file.getFileName().toString();
        return designExtensionOf(name) == null ? file.resolveSibling(name + DEFAULT_EXTENSION) : file;
    }

    private static String stem(String fileName) {
        String extension = designExtensionOf(fileName);
        if (extension == null || extension.length() == fileName.length()) {
            return fileName; // a file named just ".json" keeps its whole name
        }
        return fileName.substring(0, fileName.length() - extension.length());
    }

    private static String designExtensionOf(String fileName) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        return DESIGN_EXTENSIONS.stream().filter(lower::endsWith).findFirst().orElse(null);
    }

    /** An I/O failure in words for a message: "Read-only file system (file system)", without class names. */
    public static String describe(IOException e) {
        if (e instanceof ReadOnlyFileException) {
            return e.getMessage(); // says what is wrong already
        }
        String kind = e.getClass().getSimpleName().replace("Exception", "").replaceAll("([a-z])([A-Z])", "$1 $2")
                .toLowerCase(Locale.ROOT);
        return e.getMessage() == null ? kind : kind.isBlank() ? e.getMessage() : e.getMessage() + " (" + kind + ")";
    }
}
