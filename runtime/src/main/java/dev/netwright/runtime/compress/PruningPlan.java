package dev.netwright.runtime.compress;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.netwright.runtime.design.AtomicFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What a run that fine-tunes a pruned model keeps: the file {@value #FILE} in its run folder, beside the masks
 * ({@link RunPruning#MASKS}). A one-shot plan keeps the masks in that file; a gradual one prunes by magnitude on the
 * way ({@link SparsitySchedule}) and writes its masks there as it goes. The training worker reads it
 * ({@link KeptMasks#forRun}), so a resumed run in the same folder keeps the masks too.
 *
 * @param target  the final sparsity
 * @param scope   per layer or global
 * @param gradual false for one-shot
 */
public record PruningPlan(double target, MagnitudePruning.Scope scope, boolean gradual) {
    public static final String FILE = "pruning-plan.json";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    public PruningPlan {
        Objects.requireNonNull(scope, "scope");
        if (!(target >= 0 && target < 1)) {
            throw new IllegalArgumentException("the sparsity must be at least 0 and below 1, not " + target);
        }
    }

    /** The schedule for a run of {@code totalIterations}. */
    public SparsitySchedule schedule(long totalIterations) {
        return gradual ? SparsitySchedule.gradual(target, totalIterations) : SparsitySchedule.oneShot(target);
    }

    /** "one-shot" or "gradual", as the command line and the files name it. */
    public String scheduleName() {
        return gradual ? "gradual" : "one-shot";
    }

    public void write(Path runDir) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("targetSparsity", target);
        root.put("scope", scope.name().toLowerCase(Locale.ROOT));
        root.put("schedule", scheduleName());
        AtomicFiles.write(runDir.resolve(FILE), (root.toPrettyString() + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** The plan in {@code runDir}; empty where there is none. A damaged one is an IOException naming the file. */
    public static Optional<PruningPlan> read(Path runDir) throws IOException {
        Path file = runDir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            JsonNode root = JSON.readTree(file.toFile());
            String schedule = root.path("schedule").asText("");
            if (!schedule.equals("one-shot") && !schedule.equals("gradual")) {
                throw new IOException("schedule must be one-shot or gradual, not '" + schedule + "'");
            }
            return Optional.of(new PruningPlan(root.path("targetSparsity").asDouble(Double.NaN),
                    MagnitudePruning.Scope.valueOf(root.path("scope").asText("").toUpperCase(Locale.ROOT)),
                    schedule.equals("gradual")));
        } catch (IllegalArgumentException | IOException e) {
            throw new IOException(file + " is not a pruning plan: " + e.getMessage(), e);
        }
    }
}
