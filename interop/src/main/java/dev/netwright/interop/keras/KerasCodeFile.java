package dev.netwright.interop.keras;

import dev.netwright.interop.ImportedModel;
import dev.netwright.interop.ModelImportException;
import dev.netwright.runtime.codegen.CodeImportException;
import dev.netwright.runtime.codegen.KerasCodeImport;
import dev.netwright.runtime.weights.DesignWeights;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A {@code .py} file of Keras code (Sequential or functional, compile and fit) as a design; code carries no weights. */
public final class KerasCodeFile {
    /** Far more than any model's code; a larger file is refused before it is read into memory. */
    private static final long MAX_BYTES = 4L << 20;

    private KerasCodeFile() {
    }

    public static ImportedModel read(Path file) throws ModelImportException {
        String source;
        try {
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                throw new ModelImportException(file + " is " + size / (1 << 20) + " MB: more than the 4 MB of Keras code "
                        + "Netwright reads; is it the right file?");
            }
            source = Files.readString(file, StandardCharsets.UTF_8);
        } catch (MalformedInputException e) {
            throw new ModelImportException(file + ": this is not UTF-8 text, so not Python code Netwright can read.", e);
        } catch (IOException e) {
            throw new ModelImportException("Cannot read " + file + ": " + e.getMessage(), e);
        }
        try {
            return new ImportedModel(KerasCodeImport.parse(source, file.toString()), DesignWeights.empty(),
                    List.of("Keras code describes the architecture and training settings only: the model starts untrained."));
        } catch (CodeImportException e) {
            throw new ModelImportException(e.getMessage(), e);
        }
    }
}
