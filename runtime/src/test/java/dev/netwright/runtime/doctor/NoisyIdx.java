package dev.netwright.runtime.doctor;

import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

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
        writePair(dir, "train", train, labelNoise, missing, random);
        writePair(dir, "t10k", test, labelNoise, -1, random);
        return "idx:" + dir;
    }

    private static void writePair(Path dir, String prefix, int count, double labelNoise, int missing, Random random)
            throws IOException {
        byte[] pixels = new byte[count * SIZE * SIZE];
        byte[] labels = new byte[count];
        int[] present = java.util.stream.IntStream.range(0, CLASSES).filter(c -> c != missing).toArray();
        for (int i = 0; i < count; i++) {
            int band = present[i % present.length];
            labels[i] = (byte) (random.nextDouble() < labelNoise ? random.nextInt(CLASSES) : band);
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
