package dev.netwright.app.cli;

import dev.netwright.runtime.data.DataException;
import dev.netwright.runtime.data.Examples;
import dev.netwright.runtime.data.InputFiles;
import dev.netwright.runtime.explain.ExplainableRun;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The inputs that {@code predict} and {@code explain} were given, read as the run's data is: an image file, a CSV file
 * (one input per row), a folder of images, or {@code --sample N} (the N-th image the run was evaluated on).
 */
final class ModelInputs {
    /** One input: a name for messages and files, its raw values (example {@code index} of {@code examples}). */
    record Input(String name, Examples examples, int index) {
    }

    private ModelInputs() {
    }

    /** The inputs and the notes on what was changed to fit them to the model (resized, converted, columns left out). */
    record Read(List<Input> inputs, List<String> notes) {
    }

    static Read read(ExplainableRun run, Path input, Integer sample) throws CliException {
        if (sample != null) {
            Examples examples = run.evaluationExamples();
            if (sample < 0 || sample >= examples.size()) {
                throw new CliException(ExitCodes.BAD_INPUT, "--sample " + sample + " is out of range: the run's "
                        + run.evaluationSetName() + " set has " + examples.size() + " examples (0 to "
                        + (examples.size() - 1) + ")");
            }
            return new Read(List.of(new Input(run.evaluationSetName() + "-" + sample, examples, sample)), List.of());
        }
        if (input == null) {
            throw new CliException(ExitCodes.BAD_INPUT, "Name an input (an image, a CSV file or a folder of images), "
                    + "or pick one of the run's own with --sample N");
        }
        if (!Files.exists(input)) {
            throw new CliException(ExitCodes.BAD_INPUT, input + ": no such file or folder");
        }
        List<Path> files = Files.isDirectory(input) ? imagesIn(input) : List.of(input);
        List<Input> inputs = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (Path file : files) {
            InputFiles.Read read;
            try {
                read = run.read(file);
            } catch (DataException e) {
                throw new CliException(ExitCodes.BAD_INPUT, e.getMessage());
            }
            notes.addAll(read.notes());
            String stem = stem(file);
            int rows = read.examples().size();
            for (int i = 0; i < rows; i++) {
                inputs.add(new Input(rows == 1 ? stem : stem + "-row" + (i + 1), read.examples(), i));
            }
        }
        return new Read(inputs, notes);
    }

    private static List<Path> imagesIn(Path folder) throws CliException {
        try (Stream<Path> entries = Files.list(folder)) {
            List<Path> images = entries.filter(Files::isRegularFile).filter(InputFiles::isImageFile).sorted().toList();
            if (images.isEmpty()) {
                throw new CliException(ExitCodes.BAD_INPUT, folder + ": no PNG, JPEG, GIF or BMP images in this folder");
            }
            return images;
        } catch (IOException e) {
            throw new CliException(ExitCodes.BAD_INPUT, folder + ": cannot be listed (" + e.getMessage() + ")");
        }
    }

    static String stem(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
