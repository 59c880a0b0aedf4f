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
 *   <li>{@code parentAccuracy}, {@code parentFileBytes}, {@code parentLatencyMs}: the same three measured on the
 *       parent the same way and in the same process, in the same runtime as the result: Deeplearning4j and a
 *       {@code model.zip} for pruned models, ONNX Runtime and the float {@code .onnx} export for int8 ones (so a
 *       parent's figures can differ a little between its pruned and its quantised children).</li>
 * </ul>
 */
public record CompressionReport(String method, String source, ObjectNode settings, long parameters, long nonZeros,
                                long fileBytes, double accuracy, String evaluatedOn, double latencyMs,
                                double parentAccuracy, long parentFileBytes, double parentLatencyMs) {
    public static final String FILE = "compression.json";
    public static final String PRUNE = "prune";
    public static final String PRUNE_STRUCTURED = "prune-structured";
    public static final String QUANTISE_INT8 = "quantise-int8";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    public CompressionReport {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(settings, "settings");
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
        root.put("parameters", parameters);
        root.put("nonZeros", nonZeros);
        root.put("fileBytes", fileBytes);
        root.put("accuracy", accuracy);
        root.put("evaluatedOn", evaluatedOn);
        root.put("latencyMs", latencyMs);
        root.put("parentAccuracy", parentAccuracy);
        root.put("parentFileBytes", parentFileBytes);
        root.put("parentLatencyMs", parentLatencyMs);
        AtomicFiles.write(runDir.resolve(FILE), (root.toPrettyString() + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** Reads {@value #FILE} from {@code runDir}; a missing or damaged file is an IOException naming it. */
    public static CompressionReport read(Path runDir) throws IOException {
        Path file = runDir.resolve(FILE);
        try {
            JsonNode root = JSON.readTree(file.toFile());
            JsonNode settings = root.get("settings");
            return new CompressionReport(text(root, "method"), text(root, "source"),
                    settings instanceof ObjectNode o ? o : JSON.createObjectNode(), root.path("parameters").asLong(),
                    root.path("nonZeros").asLong(), root.path("fileBytes").asLong(), root.path("accuracy").asDouble(),
                    root.path("evaluatedOn").asText(""), root.path("latencyMs").asDouble(),
                    root.path("parentAccuracy").asDouble(), root.path("parentFileBytes").asLong(),
                    root.path("parentLatencyMs").asDouble());
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
