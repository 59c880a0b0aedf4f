package dev.netwright.runtime.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
    void truncatedFileSaysWhereItEnds() throws Exception {
        byte[] whole = IdxFiles.images(3, 2, 2); // 16 header + 12 pixels
        Path file = IdxFiles.write(dir.resolve("short"), IdxFiles.cut(whole, 20));

        assertThatThrownBy(() -> IdxReader.readImages(file))
                .hasMessage(file + ": truncated at byte 20 (expected 28 bytes)");
    }

    @Test
    void truncatedGzipSaysWhereTheDataEnds() throws Exception {
        byte[] gz = IdxFiles.gzip(IdxFiles.images(50, 28, 28));
        Path file = IdxFiles.write(dir.resolve("short.gz"), IdxFiles.cut(gz, gz.length / 2));

        assertThatThrownBy(() -> IdxReader.readImages(file))
                .hasMessageContaining(file + ": truncated at byte ")
                .hasMessageContaining("(expected " + (16 + 50 * 28 * 28) + " bytes)");
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
                .hasMessage(file + ": more bytes than the header announces (expected 11 bytes)");
    }

    @Test
    void zeroImageSizeInTheHeaderIsRefused() throws Exception {
        byte[] bytes = IdxFiles.idx(IdxReader.IMAGES_MAGIC, new int[] {1, 0, 28}, new byte[0]);

        assertThatThrownBy(() -> IdxReader.readImages(new ByteArrayInputStream(bytes), "zero.idx"))
                .hasMessage("zero.idx: the header gives dimension 1 as 0");
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
