package dev.netwright.interop.formats;

import dev.netwright.interop.ImportedModel;
import dev.netwright.interop.ModelImportException;
import dev.netwright.interop.ModelImporter;

import dev.netwright.interop.keras.KerasCodeFile;
import dev.netwright.interop.keras.KerasImport;
import dev.netwright.interop.onnx.OnnxImport;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Which importer reads a file, by its name's ending: the one place the command line and the window ask. Another format
 * is one more entry in {@link #standard()} or one {@link #with} call.
 */
public final class ModelImports {
    private final Map<String, ModelImporter> byEnding;
    private final String endings;

    private ModelImports(Map<String, ModelImporter> byEnding) {
        this.byEnding = Map.copyOf(byEnding);
        this.endings = String.join(", ", new java.util.TreeSet<>(byEnding.keySet()));
    }

    /** The importers Netwright has: Keras 2 {@code .h5}/{@code .hdf5} and {@code .json}, Keras 3 {@code .keras}, Keras code in {@code .py}, ONNX {@code .onnx}. */
    public static ModelImports standard() {
        Map<String, ModelImporter> m = new LinkedHashMap<>();
        m.put(".h5", KerasImport::read);
        m.put(".hdf5", KerasImport::read);
        m.put(".json", KerasImport::read);
        m.put(".keras", KerasImport::read);
        m.put(".py", KerasCodeFile::read);
        m.put(".onnx", OnnxImport::read);
        return new ModelImports(m);
    }

    /** These imports and one more, for files ending in {@code ending} (such as ".py"). */
    public ModelImports with(String ending, ModelImporter importer) {
        Map<String, ModelImporter> m = new LinkedHashMap<>(byEnding);
        m.put(ending.toLowerCase(Locale.ROOT), importer);
        return new ModelImports(m);
    }

    /** The importer for a file's name, if any. */
    public Optional<ModelImporter> forFile(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        return byEnding.entrySet().stream().filter(e -> name.endsWith(e.getKey()))
                .max(java.util.Comparator.comparingInt(e -> e.getKey().length())).map(Map.Entry::getValue);
    }

    /** The file name endings that can be imported, sorted and joined for messages. */
    public String endings() {
        return endings;
    }

    /** Reads a file with its importer; a file no importer reads is refused naming the endings that can be. */
    public ImportedModel read(Path file) throws ModelImportException {
        ModelImporter importer = forFile(file).orElseThrow(() -> new ModelImportException(file
                + ": Netwright imports model files ending in " + endings + "; this one is none of them."));
        return importer.read(file);
    }
}
