package dev.netwright.interop.keras;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.netwright.interop.ImportedModel;
import dev.netwright.interop.ModelImportException;
import dev.netwright.runtime.compile.CompiledDesign;
import dev.netwright.runtime.compile.DesignCompiler;
import dev.netwright.runtime.compile.DesignErrorsException;
import dev.netwright.runtime.compile.TrainingSettings;
import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.weights.DesignWeights;
import dev.netwright.runtime.weights.WeightsMismatchException;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Opens a Keras model as a Netwright design with its weights: Keras 2 {@code .h5} (architecture and weights, read
 * through Deeplearning4j's HDF5 archive), Keras 2 architecture-only {@code .json}, and Keras 3 {@code .keras} (a zip of
 * {@code config.json}, {@code metadata.json} and {@code model.weights.h5}), Sequential or functional. The result is
 * checked, compiled and has its weights set on a fresh network before it is returned, so what comes back works.
 */
public final class KerasImport {
    /** The largest configuration read, a guard against a file that is no Keras model. */
    private static final long MAX_CONFIG_BYTES = 64L * 1024 * 1024;
    /** The most a .keras file's model.weights.h5 may unpack to: 4 GiB (a zip may claim any size, or none). */
    static final long MAX_WEIGHTS_BYTES = 4L << 30;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private KerasImport() {
    }

    /** Reads a Keras file, by its name's ending ({@code .keras}, {@code .json}, otherwise HDF5). */
    public static ImportedModel read(Path file) throws ModelImportException {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!Files.isRegularFile(file)) {
            throw new ModelImportException(file + " does not exist or is not a file");
        }
        if (name.endsWith(".keras")) {
            return readKeras3(file);
        }
        if (name.endsWith(".json")) {
            return readArchitecture(file);
        }
        return readKeras2(file);
    }

    private static ImportedModel readKeras2(Path file) throws ModelImportException {
        String source = file.toString();
        try (KerasWeightsFile h5 = KerasWeightsFile.open(file, source)) {
            String config = h5.modelConfig().orElseThrow(() -> new ModelImportException(source + " holds no model_config: "
                    + "it has weights only (Keras's save_weights). Save the whole model with model.save('model.h5')."));
            KerasModelConfig model = KerasModelConfig.parse(json(config, source + " (model_config)"), source);
            KerasLayerMapping.Mapped mapped = KerasLayerMapping.map(model, source, baseName(file));
            Map<String, Map<String, INDArray>> raw = new LinkedHashMap<>();
            List<String> notes = new ArrayList<>();
            if (h5.hasKeras2Weights()) {
                for (String id : mapped.kerasClasses().keySet()) {
                    raw.put(id, h5.keras2Layer(id));
                }
            } else {
                notes.add("The file holds no weights: the design starts from random ones when it trains.");
                return finish(mapped, null, source, notes);
            }
            return finish(mapped, raw, source, notes);
        }
    }

    private static ImportedModel readArchitecture(Path file) throws ModelImportException {
        String source = file.toString();
        String text;
        try {
            if (Files.size(file) > MAX_CONFIG_BYTES) {
                throw new ModelImportException(source + " is too large to be a Keras model's JSON");
            }
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ModelImportException("Cannot read " + source + ": " + e.getMessage(), e);
        }
        KerasModelConfig model = KerasModelConfig.parse(json(text, source), source);
        KerasLayerMapping.Mapped mapped = KerasLayerMapping.map(model, source, baseName(file));
        return finish(mapped, null, source,
                List.of("A Keras architecture file holds no weights: the design starts from random ones when it trains."));
    }

    private static ImportedModel readKeras3(Path file) throws ModelImportException {
        String source = file.toString();
        try (ZipFile zip = new ZipFile(file.toFile(), StandardCharsets.UTF_8)) {
            ZipEntry configEntry = zip.getEntry("config.json");
            if (configEntry == null) {
                throw new ModelImportException(source + " is a zip without config.json: not a Keras 3 .keras file");
            }
            KerasModelConfig model = KerasModelConfig.parse(json(entryText(zip, configEntry, source), source + " (config.json)"), source);
            KerasLayerMapping.Mapped mapped = KerasLayerMapping.map(model, source, baseName(file));
            ZipEntry weightsEntry = zip.getEntry("model.weights.h5");
            if (weightsEntry == null) {
                return finish(mapped, null, source,
                        List.of("The file holds no model.weights.h5: the design starts from random weights when it trains."));
            }
            Path h5File = Files.createTempFile("netwright-keras", ".weights.h5");
            try {
                copyBounded(zip, weightsEntry, h5File, source);
                Map<String, Map<String, INDArray>> raw = new LinkedHashMap<>();
                try (KerasWeightsFile h5 = KerasWeightsFile.open(h5File, source + " (model.weights.h5)")) {
                    for (Map.Entry<String, String> layer : mapped.kerasClasses().entrySet()) {
                        List<INDArray> vars = h5.keras3Layer(layer.getKey());
                        List<String> names = KerasWeightLayouts.keras3Names(layer.getValue());
                        Map<String, INDArray> named = new LinkedHashMap<>();
                        for (int i = 0; i < vars.size() && i < names.size(); i++) {
                            named.put(names.get(i), vars.get(i));
                        }
                        raw.put(layer.getKey(), named);
                    }
                }
                return finish(mapped, raw, source, new ArrayList<>());
            } finally {
                Files.deleteIfExists(h5File);
            }
        } catch (IOException e) {
            throw new ModelImportException(source + " is not a readable .keras file (a zip of config.json and "
                    + "model.weights.h5): " + e.getMessage(), e);
        }
    }

    /** Checks and compiles the design and sets the weights on a fresh network, so that a mismatch is found here. */
    private static ImportedModel finish(KerasLayerMapping.Mapped mapped, Map<String, Map<String, INDArray>> raw,
                                        String source, List<String> notes) throws ModelImportException {
        Design design = mapped.design();
        CompiledDesign compiled;
        try {
            compiled = new DesignCompiler().compile(design, TrainingSettings.defaults());
        } catch (DesignErrorsException e) {
            throw new ModelImportException(source + ": the imported model does not work in Netwright: "
                    + e.diagnostics().stream().map(d -> (d.nodeId() == null ? "" : "'" + d.nodeId() + "': ") + d.message())
                    .collect(Collectors.joining("; ")));
        }
        if (raw == null) {
            return new ImportedModel(design, DesignWeights.empty(), notes);
        }
        ComputationGraph network = compiled.newNetwork();
        DesignWeights weights = KerasWeightLayouts.convert(design, compiled.check(), network, mapped.kerasClasses(), raw,
                source);
        try {
            weights.applyTo(network, design);
        } catch (WeightsMismatchException e) {
            throw new ModelImportException(source + ": " + e.getMessage(), e);
        }
        return new ImportedModel(design, weights, notes);
    }

    private static JsonNode json(String text, String source) throws ModelImportException {
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new ModelImportException(source + " is not valid JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")"), e);
        }
    }

    private static String entryText(ZipFile zip, ZipEntry entry, String source) throws IOException, ModelImportException {
        if (entry.getSize() > MAX_CONFIG_BYTES) {
            throw new ModelImportException(source + ": its " + entry.getName() + " is too large to be a model configuration");
        }
        try (InputStream in = zip.getInputStream(entry)) {
            return new String(in.readNBytes((int) MAX_CONFIG_BYTES), StandardCharsets.UTF_8);
        }
    }

    /** "cnn" for "models/cnn.h5". */
    private static String baseName(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    /** Unpacks {@code entry} into {@code target}, stopping with a clear refusal past {@link #MAX_WEIGHTS_BYTES}. */
    static void copyBounded(ZipFile zip, ZipEntry entry, Path target, String source) throws IOException,
            ModelImportException {
        copyBounded(zip, entry, target, source, MAX_WEIGHTS_BYTES);
    }

    static void copyBounded(ZipFile zip, ZipEntry entry, Path target, String source, long limit) throws IOException,
            ModelImportException {
        try (InputStream in = zip.getInputStream(entry); java.io.OutputStream out = Files.newOutputStream(target)) {
            byte[] buffer = new byte[1 << 16];
            long written = 0;
            for (int n; (n = in.read(buffer)) > 0; ) {
                written += n;
                if (written > limit) {
                    throw new ModelImportException(source + ": its " + entry.getName() + " unpacks to more than "
                            + limit / (1 << 20) + " MB, more than Netwright reads as Keras weights");
                }
                out.write(buffer, 0, n);
            }
        }
    }
}
