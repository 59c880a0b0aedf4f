package dev.netwright.runtime.doctor;

import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * Small IDX data sets for the doctor's trainings: 8×8 images of three classes, each a bright band at its own height,
 * where a share of the training labels (and only those) is replaced by a random class: 0 for clean data, 1 for labels
 * that have nothing to do with the images. A class can be left out of the training images (and kept in the test
 * images), as when a data set lost one class's examples.
 */
final class NoisyIdx {
    static final int SIZE = 8;
    static final int CLASSES = 3;

    private NoisyIdx() {
    }

    static String write(Path dir, int train, int test, double labelNoise) throws IOException {
        return write(dir, train, test, labelNoise, -1);
    }

    /** As {@link #write(Path, int, int, double)}, with no training image of class {@code missing} (-1: none missing). */
    static String write(Path dir, int train, int test, double labelNoise, int missing) throws IOException {
        Files.createDirectories(dir);
        Random random = new Random(7);
        int[] present = IntStream.range(0, CLASSES).filter(c -> c != missing).toArray();
        int[] bands = IntStream.range(0, CLASSES).toArray();
        writePair(dir, "train", cycle(present, train), bands, labelNoise, random);
        writePair(dir, "t10k", cycle(IntStream.range(0, CLASSES).toArray(), test), bands, labelNoise, random);
        return "idx:" + dir;
    }

    /**
     * Clean data with {@code trainPerClass[k]} training images of class k (interleaved, so that every minibatch mixes
     * them), {@code testPerClass[k]} test images of class k, and class k's band at the height of {@code bands[k]}'s: two
     * classes given the same band look alike, and only their numbers tell them apart.
     */
    static String writeCounts(Path dir, int[] trainPerClass, int[] testPerClass, int[] bands) throws IOException {
        Files.createDirectories(dir);
        Random random = new Random(7);
        writePair(dir, "train", interleave(trainPerClass), bands, 0, random);
        writePair(dir, "t10k", interleave(testPerClass), bands, 0, random);
        return "idx:" + dir;
    }

    private static int[] interleave(int[] perClass) {
        List<Integer> classes = new ArrayList<>();
        int[] left = perClass.clone();
        while (Arrays.stream(left).sum() > 0) {
            for (int k = 0; k < CLASSES; k++) {
                if (left[k] > 0) {
                    left[k]--;
                    classes.add(k);
                }
            }
        }
        return classes.stream().mapToInt(Integer::intValue).toArray();
    }

    private static int[] cycle(int[] classes, int count) {
        return IntStream.range(0, count).map(i -> classes[i % classes.length]).toArray();
    }

    private static void writePair(Path dir, String prefix, int[] classes, int[] bands, double labelNoise,
                                  Random random) throws IOException {
        int count = classes.length;
        byte[] pixels = new byte[count * SIZE * SIZE];
        byte[] labels = new byte[count];
        for (int i = 0; i < count; i++) {
            int band = bands[classes[i]];
            labels[i] = (byte) (random.nextDouble() < labelNoise ? random.nextInt(CLASSES) : classes[i]);
            for (int r = 0; r < SIZE; r++) {
                for (int c = 0; c < SIZE; c++) {
                    int value = (r / 3 == band ? 180 : 30) + random.nextInt(60);
                    pixels[i * SIZE * SIZE + r * SIZE + c] = (byte) value;
                }
            }
        }
        try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(dir.resolve(prefix + "-images-idx3-ubyte")))) {
            out.writeInt(0x00000803);
            out.writeInt(count);
            out.writeInt(SIZE);
            out.writeInt(SIZE);
            out.write(pixels);
        }
        try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(dir.resolve(prefix + "-labels-idx1-ubyte")))) {
            out.writeInt(0x00000801);
            out.writeInt(count);
            out.write(labels);
        }
    }
}
