package dev.netwright.samples;

import java.util.Objects;

/** One bundled sample design: an id for the CLI and start page, a title, a sentence about it, and its resource. */
public record Sample(String id, String title, String summary, String resource) {
    public Sample {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(resource, "resource");
    }
}
