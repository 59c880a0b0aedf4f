package dev.netwright.samples;

import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.design.DesignFormatException;
import dev.netwright.runtime.format.DesignJson;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/** The sample designs that ship with Netwright, readable from the class path. */
public final class Samples {
    /** How a sample is named where a design file could be: {@code sample:cnn}. */
    public static final String REFERENCE_PREFIX = "sample:";

    private static final List<Sample> ALL = List.of(
            new Sample("cnn", "Seed CNN", "Three convolutions with max pooling and a Dense layer: the classic image classifier.",
                    "cnn.json"),
            new Sample("lstm", "Stacked LSTM", "Reads each image row by row with two stacked LSTM layers.", "lstm.json"),
            new Sample("transformer", "Transformer encoder",
                    "Image rows as tokens through two Transformer encoder blocks.", "transformer.json"),
            new Sample("resnet", "Residual CNN", "Convolutions with BatchNorm and skip connections joined by Add.",
                    "resnet.json"),
            new Sample("rcnn", "Recurrent CNN",
                    "Convolutions over the image feed an LSTM that reads the feature map row by row.", "rcnn.json"),
            new Sample("resnet-tuned", "Residual CNN, tuned",
                    "BatchNorm, two shortcut blocks and dropout, trained 12 epochs with a one-cycle learning rate on "
                            + "flipped, shifted crops: the accuracy sample.", "resnet-tuned.json"));

    private Samples() {
    }

    public static List<Sample> list() {
        return ALL;
    }

    public static Optional<Sample> find(String id) {
        return ALL.stream().filter(s -> s.id().equals(id)).findFirst();
    }

    /** The sample's design file exactly as shipped. */
    public static String json(Sample sample) {
        try (InputStream in = Samples.class.getResourceAsStream(sample.resource())) {
            if (in == null) {
                throw new IllegalStateException("sample resource missing from the build: " + sample.resource());
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Design load(Sample sample) {
        try {
            return new DesignJson().read(json(sample), "sample " + sample.id());
        } catch (DesignFormatException e) {
            throw new IllegalStateException("a bundled sample does not read: " + e.getMessage(), e);
        }
    }

    public static Design load(String id) {
        return load(find(id).orElseThrow(() -> new IllegalArgumentException(
                "no sample called '" + id + "' (samples: " + String.join(", ", ALL.stream().map(Sample::id).toList()) + ")")));
    }
}
