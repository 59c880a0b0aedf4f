package dev.netwright.runtime.design;

import java.util.Objects;

/**
 * The data a design is meant to train on: a source reference such as {@code fashion-mnist-sample},
 * {@code fashion-mnist}, {@code idx:DIR}, {@code csv:FILE} or {@code images:DIR}.
 */
public record DataRef(String source) {
    public DataRef {
        Objects.requireNonNull(source, "source");
    }
}
