package dev.netwright.runtime.data;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;

/** Writes small IDX files for tests, whole or deliberately broken. */
final class IdxFiles {

    private IdxFiles() {
    }

    /** Image {@code i} has pixel {@code p} = (i * 7 + p) mod 256, so every value is known. */
    static byte[] images(int count, int rows, int cols) throws IOException {
        byte[] pixels = new byte[count * rows * cols];
        for (int i = 0; i < count; i++) {
            for (int p = 0; p < rows * cols; p++) {
                pixels[i * rows * cols + p] = (byte) ((i * 7 + p) % 256);
            }
        }
        return idx(IdxReader.IMAGES_MAGIC, new int[] {count, rows, cols}, pixels);
    }

    /** Labels i mod classes. */
    static byte[] labels(int count, int classes) throws IOException {
        byte[] labels = new byte[count];
        for (int i = 0; i < count; i++) {
            labels[i] = (byte) (i % classes);
        }
        return idx(IdxReader.LABELS_MAGIC, new int[] {count}, labels);
    }

    static byte[] idx(int magic, int[] dims, byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(magic);
        for (int d : dims) {
            out.writeInt(d);
        }
        out.write(data);
        return bytes.toByteArray();
    }

    static byte[] gzip(byte[] raw) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(raw);
        }
        return bytes.toByteArray();
    }

    static byte[] cut(byte[] bytes, int length) {
        return Arrays.copyOf(bytes, length);
    }

    static Path write(Path file, byte[] bytes) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.write(file, bytes);
    }

    /** The four Fashion-MNIST files (gzipped) with small 4×4 images: {@code train} and {@code test} images. */
    static Path fashionMnistFolder(Path dir, int train, int test) throws IOException {
        write(dir.resolve("train-images-idx3-ubyte.gz"), gzip(images(train, 4, 4)));
        write(dir.resolve("train-labels-idx1-ubyte.gz"), gzip(labels(train, 10)));
        write(dir.resolve("t10k-images-idx3-ubyte.gz"), gzip(images(test, 4, 4)));
        write(dir.resolve("t10k-labels-idx1-ubyte.gz"), gzip(labels(test, 10)));
        return dir;
    }
}
