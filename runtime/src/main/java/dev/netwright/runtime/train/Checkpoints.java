package dev.netwright.runtime.train;

import org.deeplearning4j.nn.graph.ComputationGraph;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checkpoints: a DL4J model zip with the updater state per epoch ({@code epoch-003.zip}), with a small
 * text file beside it that records the epoch and iteration the run had reached.
 */
public final class Checkpoints {
    private static final Pattern FIELD = Pattern.compile("(epoch|iteration)=(\\d+)");

    private Checkpoints() {
    }

    /** A network restored from a checkpoint, with where the run was. */
    public record Restored(ComputationGraph graph, int epoch, long iteration) {
    }

    static Path write(ComputationGraph graph, Path dir, int epoch, long iteration) throws IOException {
        Files.createDirectories(dir);
        String stem = String.format(Locale.ROOT, "epoch-%03d", epoch);
        Path zip = dir.resolve(stem + ".zip");
        ModelZip.write(graph, zip);
        Files.writeString(dir.resolve(stem + ".txt"), "epoch=" + epoch + "\niteration=" + iteration + "\n");
        return zip;
    }

    public static Restored restore(Path zip) throws RunFailure {
        Path info = zip.resolveSibling(zip.getFileName().toString().replaceFirst("\\.zip$", ".txt"));
        if (!Files.isRegularFile(zip) || !Files.isRegularFile(info)) {
            throw new RunFailure("No checkpoint at " + zip + " (expected the zip and "
                    + info.getFileName() + " beside it).");
        }
        try {
            String text = Files.readString(info, StandardCharsets.UTF_8);
            int epoch = -1;
            long iteration = -1;
            Matcher m = FIELD.matcher(text);
            while (m.find()) {
                if (m.group(1).equals("epoch")) {
                    epoch = Integer.parseInt(m.group(2));
                } else {
                    iteration = Long.parseLong(m.group(2));
                }
            }
            if (epoch < 1 || iteration < 0) {
                throw new RunFailure(info + " does not say which epoch and iteration it holds.");
            }
            return new Restored(ModelZip.read(zip, true), epoch, iteration);
        } catch (ModelFileException e) {
            throw new RunFailure("Cannot use the checkpoint: " + e.getMessage());
        } catch (IOException | RuntimeException e) {
            throw new RunFailure("Cannot read the checkpoint " + zip + ": " + e.getMessage());
        }
    }
}
