package dev.netwright.samples.data;

import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Makes the bundled Fashion-MNIST subset: 500 training images per class from the training files and 100 per
 * class from the t10k files, picked by a {@link Random} with a fixed seed and kept in their original order,
 * written as gzipped IDX files. JDK only, so that it runs as a single source file:
 * {@code java samples/src/test/java/dev/netwright/samples/data/FashionMnistSampleGenerator.java [SRC_DIR] [OUT_DIR]}.
 * The same input always gives byte-identical output (java.util.Random and Java's gzip header are fixed).
 */
public final class FashionMnistSampleGenerator {
    public static final long SEED = 42L;
    public static final int TRAIN_PER_CLASS = 500;
    public static final int TEST_PER_CLASS = 100;
    public static final int CLASSES = 10;

    private FashionMnistSampleGenerator() {
    }

    public static void main(String[] args) throws IOException {
        Path source = Path.of(args.length > 0 ? args[0] : "/usr/share/datasets/fashion-mnist");
        Path target = Path.of(args.length > 1 ? args[1]
                : "samples/src/main/resources/dev/netwright/samples/data/fashion-mnist-sample");
        generate(source, target);
    }

    public static void generate(Path source, Path target) throws IOException {
        Files.createDirectories(target);
        Random random = new Random(SEED);
        subset(source, target, "train", TRAIN_PER_CLASS, random);
        subset(source, target, "t10k", TEST_PER_CLASS, random);
    }

    private static void subset(Path source, Path target, String part, int perClass, Random random) throws IOException {
        byte[] labels = payload(source.resolve(part + "-labels-idx1-ubyte.gz"), 0x801, 1);
        byte[] images = payload(source.resolve(part + "-images-idx3-ubyte.gz"), 0x803, 3);
        int pixels = images.length / labels.length;
        List<List<Integer>> byClass = new ArrayList<>();
        for (int c = 0; c < CLASSES; c++) {
            byClass.add(new ArrayList<>());
        }
        for (int i = 0; i < labels.length; i++) {
            byClass.get(labels[i]).add(i);
        }
        List<Integer> chosen = new ArrayList<>();
        for (List<Integer> members : byClass) {
            Collections.shuffle(members, random);
            chosen.addAll(members.subList(0, perClass));
        }
        Collections.sort(chosen);
        byte[] outLabels = new byte[chosen.size()];
        byte[] outImages = new byte[chosen.size() * pixels];
        for (int k = 0; k < chosen.size(); k++) {
            outLabels[k] = labels[chosen.get(k)];
            System.arraycopy(images, chosen.get(k) * pixels, outImages, k * pixels, pixels);
        }
        int side = (int) Math.round(Math.sqrt(pixels));
        write(target.resolve(part + "-labels-idx1-ubyte.gz"), 0x801, new int[] {chosen.size()}, outLabels);
        write(target.resolve(part + "-images-idx3-ubyte.gz"), 0x803, new int[] {chosen.size(), side, side}, outImages);
    }

    /** The bytes after the header of a gzipped IDX file, checking the magic number. */
    private static byte[] payload(Path file, int magic, int rank) throws IOException {
        try (DataInputStream in = new DataInputStream(new GZIPInputStream(Files.newInputStream(file), 1 << 16))) {
            if (in.readInt() != magic) {
                throw new IOException(file + ": not an IDX file with magic " + Integer.toHexString(magic));
            }
            long values = 1;
            for (int d = 0; d < rank; d++) {
                values *= in.readInt();
            }
            byte[] data = new byte[(int) values];
            in.readFully(data);
            return data;
        }
    }

    private static void write(Path file, int magic, int[] dims, byte[] data) throws IOException {
        try (OutputStream raw = Files.newOutputStream(file);
             GZIPOutputStream gz = new GZIPOutputStream(raw, 1 << 16) {
                 { def.setLevel(Deflater.BEST_COMPRESSION); }
             };
             DataOutputStream out = new DataOutputStream(new BufferedOutputStream(gz))) {
            out.writeInt(magic);
            for (int d : dims) {
                out.writeInt(d);
            }
            out.write(data);
        }
    }
}
