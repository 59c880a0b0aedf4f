package dev.netwright.runtime.codegen;

import dev.netwright.runtime.codegen.PythonSyntax.Place;

/** A Keras model while its code is read: the node it starts from and the node that gives its output so far. */
final class KerasModel {
    final boolean sequential;
    final Place place;
    String input;
    String output;

    KerasModel(boolean sequential, Place place) {
        this.sequential = sequential;
        this.place = place;
    }
}
