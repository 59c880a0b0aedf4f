package dev.netwright.runtime.train;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * A small learnable image data set written as IDX files for {@code idx:DIR}: 8×8 grayscale images of
 * three classes, each a bright horizontal band at a different height, with noise.
 */
public final class SyntheticIdx {
    static final int SIZE = 8;
    static final int CLASSES = 3;

    private SyntheticIdx() {
    }

    public static Path write(Path dir, int train, int test) throws IOException {
        Files.createDirectories(dir);
        Random random = new Random(1);
        writePair(dir, "train", train, random);
        writePair(dir, "t10k", test, random);
        return dir;
    }

    private static void writePair(Path dir, String prefix, int count, Random random) throws IOException {
        byte[] pixels = new byte[count * SIZE * SIZE];
        byte[] labels = new byte[count];
        for (int i = 0; i < count; i++) {
            int label = i % CLASSES;
            labels[i] = (byte) label;
            for (int r = 0; r < SIZE; r++) {
                for (int c = 0; c < SIZE; c++) {
                    boolean band = r / 3 == label;
                    int value = (band ? 180 : 30) + random.nextInt(60);
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
        try (OutputStream raw = Files.newOutputStream(dir.resolve(prefix + "-labels-idx1-ubyte"));
             DataOutputStream out = new DataOutputStream(raw)) {
            out.writeInt(0x00000801);
            out.writeInt(count);
            out.write(labels);
        }
    }
}
