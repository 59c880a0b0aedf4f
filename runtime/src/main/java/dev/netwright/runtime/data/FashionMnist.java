package dev.netwright.runtime.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Fashion-MNIST, Netwright's reference data set: the full set from a folder, or the subset bundled in netwright-samples. */
public final class FashionMnist {
    public static final List<String> CLASS_NAMES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");
    /** Where Debian's {@code dataset-fashion-mnist} package installs the files. */
    public static final Path DEBIAN_DIR = Path.of("/usr/share/datasets/fashion-mnist");

    /** Class-path folder of the subset that netwright-samples ships (runtime cannot depend on samples). */
    static final String SAMPLE_RESOURCES = "dev/netwright/samples/data/fashion-mnist-sample/";

    private static final String TRAIN_IMAGES = "train-images-idx3-ubyte.gz";
    private static final String TRAIN_LABELS = "train-labels-idx1-ubyte.gz";
    private static final String TEST_IMAGES = "t10k-images-idx3-ubyte.gz";
    private static final String TEST_LABELS = "t10k-labels-idx1-ubyte.gz";

    private FashionMnist() {
    }

    /**
     * The full set from {@code dir}: the training files train (and, held out of them with {@code seed} and
     * {@code validationFraction}, validate), the t10k files test; or, with {@link DataSplit#VALIDATE_ON_TEST}, the
     * t10k files validate.
     */
    static TrainValidation fromFolder(Path dir, long seed, double validationFraction, DataSplit split)
            throws DataException {
        Path trainImages = require(dir, TRAIN_IMAGES);
        Path trainLabels = require(dir, TRAIN_LABELS);
        Path testImages = require(dir, TEST_IMAGES);
        Path testLabels = require(dir, TEST_LABELS);
        Examples train = IdxSets.join(IdxReader.readImages(trainImages), trainImages.toString(),
                IdxReader.readLabels(trainLabels), trainLabels.toString(), CLASS_NAMES);
        Examples test = IdxSets.join(IdxReader.readImages(testImages), testImages.toString(),
                IdxReader.readLabels(testLabels), testLabels.toString(), CLASS_NAMES);
        return Split.withTestFiles(train, test, split, seed, validationFraction, "Fashion-MNIST (" + dir + ")", "");
    }

    /** The bundled subset, read from the class path, split as {@link #fromFolder} splits the full set. */
    static TrainValidation sample(long seed, double validationFraction, DataSplit split) throws DataException {
        Examples train = IdxSets.join(resourceImages(TRAIN_IMAGES), SAMPLE_RESOURCES + TRAIN_IMAGES,
                resourceLabels(TRAIN_LABELS), SAMPLE_RESOURCES + TRAIN_LABELS, CLASS_NAMES);
        Examples test = IdxSets.join(resourceImages(TEST_IMAGES), SAMPLE_RESOURCES + TEST_IMAGES,
                resourceLabels(TEST_LABELS), SAMPLE_RESOURCES + TEST_LABELS, CLASS_NAMES);
        return Split.withTestFiles(train, test, split, seed, validationFraction, "Fashion-MNIST sample", "");
    }

    /** Accepts the gzipped Debian names and, for a folder the user unpacked, the same names without .gz. */
    private static Path require(Path dir, String gzName) throws DataException {
        String rawName = gzName.substring(0, gzName.length() - ".gz".length());
        for (String name : List.of(gzName, rawName)) {
            Path p = dir.resolve(name);
            if (Files.exists(p)) { // a pipe or folder of that name is refused when read, not called missing
                return p;
            }
        }
        throw new DataException("Fashion-MNIST file missing: " + dir.resolve(gzName) + " (nor " + rawName
                + " there). `apt-get install dataset-fashion-mnist` provides it in " + DEBIAN_DIR
                + "; or name a folder that holds the four Fashion-MNIST files with fashion-mnist:DIR");
    }

    private static IdxImages resourceImages(String name) throws DataException {
        try (InputStream in = openResource(name)) {
            return IdxReader.readImages(in, SAMPLE_RESOURCES + name);
        } catch (IOException e) {
            throw new DataException(SAMPLE_RESOURCES + name + ": cannot be read (" + Texts.reason(e, "a read error")
                    + ")", e);
        }
    }

    private static int[] resourceLabels(String name) throws DataException {
        try (InputStream in = openResource(name)) {
            return IdxReader.readLabels(in, SAMPLE_RESOURCES + name);
        } catch (IOException e) {
            throw new DataException(SAMPLE_RESOURCES + name + ": cannot be read (" + Texts.reason(e, "a read error")
                    + ")", e);
        }
    }

    /** Tries the context class loader first: in the app and worker it sees the samples jar even if ours would not. */
    private static InputStream openResource(String name) throws DataException {
        String path = SAMPLE_RESOURCES + name;
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        InputStream in = context == null ? null : context.getResourceAsStream(path);
        if (in == null) {
            in = FashionMnist.class.getClassLoader().getResourceAsStream(path);
        }
        if (in == null) {
            throw new DataException("The bundled Fashion-MNIST sample is not on the class path (" + path
                    + " is missing): the netwright-samples jar must be on the class path to use " + DataSources.SAMPLE);
        }
        return in;
    }
}
