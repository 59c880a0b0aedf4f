package dev.netwright.runtime.data;

import dev.netwright.runtime.layers.Shape;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Opens a data set from its reference: {@code fashion-mnist-sample} (bundled in netwright-samples),
 * {@code fashion-mnist} (Debian's dataset-fashion-mnist), {@code fashion-mnist:DIR}, {@code idx:DIR},
 * {@code csv:FILE} (optionally {@code csv:FILE#label=NAME} or {@code #label=INDEX}, columns counting from 0)
 * or {@code images:DIR} (one sub-folder per class); any of them may end with {@code #classes=LIST} and
 * {@code #per-class=N} to keep some classes and a number of training images of each ({@link ClassSelection}).
 */
public final class DataSources {
    public static final String SAMPLE = "fashion-mnist-sample";
    public static final String FULL = "fashion-mnist";

    private static final Logger LOG = LoggerFactory.getLogger(DataSources.class);
    private static final String FORMS = "fashion-mnist-sample, fashion-mnist, fashion-mnist:DIR, idx:DIR, csv:FILE, "
            + "csv:FILE#label=NAME, csv:FILE#label=INDEX, images:DIR, each optionally followed by #classes=LIST and "
            + "#per-class=N";
    private static final String LABEL_OPTION = "#label=";

    private DataSources() {
    }

    /**
     * Reads the data that {@code ref} names. {@code input} is the design Input's shape: image folders are resized
     * and converted to grayscale or RGB by it. CSV rows are read as they are (1 × features) and fit any Input
     * that holds as many values (see {@link DataFit}).
     * {@code seed} and {@code validationFraction} (between 0 and 1, exclusive) hold the validation part out of the
     * training examples; {@code split} says what a source's own test files are for (sources without them ignore it).
     */
    public static TrainValidation open(String ref, Shape input, long seed, double validationFraction, DataSplit split)
            throws DataException {
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(split, "split");
        long start = System.nanoTime();
        ClassSelection.Parsed parsed = ClassSelection.parse(ref);
        TrainValidation read = read(parsed.source(), input, seed, validationFraction, split);
        TrainValidation data = parsed.selection().isPresent() ? parsed.selection().get().apply(read, seed) : read;
        LOG.info("Opened {} in {} ms: {}", ref, (System.nanoTime() - start) / 1_000_000, data.description());
        return data;
    }

    /** {@link #open(String, Shape, long, double, DataSplit)} as new runs split: a source's test files held out. */
    public static TrainValidation open(String ref, Shape input, long seed, double validationFraction)
            throws DataException {
        return open(ref, input, seed, validationFraction, DataSplit.HOLD_OUT_TEST);
    }

    private static TrainValidation read(String ref, Shape input, long seed, double validationFraction, DataSplit split)
            throws DataException {
        int hash = ref.indexOf('#');
        if (hash > 0 && List.of(SAMPLE, FULL).contains(ref.substring(0, hash).strip())) {
            throw new DataException("Data reference '" + ref + "': '" + ref.substring(hash) + "' is not an option "
                    + "Netwright knows; the options are #classes=LIST (class indices or names) and #per-class=N");
        }
        if (ref.equals(SAMPLE)) {
            return FashionMnist.sample(seed, validationFraction, split);
        }
        if (ref.equals(FULL)) {
            return FashionMnist.fromFolder(FashionMnist.DEBIAN_DIR, seed, validationFraction, split);
        }
        int colon = ref.indexOf(':');
        String scheme = colon < 0 ? "" : ref.substring(0, colon);
        String rest = colon < 0 ? "" : ref.substring(colon + 1);
        switch (scheme) {
            case FULL:
                return FashionMnist.fromFolder(path(ref, rest), seed, validationFraction, split);
            case "idx":
                return IdxSets.folder(path(ref, rest), seed, validationFraction, split);
            case "images":
                return ImageFolderSource.open(path(ref, rest), input, seed, validationFraction);
            case "csv":
                String[] fileAndLabel = csvFileAndLabel(ref, rest);
                return CsvSource.open(path(ref, fileAndLabel[0]), fileAndLabel[1], seed, validationFraction);
            default:
                throw new DataException("Data reference '" + ref + "' is not one Netwright knows; use one of: " + FORMS);
        }
    }

    /** A CSV reference's file and its #label= option (null when it has none), from the text after "csv:". */
    private static String[] csvFileAndLabel(String ref, String rest) throws DataException {
        // lastIndexOf: a '#' may be part of the file name itself
        int option = rest.lastIndexOf(LABEL_OPTION);
        String file = option < 0 ? rest : rest.substring(0, option);
        String label = option < 0 ? null : rest.substring(option + LABEL_OPTION.length()).strip();
        if (label != null && label.isEmpty()) {
            throw new DataException("Data reference '" + ref + "': #label= needs a column name or index");
        }
        return new String[] {file, label};
    }

    /**
     * The feature columns' names of a CSV reference, label left out (the header's, else "column N"), for showing a row
     * to edit and attributions per feature; empty for the other kinds of data. Reads the file's first row only.
     */
    public static List<String> featureNames(String ref) throws DataException {
        String source = ClassSelection.sourceOf(ref).strip();
        if (!source.startsWith("csv:")) {
            return List.of();
        }
        String[] fileAndLabel = csvFileAndLabel(ref, source.substring("csv:".length()));
        return CsvSource.featureNames(path(ref, fileAndLabel[0]), fileAndLabel[1]);
    }

    private static Path path(String ref, String text) throws DataException {
        if (text.isBlank()) {
            throw new DataException("Data reference '" + ref + "' names no file or folder after the colon");
        }
        try {
            return Path.of(text.strip());
        } catch (InvalidPathException e) {
            throw new DataException("Data reference '" + ref + "': '" + text + "' is not a valid path ("
                    + e.getReason() + ")", e);
        }
    }

    /**
     * The reference without its {@code #classes=} and {@code #per-class=} options: the source it reads
     * ({@code fashion-mnist#classes=5,6} reads {@code fashion-mnist}).
     */
    public static String sourcePart(String ref) {
        return ClassSelection.sourceOf(ref);
    }

    /**
     * {@code ref} keeping at most {@code n} training examples of each class ({@code #per-class=n} at its end, in
     * place of one it had; its {@code #classes=} kept). A malformed reference or an {@code n} below 1 is a
     * {@link DataException} that says so.
     */
    public static String withPerClass(String ref, int n) throws DataException {
        return ClassSelection.withPerClass(ref, n);
    }

    /** The reference's {@code #classes=} and {@code #per-class=} options as written; "" when it has none. */
    public static String selectionPart(String ref) {
        return ClassSelection.optionsOf(ref);
    }

    /**
     * Refuses a reference whose file or folder is missing or of the wrong kind, so that a command can say so before
     * it makes a run folder and starts a worker (issue 15, defect 12: a missing CSV left an empty run folder behind).
     * What is inside is read later, by {@link #open}.
     */
    public static void requirePresent(String ref) throws DataException {
        Optional<Path> named = namedPath(ref);
        if (named.isEmpty()) {
            return;
        }
        Path path = named.get();
        if (ref.strip().startsWith("csv:")) {
            DataFiles.requireRegularFile(path);
        } else if (!Files.isDirectory(path)) {
            throw new DataException(path + (Files.exists(path) ? ": not a folder" : ": folder not found"));
        }
    }

    /**
     * The file or folder a reference names ({@code csv:FILE}, {@code idx:DIR}, {@code images:DIR},
     * {@code fashion-mnist:DIR}), as written (it may be relative); empty for the bundled and installed sets and for
     * references that are not valid.
     */
    public static Optional<Path> namedPath(String ref) {
        String text = ClassSelection.sourceOf(ref);
        int colon = text.indexOf(':');
        if (colon < 0) {
            return Optional.empty();
        }
        String scheme = text.substring(0, colon);
        String rest = text.substring(colon + 1);
        if (scheme.equals("csv")) {
            int option = rest.lastIndexOf(LABEL_OPTION);
            rest = option < 0 ? rest : rest.substring(0, option);
        } else if (!List.of(FULL, "idx", "images").contains(scheme)) {
            return Optional.empty();
        }
        try {
            return rest.isBlank() ? Optional.empty() : Optional.of(Path.of(rest.strip()));
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
    }

    /**
     * The reference with a relative file or folder made absolute against {@code base}: a design's own data is relative
     * to the design's folder, data named on the command line to the working folder. Training resolves nothing itself
     * (the worker runs in the run folder), so a reference is resolved once, where it is chosen.
     */
    public static String resolved(String ref, Path base) {
        Optional<Path> named = namedPath(ref);
        if (named.isEmpty() || named.get().isAbsolute()) {
            return ref;
        }
        String text = ClassSelection.sourceOf(ref);
        String scheme = text.substring(0, text.indexOf(':'));
        int option = scheme.equals("csv") ? text.lastIndexOf(LABEL_OPTION) : -1;
        String suffix = option < 0 ? "" : text.substring(option);
        return scheme + ":" + base.toAbsolutePath().resolve(named.get()).normalize() + suffix
                + ClassSelection.optionsOf(ref);
    }

    /**
     * The file or folder a design's own data reference names when it lies outside {@code designFolder} (relative paths
     * taken from that folder): a design from elsewhere can name any file, and the user is told which before it is read.
     */
    public static Optional<Path> outside(String ref, Path designFolder) {
        Path folder = designFolder.toAbsolutePath().normalize();
        return namedPath(resolved(ref, folder)).filter(p -> !p.startsWith(folder));
    }
}
