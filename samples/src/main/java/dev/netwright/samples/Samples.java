package dev.netwright.samples;

import dev.netwright.runtime.data.DataSources;
import dev.netwright.runtime.data.FashionMnist;
import dev.netwright.runtime.design.DataRef;
import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.design.DesignFormatException;
import dev.netwright.runtime.format.DesignJson;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

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
            new Sample("transformer-tutorial", "Transformer (tutorial size)",
                    "The tutorial's encoder: six blocks of width 512, 8 heads, feed-forward 2048; 19 million parameters, "
                            + "slow on a CPU.", "transformer-tutorial.json", true),
            new Sample("resnet", "Residual CNN", "Convolutions with BatchNorm and skip connections joined by Add.",
                    "resnet.json"),
            new Sample("rcnn", "Recurrent CNN",
                    "Convolutions over the image feed an LSTM that reads the feature map row by row.", "rcnn.json"),
            new Sample("resnet-tuned", "Residual CNN, tuned",
                    "BatchNorm, two shortcut blocks and dropout, trained 12 epochs with a one-cycle learning rate on "
                            + "flipped, shifted crops: the accuracy sample.", "resnet-tuned.json"),
            new Sample("cnn-pretrained", "Seed CNN, pretrained on 5 classes",
                    "The seed CNN with its trained weights: Fashion-MNIST's classes 0-4 only, so that 5-9 are new to it.",
                    "cnn-pretrained.json"),
            new Sample("transfer", "Transfer to 5 new classes",
                    "Starts from the pretrained CNN with its convolutions frozen and learns classes 5-9 from 50 images "
                            + "each.", "transfer.json"));

    /** Weights sidecars copied out of the class path, by resource name: one copy per process. */
    private static final Map<String, Path> WEIGHTS_FILES = new ConcurrentHashMap<>();

    private Samples() {
    }

    public static List<Sample> list() {
        return ALL;
    }

    /** The samples that are not {@linkplain Sample#large() large}: the ones that train in minutes on a CPU. */
    public static List<Sample> small() {
        return ALL.stream().filter(s -> !s.large()).toList();
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

    /**
     * The sample's design, ready to open or train: trained weights it names are copied out of the class path to a file
     * (design files name weights by path), and a sample that reads the full Fashion-MNIST reads the bundled subset,
     * with the same class options, where the full set is not installed.
     */
    public static Design load(Sample sample) {
        return load(sample, Files.isDirectory(FashionMnist.DEBIAN_DIR));
    }

    static Design load(Sample sample, boolean fullSetInstalled) {
        Design design;
        try {
            design = new DesignJson().read(json(sample), "sample " + sample.id());
        } catch (DesignFormatException e) {
            throw new IllegalStateException("a bundled sample does not read: " + e.getMessage(), e);
        }
        if (design.weights().isPresent()) {
            design = design.withWeights(weightsFile(sample, design.weights().get()).toString());
        }
        String data = design.data().map(DataRef::source).orElse("");
        if (!fullSetInstalled && DataSources.sourcePart(data).equals(DataSources.FULL)) {
            design = design.withData(new DataRef(DataSources.SAMPLE + data.substring(DataSources.FULL.length())));
        }
        return design;
    }

    /** The sidecar {@code name} beside the sample's resource, as a file of this process's own. */
    private static Path weightsFile(Sample sample, String name) {
        String folder = sample.resource().contains("/")
                ? sample.resource().substring(0, sample.resource().lastIndexOf('/') + 1) : "";
        String resource = folder + name;
        return WEIGHTS_FILES.computeIfAbsent(resource, r -> {
            try (InputStream in = Samples.class.getResourceAsStream(r)) {
                if (in == null) {
                    throw new IllegalStateException("sample weights missing from the build: " + r);
                }
                // in a folder of its own, so that the file keeps its name for messages ("transfer.weights.npz")
                Path copies = Files.createTempDirectory("netwright-sample-");
                copies.toFile().deleteOnExit(); // deleted after the file, which registers later
                Path file = copies.resolve(name);
                file.toFile().deleteOnExit();
                Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
                return file;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot copy the weights of sample " + sample.id(), e);
            }
        });
    }

    public static Design load(String id) {
        return load(find(id).orElseThrow(() -> new IllegalArgumentException(
                "no sample called '" + id + "' (samples: " + String.join(", ", ALL.stream().map(Sample::id).toList()) + ")")));
    }
}
