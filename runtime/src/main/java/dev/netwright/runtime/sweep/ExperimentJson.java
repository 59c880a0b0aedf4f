package dev.netwright.runtime.sweep;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.netwright.runtime.design.AtomicFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code experiment.json}: the space, the strategy and every trial's settings, state and results, written whole
 * (temp file + rename) each time a trial moves on, so that a crash leaves the last state, never a torn file.
 */
public final class ExperimentJson {
    static final int FORMAT_VERSION = 1;
    private static final ObjectMapper MAPPER = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    public void write(Experiment experiment, Path dir) throws IOException {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("formatVersion", FORMAT_VERSION);
        root.put("design", experiment.design());
        root.put("designName", experiment.designName());
        root.put("strategy", experiment.strategy().inWords());
        ArrayNode params = root.putArray("params");
        experiment.params().forEach(params::add);
        root.put("trialsAsked", experiment.trialsAsked());
        root.put("seed", experiment.seed());
        root.put("eta", experiment.eta());
        root.put("epochs", experiment.epochs());
        ArrayNode rungs = root.putArray("rungs");
        for (Halving.Rung rung : experiment.rungs()) {
            rungs.addObject().put("trials", rung.trials()).put("epochs", rung.epochs());
        }
        if (experiment.cluster() != null) {
            root.put("cluster", experiment.cluster());
        }
        if (experiment.problem() != null) {
            root.put("problem", experiment.problem());
        }
        ArrayNode trials = root.putArray("trials");
        for (Trial trial : experiment.trials()) {
            ObjectNode node = trials.addObject();
            node.put("id", trial.id());
            node.set("settings", MAPPER.valueToTree(trial.settings()));
            node.put("state", trial.state().name());
            node.put("rung", trial.rung());
            node.put("epochs", trial.epochs());
            putNumber(node, "bestValidationAccuracy", trial.bestValidationAccuracy());
            putNumber(node, "validationLoss", trial.validationLoss());
            node.put("seconds", trial.seconds());
            if (trial.message() != null) {
                node.put("message", trial.message());
            }
        }
        AtomicFiles.write(dir.resolve(Experiment.FILE_NAME), MAPPER.writeValueAsString(root).getBytes(StandardCharsets.UTF_8));
    }

    /** A trial takes a few hundred bytes: 10,000 trials are a few MB; a file far larger is not read into memory. */
    static final long MAX_FILE_BYTES = 32L << 20;

    /** Reads the experiment in {@code dir}; any problem is an {@link IOException} naming the file and the field. */
    public Experiment read(Path dir) throws IOException {
        Path file = dir.resolve(Experiment.FILE_NAME);
        if (!Files.isRegularFile(file)) {
            throw new IOException(dir + " holds no experiment (no " + Experiment.FILE_NAME + ")");
        }
        long size = Files.size(file);
        if (size > MAX_FILE_BYTES) {
            throw new IOException(file + " is " + (size >> 20) + " MB, more than the " + (MAX_FILE_BYTES >> 20)
                    + " MB an experiment's file may be: it is not read");
        }
        try {
            JsonNode root = MAPPER.readTree(Files.readString(file, StandardCharsets.UTF_8));
            int version = required(root, "formatVersion", file).asInt();
            if (version != FORMAT_VERSION) {
                throw new IOException(file + " is of format version " + version + "; this Netwright reads version "
                        + FORMAT_VERSION);
            }
            List<String> params = new ArrayList<>();
            required(root, "params", file).forEach(p -> params.add(p.asText()));
            List<Halving.Rung> rungs = new ArrayList<>();
            root.path("rungs").forEach(r -> rungs.add(new Halving.Rung(r.path("trials").asInt(), r.path("epochs").asInt())));
            List<Trial> trials = new ArrayList<>();
            for (JsonNode t : required(root, "trials", file)) {
                trials.add(new Trial(required(t, "id", file).asText(), settings(required(t, "settings", file)),
                        Trial.State.valueOf(required(t, "state", file).asText()), t.path("rung").asInt(0),
                        t.path("epochs").asInt(0), number(t, "bestValidationAccuracy"), number(t, "validationLoss"),
                        t.path("seconds").asDouble(0), t.hasNonNull("message") ? t.get("message").asText() : null));
            }
            return new Experiment(required(root, "design", file).asText(), root.path("designName").asText(""),
                    Experiment.Strategy.valueOf(required(root, "strategy", file).asText().toUpperCase(java.util.Locale.ROOT)),
                    params, root.path("trialsAsked").asInt(0), root.path("seed").asLong(0), root.path("eta").asInt(0),
                    required(root, "epochs", file).asInt(), rungs, trials, text(root, "cluster"), text(root, "problem"));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, Object> settings(JsonNode node) {
        Map<String, Object> settings = new LinkedHashMap<>();
        node.fields().forEachRemaining(field -> {
            JsonNode value = field.getValue();
            settings.put(field.getKey(), value.isInt() ? (Object) value.intValue()
                    : value.isNumber() ? (Object) value.doubleValue()
                    : value.isBoolean() ? (Object) value.booleanValue() : value.asText());
        });
        return settings;
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : null;
    }

    private static void putNumber(ObjectNode node, String field, double value) {
        if (Double.isNaN(value)) {
            node.putNull(field);
        } else {
            node.put(field, value);
        }
    }

    private static double number(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asDouble() : Double.NaN;
    }

    private static JsonNode required(JsonNode root, String field, Path file) throws IOException {
        JsonNode value = root.get(field);
        if (value == null || value.isNull()) {
            throw new IOException(file + ": missing field '" + field + "'");
        }
        return value;
    }
}
