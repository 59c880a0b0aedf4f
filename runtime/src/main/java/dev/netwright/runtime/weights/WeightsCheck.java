package dev.netwright.runtime.weights;

import dev.netwright.runtime.compile.DesignCompiler;
import dev.netwright.runtime.compile.DesignErrorsException;
import dev.netwright.runtime.compile.TrainingSettings;
import dev.netwright.runtime.design.Design;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;

/**
 * Which nodes of a design keep its trained weights, as the design stands now: compiles the design fresh (which gives
 * the shapes its nodes need) and fits the weights to it ({@link WeightsFit}). Reading a weights file is the slow part,
 * so the last file read is kept until it changes on disk (its size or time). Compiling takes DL4J: call it off the UI
 * thread. Safe to call from several threads.
 */
public final class WeightsCheck {
    private static final Logger LOG = LoggerFactory.getLogger(WeightsCheck.class);

    private final DesignCompiler compiler;
    /** The last file read, with what came of it; null before the first. */
    private Cached cached;

    public WeightsCheck(DesignCompiler compiler) {
        this.compiler = Objects.requireNonNull(compiler, "compiler");
    }

    public WeightsCheck() {
        this(new DesignCompiler());
    }

    /** Where each node of {@code design} will start from when trained. */
    public WeightsStatus status(Design design) {
        if (design.weights().isEmpty()) {
            return WeightsStatus.none();
        }
        String name = design.weights().get();
        Path file;
        try {
            file = Path.of(name);
        } catch (InvalidPathException e) {
            return WeightsStatus.unreadable(name, "it names no possible file");
        }
        Read read = read(file);
        if (read.problem() != null) {
            return WeightsStatus.unreadable(name, read.problem());
        }
        ComputationGraph fresh;
        try {
            fresh = compiler.compile(design, TrainingSettings.defaults()).newNetwork();
        } catch (DesignErrorsException e) {
            return WeightsStatus.unknown(name);
        } catch (RuntimeException e) {
            LOG.debug("cannot compile {} to fit its weights: {}", design.name(), e.toString());
            return WeightsStatus.unknown(name);
        }
        return WeightsStatus.of(name, WeightsFit.of(read.weights(), fresh, design));
    }

    private Read read(Path file) {
        Object stamp;
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            stamp = attributes.size() + "@" + attributes.lastModifiedTime();
        } catch (IOException e) {
            return new Read(null, reason(e, file));
        }
        synchronized (this) {
            if (cached != null && cached.file().equals(file) && cached.stamp().equals(stamp)) {
                return cached.read();
            }
        }
        Read read;
        try {
            read = new Read(DesignWeights.read(file), null);
        } catch (IOException | RuntimeException e) {
            read = new Read(null, e instanceof IOException io ? reason(io, file) : "not a weights file: " + e);
        }
        synchronized (this) {
            cached = new Cached(file, stamp, read);
        }
        return read;
    }

    /** Why a weights file cannot be read, in a few words without the file's whole path (the message names it). */
    public static String reason(IOException e, Path file) {
        if (e instanceof NoSuchFileException) {
            return "it is missing";
        }
        String message = Objects.requireNonNullElse(e.getMessage(), e.getClass().getSimpleName());
        String path = file.toString();
        if (message.startsWith(path)) {
            message = message.substring(path.length()).replaceFirst("^[:\\s]+", "");
        }
        return message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    private record Read(DesignWeights weights, String problem) {
    }

    private record Cached(Path file, Object stamp, Read read) {
    }
}
