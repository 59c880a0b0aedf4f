package dev.netwright.runtime.compress;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.netwright.runtime.design.AtomicFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Objects;

/**
 * What one compression made, beside the parent it came from: the file {@value #FILE} in the compressed model's run
 * folder, which the runs list and the Compress panel read. Its JSON fields:
 * <ul>
 *   <li>{@code method}: {@value #PRUNE} (magnitude pruning), {@value #PRUNE_STRUCTURED} (filters and units removed),
 *       {@value #QUANTISE_INT8} (post-training int8 in ONNX Runtime); later methods add their own names;</li>
 *   <li>{@code source}: the parent run folder's absolute path;</li>
 *   <li>{@code settings}: the method's settings as given (e.g. sparsity, scope, schedule, fine-tuning epochs;
 *       calibration examples);</li>
 *   <li>{@code parameters}, {@code nonZeros}: the result's parameter count and how many are not zero (all parameters,
 *       biases included);</li>
 *   <li>{@code fileBytes}: the result's model file: a {@code model.zip} without optimizer state, or the int8
 *       {@code .onnx};</li>
 *   <li>{@code accuracy}: the result's accuracy on the parent run's evaluation data (its test set where it held one
 *       out), {@code evaluatedOn} says which ("test" or "validation");</li>
 *   <li>{@code latencyMs}: the median time of one forward pass of a single example, after warm-up, on the CPU;</li>
 *   <li>{@code parentParameters}, {@code parentNonZeros}: the parent's parameter count and non-zeros (0 in reports
 *       written before they were recorded: unknown);</li>
 *   <li>{@code parentAccuracy}, {@code parentFileBytes}, {@code parentLatencyMs}: the same three measured on the
 *       parent the same way and in the same process, in the same runtime as the result: Deeplearning4j and a
 *       {@code model.zip} for pruned models, ONNX Runtime and the float {@code .onnx} export for int8 ones (so a
 *       parent's figures can differ a little between its pruned and its quantised children).</li>
 * </ul>
 */
public record CompressionReport(String method, String source, ObjectNode settings, String evaluatedOn,
                                Figures result, Figures parent) {
    public static final String FILE = "compression.json";
    public static final String PRUNE = "prune";
    public static final String PRUNE_STRUCTURED = "prune-structured";
    public static final String QUANTISE_INT8 = "quantise-int8";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * One model's figures, measured alike for the result and its parent.
     *
     * @param parameters its parameter count; 0 where not recorded (a parent in a report from before it was)
     * @param nonZeros   how many of its parameters are not zero; 0 where not recorded
     * @param fileBytes  its model file's size
     * @param accuracy   its accuracy on the parent run's evaluation data
     * @param latencyMs  the median time of one example's forward pass on the CPU, in milliseconds
     */
    public record Figures(long parameters, long nonZeros, long fileBytes, double accuracy, double latencyMs) {
        /** Whether the parameter count and non-zeros are known. */
        public boolean countsKnown() {
            return parameters > 0;
        }
    }

    public CompressionReport {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(evaluatedOn, "evaluatedOn");
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(parent, "parent");
    }

    /** An empty settings object to fill. */
    public static ObjectNode newSettings() {
        return JSON.createObjectNode();
    }

    /** Writes {@value #FILE} into {@code runDir}, whole or not at all. */
    public void write(Path runDir) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("method", method);
        root.put("source", source);
        root.set("settings", settings);
        root.put("parameters", result.parameters());
        root.put("nonZeros", result.nonZeros());
        root.put("fileBytes", result.fileBytes());
        root.put("accuracy", result.accuracy());
        root.put("evaluatedOn", evaluatedOn);
        root.put("latencyMs", result.latencyMs());
        root.put("parentParameters", parent.parameters());
        root.put("parentNonZeros", parent.nonZeros());
        root.put("parentAccuracy", parent.accuracy());
        root.put("parentFileBytes", parent.fileBytes());
        root.put("parentLatencyMs", parent.latencyMs());
        AtomicFiles.write(runDir.resolve(FILE), (root.toPrettyString() + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** Reads {@value #FILE} from {@code runDir}; a missing or damaged file is an IOException naming it. */
    public static CompressionReport read(Path runDir) throws IOException {
        Path file = runDir.resolve(FILE);
        try {
            JsonNode root = JSON.readTree(file.toFile());
            JsonNode settings = root.get("settings");
            Figures result = new Figures(root.path("parameters").asLong(), root.path("nonZeros").asLong(),
                    root.path("fileBytes").asLong(), root.path("accuracy").asDouble(), root.path("latencyMs").asDouble());
            Figures parent = new Figures(root.path("parentParameters").asLong(), root.path("parentNonZeros").asLong(),
                    root.path("parentFileBytes").asLong(), root.path("parentAccuracy").asDouble(),
                    root.path("parentLatencyMs").asDouble());
            return new CompressionReport(text(root, "method"), text(root, "source"),
                    settings instanceof ObjectNode o ? o : JSON.createObjectNode(), root.path("evaluatedOn").asText(""),
                    result, parent);
        } catch (IOException | RuntimeException e) {
            throw new IOException(file + " cannot be read: " + e.getMessage(), e);
        }
    }

    private static String text(JsonNode root, String field) throws IOException {
        JsonNode value = root.get(field);
        if (value == null || !value.isTextual()) {
            throw new IOException("it has no " + field);
        }
        return value.asText();
    }
}
