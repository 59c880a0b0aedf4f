package dev.netwright.interop;

import java.nio.file.Path;

/** Reads one kind of model file into a design with its weights. */
@FunctionalInterface
public interface ModelImporter {
    ImportedModel read(Path file) throws ModelImportException;
}
