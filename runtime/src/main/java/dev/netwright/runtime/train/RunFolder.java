package dev.netwright.runtime.train;

import dev.netwright.runtime.design.AtomicFiles;
import org.deeplearning4j.nn.graph.ComputationGraph;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The files of one run: {@code run.json} (what to train), {@code events.jsonl} (what happened),
 * {@code model.zip} (the trained DL4J model), {@code evaluation.json}, {@code checkpoints/} and the worker log.
 */
public final class RunFolder {
    public static final String MODEL = "model.zip";
    public static final String EVALUATION = "evaluation.json";
    public static final String EVENTS = "events.jsonl";
    public static final String LOG = "worker.log";

    /** A design name as a folder name: lower case, runs of other characters as one dash; {@code fallback} if empty. */
    public static String slug(String name, String fallback) {
        String stem = name.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        return stem.isEmpty() ? fallback : stem;
    }

    private final Path dir;

    public RunFolder(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    public Path model() {
        return dir.resolve(MODEL);
    }

    public Path evaluation() {
        return dir.resolve(EVALUATION);
    }

    public Path events() {
        return dir.resolve(EVENTS);
    }

    public Path log() {
        return dir.resolve(LOG);
    }

    public Path checkpointsDir() {
        return dir.resolve("checkpoints");
    }

    /** Saves the model with its updater state, written whole before it replaces an older one. */
    Path saveModel(ComputationGraph graph) throws IOException {
        ModelZip.write(graph, model());
        return model();
    }

    void saveEvaluation(TrainingEvent.Evaluation evaluation) throws IOException {
        AtomicFiles.write(evaluation(), TrainingEvents.toJsonLine(evaluation).getBytes(StandardCharsets.UTF_8));
    }
}
