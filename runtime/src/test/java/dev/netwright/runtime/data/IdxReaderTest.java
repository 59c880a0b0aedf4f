package dev.netwright.runtime.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class IdxReaderTest {
    @TempDir
    Path dir;

    @Test
    void readsRawImagesAsFloatPixelValues() throws Exception {
        Path file = IdxFiles.write(dir.resolve("images"), IdxFiles.images(3, 2, 4));

        IdxImages images = IdxReader.readImages(file);

        assertThat(images.count()).isEqualTo(3);
        assertThat(images.rows()).isEqualTo(2);
        assertThat(images.columns()).isEqualTo(4);
        assertThat(images.pixels()).hasSize(24);
        assertThat(images.pixels()[8 + 5]).isEqualTo(1 * 7 + 5); // image 1, pixel 5
    }

    @Test
    void pixelsAbove127StayPositive() throws Exception {
        byte[] bytes = IdxFiles.idx(IdxReader.IMAGES_MAGIC, new int[] {1, 1, 2}, new byte[] {(byte) 255, (byte) 128});

        IdxImages images = IdxReader.readImages(new ByteArrayInputStream(bytes), "two.idx");

        assertThat(images.pixels()).containsExactly(255f, 128f);
    }

    @Test
    void gzipIsRecognisedByItsMagicBytesNotTheName() throws Exception {
        Path file = IdxFiles.write(dir.resolve("labels-without-gz-suffix"), IdxFiles.gzip(IdxFiles.labels(12, 10)));

        assertThat(IdxReader.readLabels(file)).hasSize(12).startsWith(0, 1, 2).endsWith(0, 1);
    }

    @Test
    void wrongMagicNumberIsNamed() throws Exception {
        Path labels = IdxFiles.write(dir.resolve("train-labels"), IdxFiles.labels(5, 10));

        assertThatThrownBy(() -> IdxReader.readImages(labels))
                .isInstanceOf(DataException.class)
                .hasMessage(labels + ": bad magic number 0x00000801 (expected 0x00000803 for IDX images)");
    }

    @Test
    void labelsMagicNumberIsChecked() throws Exception {
        Path images = IdxFiles.write(dir.resolve("imgs"), IdxFiles.images(2, 2, 2));

        assertThatThrownBy(() -> IdxReader.readLabels(images))
                .hasMessageContaining("bad magic number 0x00000803 (expected 0x00000801 for IDX labels)");
    }

    @Test
    void aTruncatedRawFileGivesTheDeclaredAndTheActualSize() throws Exception {
        byte[] whole = IdxFiles.images(3, 2, 2); // 16 header + 12 pixels
        Path file = IdxFiles.write(dir.resolve("short"), IdxFiles.cut(whole, 20));

        assertThatThrownBy(() -> IdxReader.readImages(file))
                .hasMessage(file + ": the header declares 3 images of 2×2 (28 bytes) but the file holds 20 bytes");
    }

    @Test
    void truncatedGzipSaysWhereTheDataEnds() throws Exception {
        byte[] gz = IdxFiles.gzip(IdxFiles.images(50, 28, 28));
        Path file = IdxFiles.write(dir.resolve("short.gz"), IdxFiles.cut(gz, gz.length / 2));

        assertThatThrownBy(() -> IdxReader.readImages(file))
                .hasMessageContaining(file + ": truncated at byte ")
                .hasMessageContaining("(expected 39,216 bytes)"); // 16 + 50 * 28 * 28
    }

    @Test
    void truncatedHeaderIsReported() throws Exception {
        Path file = IdxFiles.write(dir.resolve("head"), IdxFiles.cut(IdxFiles.labels(3, 2), 6));

        assertThatThrownBy(() -> IdxReader.readLabels(file)).hasMessageEndingWith("truncated at byte 6 (expected 8 bytes)");
    }

    @Test
    void extraBytesAfterTheDataAreRefused() throws Exception {
        byte[] whole = IdxFiles.labels(3, 2);
        Path file = IdxFiles.write(dir.resolve("long"), IdxFiles.cut(whole, whole.length + 1));

        assertThatThrownBy(() -> IdxReader.readLabels(file))
                .hasMessage(file + ": the header declares 3 labels (11 bytes) but the file holds 12 bytes");
    }

    @Test
    void extraBytesAfterTheDataInAGzipAreRefused() throws Exception {
        byte[] whole = IdxFiles.labels(3, 2);
        Path file = IdxFiles.write(dir.resolve("long.gz"), IdxFiles.gzip(IdxFiles.cut(whole, whole.length + 1)));

        assertThatThrownBy(() -> IdxReader.readLabels(file))
                .hasMessage(file + ": more bytes than the header announces (expected 11 bytes)");
    }

    @Test
    void zeroImageSizeInTheHeaderIsRefused() throws Exception {
        byte[] bytes = IdxFiles.idx(IdxReader.IMAGES_MAGIC, new int[] {1, 0, 28}, new byte[0]);

        assertThatThrownBy(() -> IdxReader.readImages(new ByteArrayInputStream(bytes), "zero.idx"))
                .hasMessage("zero.idx: the header gives dimension 1 as 0");
    }

    @Test
    void aRawHeaderThatDeclaresMoreImagesThanTheFileHoldsIsRefusedBeforeReading() throws Exception {
        byte[] header = IdxFiles.idx(IdxReader.IMAGES_MAGIC, new int[] {2_000_000_000, 1, 1}, new byte[0]);
        Path file = IdxFiles.write(dir.resolve("huge-images"), header);

        assertThatThrownBy(() -> IdxReader.readImages(file))
                .isInstanceOf(DataException.class)
                .hasMessage(file + ": the header declares 2,000,000,000 images of 1×1 (2,000,000,016 bytes) but the "
                        + "file holds 16 bytes");
    }

    @Test
    void aRawHeaderThatDeclaresMoreLabelsThanTheFileHoldsIsRefusedBeforeReading() throws Exception {
        byte[] header = IdxFiles.idx(IdxReader.LABELS_MAGIC, new int[] {2_000_000_000}, new byte[] {1, 2});
        Path file = IdxFiles.write(dir.resolve("huge-labels"), header);

        assertThatThrownBy(() -> IdxReader.readLabels(file))
                .hasMessage(file + ": the header declares 2,000,000,000 labels (2,000,000,008 bytes) but the file "
                        + "holds 10 bytes");
    }

    @Test
    void aSmallGzipWhoseHeaderDeclaresHugeDataEndsAsTruncated() throws Exception {
        byte[] header = IdxFiles.idx(IdxReader.IMAGES_MAGIC, new int[] {2_000_000_000, 1, 1}, new byte[] {7});
        Path file = IdxFiles.write(dir.resolve("huge-images.gz"), IdxFiles.gzip(header));

        assertThatThrownBy(() -> IdxReader.readImages(file))
                .hasMessage(file + ": truncated at byte 17 (expected 2,000,000,016 bytes)");
    }

    @Test
    void aHeaderThatNeedsMoreMemoryThanTheProcessHasIsRefusedWithTheFigures() throws Exception {
        assumeTrue(Runtime.getRuntime().maxMemory() < 8L << 30, "this test needs a heap under 8 GB");
        byte[] bytes = IdxFiles.idx(IdxReader.IMAGES_MAGIC, new int[] {2_000_000_000, 1, 1}, new byte[] {1, 2, 3});

        assertThatThrownBy(() -> IdxReader.readImages(new ByteArrayInputStream(bytes), "resource x"))
                .hasMessageStartingWith("resource x: reading 2,000,000,000 images of 1×1 needs 9.3 GiB of memory as "
                        + "floats; this process can hold about ")
                .hasMessageEndingWith(" GiB");
    }

    @Test
    void aShortStreamAllocatesOnlyWhatItRead() throws Exception {
        assumeTrue(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean,
                "this JVM does not count allocated bytes");
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        // 100 million pixels fit the heap, so only reading can show that they are not there
        byte[] bytes = IdxFiles.idx(IdxReader.IMAGES_MAGIC, new int[] {100_000_000, 1, 1}, new byte[] {1, 2, 3, 4});
        long thread = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(thread);

        assertThatThrownBy(() -> IdxReader.readImages(new ByteArrayInputStream(bytes), "resource x"))
                .hasMessageStartingWith("resource x: truncated at byte 20 (expected ");
        assertThat(threads.getThreadAllocatedBytes(thread) - before).isLessThan(16L << 20);
    }

    @Test
    void aGzipFileCutInItsOwnHeaderIsDescribedInWords() throws Exception {
        Path file = IdxFiles.write(dir.resolve("cut.gz"), new byte[] {0x1f, (byte) 0x8b, 8});

        assertThatThrownBy(() -> IdxReader.readLabels(file))
                .hasMessage(file + ": not a readable gzip file (it ends within its gzip header)");
    }

    @Test
    void missingFileIsNamed() {
        Path file = dir.resolve("nothing-here.gz");

        assertThatThrownBy(() -> IdxReader.readLabels(file)).hasMessage(file + ": file not found");
    }

    @Test
    void streamsAreNamedInMessages() {
        byte[] bytes = {0, 0, 8, 3, 0};

        assertThatThrownBy(() -> IdxReader.readImages(new ByteArrayInputStream(bytes), "resource x"))
                .hasMessage("resource x: truncated at byte 5 (expected 16 bytes)");
    }
}
