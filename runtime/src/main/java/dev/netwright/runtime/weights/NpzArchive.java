package dev.netwright.runtime.weights;

import dev.netwright.runtime.design.AtomicFiles;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Named arrays in numpy's {@code .npz} layout: a zip holding one {@code NAME.npy} per array, so that the same file is
 * read by {@code numpy.load} in exported Python code and by Netwright. Written atomically; reading checks each entry's
 * npy header before ND4J sees it, so a truncated or foreign file is refused with its name and the entry at fault.
 */
public final class NpzArchive {
    private static final byte[] NPY_MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final String SUFFIX = ".npy";
    /** The most the arrays of one archive may unpack to: 1 GiB, some 250 million float parameters. */
    static final long MAX_BYTES = 1L << 30;

    private NpzArchive() {
    }

    /** Writes {@code arrays} (in their iteration order) to {@code file}, replacing it whole or not at all. */
    public static void write(Path file, Map<String, INDArray> arrays) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, INDArray> entry : arrays.entrySet()) {
                zip.putNextEntry(new ZipEntry(entry.getKey() + SUFFIX));
                zip.write(Nd4j.toNpyByteArray(entry.getValue().dup('c')));
                zip.closeEntry();
            }
        }
        AtomicFiles.write(file, bytes.toByteArray());
    }

    /** The arrays in {@code file}, by name (the entry name without {@code .npy}), in the file's order. */
    public static Map<String, INDArray> read(Path file) throws IOException {
        return read(file, MAX_BYTES);
    }

    /** As {@link #read(Path)}, refusing archives whose arrays together unpack to more than {@code maxBytes}. */
    static Map<String, INDArray> read(Path file, long maxBytes) throws IOException {
        Map<String, INDArray> arrays = new LinkedHashMap<>();
        long left = maxBytes;
        try (InputStream in = Files.newInputStream(file); ZipInputStream zip = new ZipInputStream(in, StandardCharsets.UTF_8)) {
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                String name = entry.getName();
                if (!name.endsWith(SUFFIX)) {
                    throw new IOException(file + ": entry '" + name + "' is not a .npy array");
                }
                // bounded before it is allocated: a small zip may unpack to any size
                byte[] content = zip.readNBytes((int) Math.min(left, Integer.MAX_VALUE - 16) + 1);
                if (content.length > left) {
                    throw new IOException(file + ": its arrays unpack to more than " + maxBytes / (1 << 20)
                            + " MB, more than Netwright reads as weights (at entry '" + name + "')");
                }
                left -= content.length;
                String key = name.substring(0, name.length() - SUFFIX.length());
                checkHeader(file, name, content);
                arrays.put(key, Nd4j.createNpyFromByteArray(content));
            }
        } catch (ZipException | java.io.EOFException e) {
            throw new IOException(file + " is not a readable .npz archive (" + e.getMessage() + ")", e);
        }
        if (arrays.isEmpty()) {
            throw new IOException(file + " holds no arrays: it is not an .npz archive, or an empty one");
        }
        return arrays;
    }

    /** Magic, version and header length, and that the data after the header is as long as the header's shape says. */
    private static void checkHeader(Path file, String entry, byte[] content) throws IOException {
        String where = file + ", entry '" + entry + "'";
        if (content.length < 10 || !startsWithMagic(content)) {
            throw new IOException(where + " is not a .npy array (no NUMPY header)");
        }
        int major = content[6];
        int headerLength;
        int headerStart;
        if (major == 1) {
            headerLength = (content[8] & 0xff) | (content[9] & 0xff) << 8;
            headerStart = 10;
        } else if ((major == 2 || major == 3) && content.length >= 12) {
            headerLength = (content[8] & 0xff) | (content[9] & 0xff) << 8 | (content[10] & 0xff) << 16 | (content[11] & 0xff) << 24;
            headerStart = 12;
        } else {
            throw new IOException(where + " has an npy version Netwright does not read (" + major + ")");
        }
        if (headerLength < 0 || headerStart + headerLength > content.length) {
            throw new IOException(where + " is truncated: its header runs past the end");
        }
        String header = new String(content, headerStart, headerLength, StandardCharsets.ISO_8859_1);
        int itemSize = itemSize(header);
        if (itemSize == 0) {
            throw new IOException(where + " holds a type Netwright does not read: " + header.strip());
        }
        long elements = elements(header, where);
        long expected = elements * itemSize;
        long actual = content.length - (long) headerStart - headerLength;
        if (actual != expected) {
            throw new IOException(where + " is truncated: " + actual + " bytes of data where its shape needs " + expected);
        }
        if (header.contains("'fortran_order': True")) {
            throw new IOException(where + " is in Fortran order; Netwright reads C-order arrays only");
        }
    }

    private static boolean startsWithMagic(byte[] content) {
        for (int i = 0; i < NPY_MAGIC.length; i++) {
            if (content[i] != NPY_MAGIC[i]) {
                return false;
            }
        }
        return true;
    }

    private static int itemSize(String header) {
        if (header.contains("'<f4'")) {
            return 4;
        }
        if (header.contains("'<f8'")) {
            return 8;
        }
        if (header.contains("'<i8'")) {
            return 8;
        }
        if (header.contains("'<i4'")) {
            return 4;
        }
        return 0;
    }

    private static long elements(String header, String where) throws IOException {
        int open = header.indexOf("'shape': (");
        int close = open < 0 ? -1 : header.indexOf(')', open);
        if (close < 0) {
            throw new IOException(where + " has no shape in its header");
        }
        String dims = header.substring(open + "'shape': (".length(), close);
        long elements = 1;
        for (String dim : dims.split(",")) {
            String d = dim.strip();
            if (!d.isEmpty()) {
                try {
                    elements = Math.multiplyExact(elements, Long.parseLong(d));
                } catch (NumberFormatException | ArithmeticException e) {
                    throw new IOException(where + " has a shape Netwright cannot read: (" + dims + ")", e);
                }
            }
        }
        return elements;
    }
}
