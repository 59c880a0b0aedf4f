package dev.netwright.samples;

import java.util.Objects;

/**
 * One bundled sample design: an id for the CLI and start page, a title, a sentence about it, and its resource.
 *
 * @param large whether training it takes minutes per hundred images on a CPU (the tutorial-size Transformer): the
 *              tests that train every sample leave it to tests of its own, sized for it
 */
public record Sample(String id, String title, String summary, String resource, boolean large) {
    public Sample {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(resource, "resource");
    }

    /** A sample that trains in seconds to minutes on a CPU. */
    public Sample(String id, String title, String summary, String resource) {
        this(id, title, summary, resource, false);
    }
}
