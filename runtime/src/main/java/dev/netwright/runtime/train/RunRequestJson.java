package dev.netwright.runtime.train;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.netwright.runtime.compile.TrainingSettings;
import dev.netwright.runtime.data.DataSplit;
import dev.netwright.runtime.data.Normalisation;
import dev.netwright.runtime.design.AtomicFiles;
import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.design.DesignFormatException;
import dev.netwright.runtime.design.LearningRateSchedule;
import dev.netwright.runtime.format.AugmentationJson;
import dev.netwright.runtime.format.DesignJson;
import dev.netwright.runtime.format.DistillationJson;
import dev.netwright.runtime.format.FineTuningJson;
import dev.netwright.runtime.format.LearningRateScheduleJson;
import dev.netwright.runtime.layers.LstmEngine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The run file ({@code run.json}): the design (in its own file format), the data reference, settings, options and
 * engine choices, the learning-rate schedule where it is not constant the augmentation where there is one the fine-tuning settings where they are not the defaults, and the teacher where the run distils. A run file from before the engine choices were recorded reads with the defaults for its design
 * ({@link EngineChoices#forDesign}), which is what such a run got.
 */
public final class RunRequestJson {
    public static final String FILE_NAME = "run.json";

    private static final ObjectMapper MAPPER = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
    private final DesignJson designJson = new DesignJson();

    public void write(RunRequest request, Path runDir) throws IOException {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("formatVersion", 1);
        root.set("design", MAPPER.readTree(designJson.write(request.design())));
        root.put("data", request.data());
        root.set("settings", MAPPER.valueToTree(request.settings()));
        root.put("epochs", request.epochs());
        root.put("batchSize", request.batchSize());
        root.put("normalisation", request.normalisation().name());
        root.put("validationFraction", request.validationFraction());
        root.put("earlyStoppingPatience", request.earlyStoppingPatience());
        root.put("backend", request.backend().name());
        root.put("maxTrainExamples", request.maxTrainExamples());
        root.put("maxValidationExamples", request.maxValidationExamples());
        if (request.resumeFrom() != null) {
            root.put("resumeFrom", request.resumeFrom());
        }
        if (request.resumeLearningRate() != null) {
            root.put("resumeLearningRate", request.resumeLearningRate());
        }
        if (!(request.lrSchedule() instanceof LearningRateSchedule.Constant)) { // run files without one stay as they were
            LearningRateScheduleJson.write(root.putObject(LearningRateScheduleJson.FIELD), request.lrSchedule());
        }
        if (!request.augmentation().isNone()) { // likewise for run files without augmentation
            AugmentationJson.write(root.putObject(AugmentationJson.FIELD), request.augmentation());
        }
        root.put("split", request.split().name());
        if (request.initFrom() != null) { // where the starting weights came from; the design names the weights file
            root.put("initFrom", request.initFrom());
        }
        FineTuningJson.writeIn(root, request.fineTuning()); // only where set: run files without it stay as they were
        DistillationJson.writeIn(root, request.distillation()); // the teacher, where the run distils
        ObjectNode engine = root.putObject("engine");
        engine.put("lstmEngine", request.engine().lstmEngine().name());
        engine.put("oneDnn", request.engine().oneDnn());
        engine.put("threads", request.engine().threads());
        AtomicFiles.write(runDir.resolve(FILE_NAME), MAPPER.writeValueAsString(root).getBytes(StandardCharsets.UTF_8));
    }

    /** Reads a run file; any problem is an {@link IOException} naming the file and the field. */
    public RunRequest read(Path runDir) throws IOException {
        Path file = runDir.resolve(FILE_NAME);
        try {
            JsonNode root = MAPPER.readTree(Files.readString(file));
            Design design = designJson.read(MAPPER.writeValueAsString(required(root, "design", file)), file + " (design)");
            TrainingSettings settings = MAPPER.treeToValue(required(root, "settings", file), TrainingSettings.class);
            return new RunRequest(design, required(root, "data", file).asText(), settings,
                    required(root, "epochs", file).asInt(), required(root, "batchSize", file).asInt(),
                    Normalisation.valueOf(required(root, "normalisation", file).asText()),
                    required(root, "validationFraction", file).asDouble(),
                    root.path("earlyStoppingPatience").asInt(0),
                    Backend.valueOf(root.path("backend").asText("AUTO")),
                    root.path("maxTrainExamples").asInt(0), root.path("maxValidationExamples").asInt(0),
                    root.hasNonNull("resumeFrom") ? root.get("resumeFrom").asText() : null,
                    root.hasNonNull("resumeLearningRate") ? root.get("resumeLearningRate").asDouble() : null,
                    root.hasNonNull("engine") ? engineChoices(root.get("engine"), file) : EngineChoices.forDesign(design),
                    root.hasNonNull(LearningRateScheduleJson.FIELD)
                            ? LearningRateScheduleJson.read(root.get(LearningRateScheduleJson.FIELD))
                            : LearningRateSchedule.constant(),
                    AugmentationJson.readIn(root),
                    // run files from before the test split validated on the data's test files
                    DataSplit.valueOf(root.path("split").asText(DataSplit.VALIDATE_ON_TEST.name())),
                    root.hasNonNull("initFrom") ? root.get("initFrom").asText() : null,
                    FineTuningJson.readIn(root), DistillationJson.readIn(root));
        } catch (DesignFormatException | JsonProcessingException | IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    private static EngineChoices engineChoices(JsonNode engine, Path file) throws IOException {
        JsonNode oneDnn = required(engine, "oneDnn", file);
        JsonNode threads = required(engine, "threads", file);
        if (!oneDnn.isBoolean() || !threads.canConvertToInt() || !threads.isIntegralNumber()) {
            throw new IOException(file + ": engine: 'oneDnn' must be true or false and 'threads' a whole number");
        }
        return new EngineChoices(LstmEngine.valueOf(required(engine, "lstmEngine", file).asText()),
                oneDnn.booleanValue(), threads.intValue());
    }

    private static JsonNode required(JsonNode root, String field, Path file) throws IOException {
        JsonNode value = root.get(field);
        if (value == null || value.isNull()) {
            throw new IOException(file + ": missing field '" + field + "'");
        }
        return value;
    }
}
