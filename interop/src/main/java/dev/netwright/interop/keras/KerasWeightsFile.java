package dev.netwright.interop.keras;

import dev.netwright.interop.ModelImportException;
import org.deeplearning4j.nn.modelimport.keras.Hdf5Archive;
import org.deeplearning4j.nn.modelimport.keras.exceptions.UnsupportedKerasConfigurationException;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.Closeable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An HDF5 file of Keras, read through Deeplearning4j's {@link Hdf5Archive}: the model configuration of a Keras 2 file
 * and each layer's weights by their Keras names ({@code kernel}, {@code bias}, ...), in Keras 2's layout
 * ({@code model_weights/LAYER/.../kernel:0}) or Keras 3's ({@code layers/LAYER/vars/0}, named by the layer's class).
 */
final class KerasWeightsFile implements Closeable {
    private static final String KERAS2_ROOT = "model_weights";
    /** Where Keras 3 (and the .keras files of Keras 2.13+) keep a layer's variables. */
    private static final List<String> KERAS3_ROOTS = List.of("layers", "_layer_checkpoint_dependencies");

    private final Path file;
    private final String source;
    private final Hdf5Archive archive;

    private KerasWeightsFile(Path file, String source, Hdf5Archive archive) {
        this.file = file;
        this.source = source;
        this.archive = archive;
    }

    /** Opens an HDF5 file; {@code source} names it in messages (the .keras file for its inner weights). */
    static KerasWeightsFile open(Path file, String source) throws ModelImportException {
        if (!Files.isRegularFile(file)) {
            throw new ModelImportException(source + " does not exist or is not a file");
        }
        try {
            return new KerasWeightsFile(file, source, new Hdf5Archive(file.toString()));
        } catch (RuntimeException e) {
            throw new ModelImportException(source + " is not a readable HDF5 file (truncated, or not a Keras file): "
                    + firstLine(e), e);
        }
    }

    /** The Keras 2 {@code model_config} attribute (JSON), if the file has one. */
    Optional<String> modelConfig() throws ModelImportException {
        try {
            if (!archive.hasAttribute("model_config")) {
                return Optional.empty();
            }
            return Optional.of(archive.readAttributeAsJson("model_config"));
        } catch (UnsupportedKerasConfigurationException | RuntimeException e) {
            throw new ModelImportException(source + ": its model_config cannot be read: " + firstLine(e), e);
        }
    }

    /** Whether the file holds Keras 2's {@code model_weights} group. */
    boolean hasKeras2Weights() {
        return groups().contains(KERAS2_ROOT);
    }

    /** A layer's weights in Keras 2's layout, by name without {@code :0}; empty for a layer without weights. */
    Map<String, INDArray> keras2Layer(String layer) throws ModelImportException {
        Map<String, INDArray> weights = new LinkedHashMap<>();
        if (!groups(KERAS2_ROOT).contains(layer)) {
            return weights;
        }
        collect(new String[]{KERAS2_ROOT, layer}, weights);
        return weights;
    }

    /**
     * A layer's variables in Keras 3's layout, in order ({@code vars/0}, {@code vars/1}, ...); a recurrent layer's are
     * its cell's ({@code cell/vars/0}, ...). Empty when it has none.
     */
    List<INDArray> keras3Layer(String layer) throws ModelImportException {
        for (String root : KERAS3_ROOTS) {
            if (!groups().contains(root) || !groups(root).contains(layer)) {
                continue;
            }
            List<INDArray> own = vars(root, layer);
            return own.isEmpty() && groups(root, layer).contains("cell") ? vars(root, layer, "cell") : own;
        }
        return List.of();
    }

    /** The datasets of {@code path/vars} in their numbered order; empty when there is no such group. */
    private List<INDArray> vars(String... path) throws ModelImportException {
        if (!groups(path).contains("vars")) {
            return List.of();
        }
        String[] varsPath = java.util.Arrays.copyOf(path, path.length + 1);
        varsPath[path.length] = "vars";
        List<String> names = new ArrayList<>(archive.getDataSets(varsPath));
        names.sort(Comparator.comparingInt(KerasWeightsFile::index));
        List<INDArray> vars = new ArrayList<>();
        for (String name : names) {
            vars.add(read(name, varsPath));
        }
        return vars;
    }

    private void collect(String[] path, Map<String, INDArray> into) throws ModelImportException {
        for (String dataSet : archive.getDataSets(path)) {
            String name = dataSet.endsWith(":0") ? dataSet.substring(0, dataSet.length() - 2) : dataSet;
            into.put(name, read(dataSet, path));
        }
        for (String group : archive.getGroups(path)) {
            String[] deeper = java.util.Arrays.copyOf(path, path.length + 1);
            deeper[path.length] = group;
            collect(deeper, into);
        }
    }

    private INDArray read(String dataSet, String... groups) throws ModelImportException {
        try {
            return archive.readDataSet(dataSet, groups).castTo(DataType.FLOAT);
        } catch (UnsupportedKerasConfigurationException | RuntimeException e) {
            throw new ModelImportException(source + ": the weights " + String.join("/", groups) + "/" + dataSet
                    + " cannot be read: " + firstLine(e), e);
        }
    }

    private List<String> groups(String... path) {
        return archive.getGroups(path);
    }

    private static int index(String name) {
        try {
            return Integer.parseInt(name);
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE;
        }
    }

    private static String firstLine(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    Path file() {
        return file;
    }

    @Override
    public void close() {
        archive.close();
    }
}
