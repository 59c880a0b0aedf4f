package dev.netwright.runtime.compress;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.netwright.runtime.design.AtomicFiles;
import dev.netwright.runtime.design.DataRef;
import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.format.DesignJson;
import dev.netwright.runtime.train.ModelFileException;
import dev.netwright.runtime.train.ModelZip;
import dev.netwright.runtime.train.RunFailure;
import dev.netwright.runtime.train.RunFolder;
import dev.netwright.runtime.train.RunRequest;
import dev.netwright.runtime.train.RunRequestJson;
import dev.netwright.runtime.weights.DesignWeights;
import dev.netwright.runtime.weights.WeightSparsity;
import dev.netwright.runtime.weights.WeightsMismatchException;
import org.deeplearning4j.nn.graph.ComputationGraph;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Prunes a finished run's model into a new run folder: the same run.json, the pruned model.zip, the masks
 * ({@value #MASKS}) and what was done ({@value #REPORT}), so that the pruned model evaluates, exports and fine-tunes as
 * any run does. The source run is only read.
 */
public final class RunPruning {
    /** The masks of a pruned run: per node and weight, 1 kept, 0 pruned (a design-weights archive). */
    public static final String MASKS = "masks" + DesignWeights.SUFFIX;
    /** What a pruned run was pruned from, and how. */
    public static final String REPORT = "pruning.json";

    /**
     * What pruning gave.
     *
     * @param pruned        the weights, masks and per-node counts
     * @param sourceBytes   the source model's size as a model.zip without updater state
     * @param prunedBytes   the pruned model.zip's size (written the same way; zeros compress)
     */
    public record Result(MagnitudePruning.Pruned pruned, long sourceBytes, long prunedBytes) {
    }

    private RunPruning() {
    }

    /**
     * Structured pruning of {@code source}'s model: a smaller design (fewer filters and units) named after the run's,
     * written to {@code designFile} with its weights beside it ({@link DesignWeights#sidecarFor}), weights first.
     */
    public static StructuredPruning.Result pruneStructured(RunFolder source, double share, Path designFile)
            throws RunFailure, IOException {
        Loaded run = load(source);
        StructuredPruning.Result result = StructuredPruning.prune(run.request().design(), run.weights(), share);
        Path sidecar = DesignWeights.sidecarFor(designFile);
        result.weights().write(sidecar);
        Design smaller = result.design().withName(run.request().design().name() + " (pruned)")
                .withData(new DataRef(run.request().data())) // the data the run trained on, to fine-tune on
                .withWeights(sidecar.toAbsolutePath().toString());
        new DesignJson().write(smaller, designFile);
        return new StructuredPruning.Result(smaller, result.weights(), result.pruned(), result.skipped());
    }

    /** A run's request, its model and the model's weights by node. */
    private record Loaded(RunRequest request, ComputationGraph graph, DesignWeights weights) {
    }

    private static Loaded load(RunFolder source) throws RunFailure, IOException {
        if (!Files.isRegularFile(source.dir().resolve(RunRequestJson.FILE_NAME))) {
            throw new RunFailure("Not a run folder: " + source.dir() + " has no " + RunRequestJson.FILE_NAME);
        }
        RunRequest request = new RunRequestJson().read(source.dir());
        if (!Files.isRegularFile(source.model())) {
            throw new RunFailure("The run in " + source.dir() + " has no saved model (" + RunFolder.MODEL
                    + "); it may have failed before saving one.");
        }
        ComputationGraph graph;
        try {
            graph = ModelZip.read(source.model(), false);
        } catch (ModelFileException e) {
            throw new RunFailure("Cannot use the model: " + e.getMessage());
        }
        return new Loaded(request, graph, DesignWeights.extract(graph, request.design()));
    }

    /** Prunes {@code source}'s model to {@code sparsity} into {@code target}, a folder claimed for it. */
    public static Result prune(RunFolder source, RunFolder target, double sparsity, MagnitudePruning.Scope scope)
            throws RunFailure, IOException {
        Loaded run = load(source);
        RunRequest request = run.request();
        ComputationGraph graph = run.graph();
        DesignWeights weights = run.weights();
        Path unpruned = Files.createTempFile("netwright-unpruned", ".zip");
        long sourceBytes;
        try {
            ModelZip.write(graph, unpruned);
            sourceBytes = Files.size(unpruned);
        } finally {
            Files.deleteIfExists(unpruned);
        }
        MagnitudePruning.Pruned pruned = MagnitudePruning.prune(weights, sparsity, scope);
        try {
            pruned.weights().applyTo(graph, request.design());
        } catch (WeightsMismatchException e) {
            throw new IllegalStateException("the run's own weights do not fit its design", e);
        }
        Files.copy(source.dir().resolve(RunRequestJson.FILE_NAME), target.dir().resolve(RunRequestJson.FILE_NAME));
        pruned.masks().write(target.dir().resolve(MASKS));
        ModelZip.write(graph, target.model());
        AtomicFiles.write(target.dir().resolve(REPORT), report(source, sparsity, scope, pruned)
                .getBytes(StandardCharsets.UTF_8));
        return new Result(pruned, sourceBytes, Files.size(target.model()));
    }

    private static String report(RunFolder source, double sparsity, MagnitudePruning.Scope scope,
                                 MagnitudePruning.Pruned pruned) {
        ObjectNode root = JsonMapper.builder().build().createObjectNode();
        root.put("prunedFrom", source.dir().toAbsolutePath().normalize().toString());
        root.put("method", "magnitude");
        root.put("scope", scope.name().toLowerCase(Locale.ROOT));
        root.put("targetSparsity", sparsity);
        root.put("prunable", pruned.prunable());
        root.put("nonZeros", pruned.nonZeros());
        ArrayNode nodes = root.putArray("nodes");
        for (WeightSparsity node : pruned.nodes()) {
            nodes.addObject().put("node", node.node()).put("prunable", node.weights()).put("nonZeros", node.nonZeros());
        }
        return root.toPrettyString() + "\n";
    }
}
