package dev.netwright.runtime.train;

import dev.netwright.runtime.design.AtomicFiles;
import org.deeplearning4j.nn.graph.ComputationGraph;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The files of one run: {@code run.json} (what to train), {@code events.jsonl} (what happened),
 * {@code model.zip} (the trained DL4J model), {@code evaluation.json}, {@code doctor.jsonl} (the training doctor's
 * findings), {@code checkpoints/} and the worker log.
 */
public final class RunFolder {
    public static final String MODEL = "model.zip";
    public static final String EVALUATION = "evaluation.json";
    public static final String EVENTS = "events.jsonl";
    public static final String LOG = "worker.log";
    /** The training doctor's findings, one JSON line each. */
    public static final String DOCTOR = "doctor.jsonl";

    /** The files a run writes, which {@link #clearForNewRun()} removes; anything else in the folder stays. */
    private static final List<String> RUN_FILES = List.of(RunRequestJson.FILE_NAME, EVENTS, MODEL, EVALUATION, LOG, DOCTOR,
            "evaluate.log");
    private static final String CHECKPOINTS = "checkpoints";
    /** Longest slug: file systems take 255 bytes per name, and a timestamp and a counter follow it. */
    static final int MAX_SLUG = 60;
    private static final int MAX_SUFFIX = 10_000;

    /**
     * A design name as a folder name: lower case, runs of other characters as one dash, at most {@value #MAX_SLUG}
     * characters; {@code fallback} if nothing is left.
     */
    public static String slug(String name, String fallback) {
        String stem = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        if (stem.length() > MAX_SLUG) {
            stem = stem.substring(0, MAX_SLUG).replaceAll("-$", "");
        }
        return stem.isEmpty() ? fallback : stem;
    }

    /**
     * Makes a new, empty run folder {@code parent/stem}, or {@code stem-2}, {@code stem-3}, … when that exists: the
     * folder is created atomically, so runs started at the same moment (a shell loop, two windows) never share one.
     */
    public static RunFolder createUnique(Path parent, String stem) throws IOException {
        Files.createDirectories(parent);
        for (int n = 1; n <= MAX_SUFFIX; n++) {
            Path dir = parent.resolve(n == 1 ? stem : stem + "-" + n);
            try {
                return new RunFolder(Files.createDirectory(dir));
            } catch (FileAlreadyExistsException taken) {
                // another run has it: try the next name
            }
        }
        throw new IOException(parent + " already holds " + MAX_SUFFIX + " runs named " + stem + "…");
    }

    /**
     * Claims a folder the user named for a new run. It may not exist yet (it is created) or be empty; a folder that
     * holds anything else belongs to another run or to someone else and is refused with a {@link RunFailure}, unless
     * {@code replaceEarlierRun}, which deletes an earlier run's files there first (other files stay).
     */
    public static RunFolder claim(Path dir, boolean replaceEarlierRun) throws IOException, RunFailure {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new RunFailure(dir + " is not a folder; name a new or empty folder for the run");
        }
        if (!Files.exists(dir)) {
            Path parent = dir.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            try {
                return new RunFolder(Files.createDirectory(dir));
            } catch (FileAlreadyExistsException raced) {
                // another run created it a moment ago: it is refused below unless still empty
            }
        }
        RunFolder folder = new RunFolder(dir);
        if (replaceEarlierRun) {
            folder.clearForNewRun();
        }
        if (isEmpty(dir)) {
            try {
                Files.createFile(folder.events()); // atomically: of two runs claiming this folder, one gets it
                return folder;
            } catch (FileAlreadyExistsException raced) {
                // another run claimed it a moment ago
            }
        }
        throw new RunFailure(dir + " is not empty" + (Files.exists(dir.resolve(RunRequestJson.FILE_NAME))
                ? ": it holds an earlier run. Name a new folder, or use --force to replace that run"
                : ". Name a new or empty folder for the run"));
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
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

    public Path doctor() {
        return dir.resolve(DOCTOR);
    }

    public Path log() {
        return dir.resolve(LOG);
    }

    public Path checkpointsDir() {
        return dir.resolve(CHECKPOINTS);
    }

    /** Deletes what a run wrote here (its files and checkpoints), leaving any other file alone. */
    public void clearForNewRun() throws IOException {
        for (String name : RUN_FILES) {
            Files.deleteIfExists(dir.resolve(name));
        }
        Path checkpoints = checkpointsDir();
        if (Files.isDirectory(checkpoints, LinkOption.NOFOLLOW_LINKS)) {
            try (Stream<Path> files = Files.list(checkpoints)) {
                for (Path file : files.filter(f -> f.getFileName().toString().matches("epoch-\\d+\\.(zip|txt)")).toList()) {
                    Files.delete(file);
                }
            }
            if (isEmpty(checkpoints)) {
                Files.delete(checkpoints);
            }
        }
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
