package dev.netwright.interop;

import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.weights.DesignWeights;

import java.util.List;
import java.util.Objects;

/**
 * A model read from another tool's file: an ordinary, checked design (its nodes named after the file's layers), the
 * trained weights it held (empty for an architecture-only file) and notes for the user on what was adapted.
 */
public record ImportedModel(Design design, DesignWeights weights, List<String> notes) {
    public ImportedModel {
        Objects.requireNonNull(design, "design");
        Objects.requireNonNull(weights, "weights");
        notes = List.copyOf(notes);
    }
}
