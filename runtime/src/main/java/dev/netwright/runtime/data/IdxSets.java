package dev.netwright.runtime.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Joins IDX image and label files into {@link Examples}, and reads a folder of IDX files ({@code idx:DIR}). */
final class IdxSets {

    private IdxSets() {
    }

    /** Pairs images with labels; the counts must agree and every label must name a class. */
    static Examples join(IdxImages images, String imagesName, int[] labels, String labelsName,
            List<String> classNames) throws DataException {
        if (images.count() != labels.length) {
            throw new DataException(imagesName + " and " + labelsName + " do not pair up: "
                    + images.count() + " images but " + labels.length + " labels");
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] >= classNames.size()) {
                throw new DataException(labelsName + ": label " + labels[i] + " at index " + i + " is not a class (there are "
                        + classNames.size() + " classes, 0 to " + (classNames.size() - 1) + ")");
            }
        }
        return new Examples(images.pixels(), labels, images.rows(), images.columns(), 1, classNames);
    }

    /**
     * {@code idx:DIR}: the training pair (train-images-idx3-ubyte, train-labels-idx1-ubyte, optionally .gz) is
     * required; the test pair (t10k-… or test-…), when present, is the test part (or, with
     * {@link DataSplit#VALIDATE_ON_TEST}, the validation part). The validation part is otherwise held out of the
     * training pair with the seed. Class names are the label values 0..max.
     */
    static TrainValidation folder(Path dir, long seed, double validationFraction, DataSplit split)
            throws DataException {
        if (!Files.isDirectory(dir)) {
            throw new DataException(dir + ": not a folder (idx:DIR names a folder holding "
                    + "train-images-idx3-ubyte and train-labels-idx1-ubyte, optionally gzipped)");
        }
        Path trainImages = require(dir, "train", "images", 3);
        Path trainLabels = require(dir, "train", "labels", 1);
        Optional<Path> testImages = find(dir, "t10k", "images", 3).or(() -> find(dir, "test", "images", 3));
        Optional<Path> testLabels = find(dir, "t10k", "labels", 1).or(() -> find(dir, "test", "labels", 1));
        if (testImages.isPresent() != testLabels.isPresent()) {
            Path present = testImages.orElseGet(testLabels::get);
            throw new DataException(dir + ": " + present.getFileName() + " has no matching "
                    + (testImages.isPresent() ? "labels" : "images") + " file");
        }
        IdxImages images = IdxReader.readImages(trainImages);
        int[] labels = IdxReader.readLabels(trainLabels);
        IdxImages valImages = testImages.isPresent() ? IdxReader.readImages(testImages.get()) : null;
        int[] valLabels = testLabels.isPresent() ? IdxReader.readLabels(testLabels.get()) : null;
        List<String> classNames = numberedClasses(labels, valLabels);
        if (labels.length == 0) {
            throw new DataException(trainLabels + ": holds no labels (its header declares 0)");
        }
        if (classNames.size() < 2) {
            throw new DataException(trainLabels + ": every label is 0; a classifier needs at least 2 classes");
        }
        Examples train = join(images, trainImages.toString(), labels, trainLabels.toString(), classNames);
        String source = "IDX files in " + dir;
        if (valImages == null) {
            return Split.stratified(train, seed, validationFraction, source, "images", classNames.size() + " classes; ");
        }
        Examples test = join(valImages, testImages.get().toString(), valLabels, testLabels.get().toString(),
                classNames);
        if (test.height() != train.height() || test.width() != train.width()) {
            throw new DataException(testImages.get() + ": images are " + test.height() + "×" + test.width()
                    + " but the training images in " + trainImages.getFileName() + " are " + train.height() + "×"
                    + train.width());
        }
        return Split.withTestFiles(train, test, split, seed, validationFraction, source, classNames.size() + " classes; ");
    }

    private static List<String> numberedClasses(int[] labels, int[] more) {
        int max = 0;
        for (int l : labels) {
            max = Math.max(max, l);
        }
        for (int l : more == null ? new int[0] : more) {
            max = Math.max(max, l);
        }
        List<String> names = new ArrayList<>();
        for (int c = 0; c <= max; c++) {
            names.add(Integer.toString(c));
        }
        return names;
    }

    private static Path require(Path dir, String part, String kind, int rank) throws DataException {
        return find(dir, part, kind, rank).orElseThrow(() -> new DataException(dir + ": no " + part + "-" + kind
                + "-idx" + rank + "-ubyte file (or the same with .gz) in this folder"));
    }

    /** MNIST-style names: train-images-idx3-ubyte, and the variant with a dot (train-images.idx3-ubyte), raw or .gz. */
    static Optional<Path> find(Path dir, String part, String kind, int rank) {
        for (String sep : List.of("-", ".")) {
            String base = part + "-" + kind + sep + "idx" + rank + "-ubyte";
            for (String name : List.of(base + ".gz", base)) {
                Path p = dir.resolve(name);
                if (Files.exists(p)) { // a pipe or folder of that name is refused when read, not called missing
                    return Optional.of(p);
                }
            }
        }
        return Optional.empty();
    }
}
