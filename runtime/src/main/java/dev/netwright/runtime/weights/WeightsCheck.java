package dev.netwright.runtime.weights;

import dev.netwright.runtime.compile.DesignCompiler;
import dev.netwright.runtime.compile.DesignErrorsException;
import dev.netwright.runtime.compile.TrainingSettings;
import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.design.Edge;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
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
    /** The last status worked out, by what it depends on; null before the first. */
    private Answer answered;

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
        // Moving or renaming a layer, the most frequent edits, changes nothing the shapes depend on: no new network
        Structure structure = Structure.of(design, read);
        synchronized (this) {
            if (answered != null && answered.structure().equals(structure)) {
                return answered.status();
            }
        }
        WeightsStatus status = fit(design, name, read.weights());
        synchronized (this) {
            answered = new Answer(structure, status);
        }
        return status;
    }

    private WeightsStatus fit(Design design, String name, DesignWeights weights) {
        ComputationGraph fresh;
        try {
            fresh = compiler.compile(design, TrainingSettings.defaults()).newNetwork();
        } catch (DesignErrorsException e) {
            return WeightsStatus.unknown(name);
        } catch (RuntimeException e) {
            LOG.debug("cannot compile {} to fit its weights: {}", design.name(), e.toString());
            return WeightsStatus.unknown(name);
        }
        return WeightsStatus.of(name, WeightsFit.of(weights, fresh, design));
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

    /**
     * What a status depends on: the weights as read (the same {@link Read} while the file is unchanged), each node's
     * id, kind and parameters, and the wires; not positions, names or training settings.
     */
    private record Structure(String weights, Read read, List<List<Object>> nodes, List<Edge> edges) {
        static Structure of(Design design, Read read) {
            return new Structure(design.weights().orElseThrow(), read, design.nodes().stream()
                    .map(n -> List.<Object>of(n.id(), n.kind(), n.params())).toList(), List.copyOf(design.edges()));
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Structure s && s.read == read && s.weights.equals(weights) && s.nodes.equals(nodes)
                    && s.edges.equals(edges);
        }

        @Override
        public int hashCode() {
            return Objects.hash(weights, System.identityHashCode(read), nodes, edges);
        }
    }

    private record Answer(Structure structure, WeightsStatus status) {
    }
}
