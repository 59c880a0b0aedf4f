package dev.netwright.runtime.format;

import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.design.DesignFormatException;
import dev.netwright.runtime.design.Pipes;
import dev.netwright.runtime.TestDesigns;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** Design files that are not files, or far too large: refused before anything is read. */
class DesignFileLimitsTest {
    private static final Duration QUICKLY = Duration.ofSeconds(10);

    private final DesignJson json = new DesignJson();

    @TempDir
    Path dir;

    @Test
    void aNamedPipeIsRefusedWithoutBeingOpened() throws Exception {
        Path pipe = Pipes.make(dir.resolve("design.netwright.json"));
        assertTimeoutPreemptively(QUICKLY, () -> assertThatThrownBy(() -> json.read(pipe))
                .isInstanceOf(DesignFormatException.class)
                .hasMessage(pipe + ": is not a regular file (a named pipe)"));
    }

    @Test
    void aDeviceIsRefused() {
        Path zero = Path.of("/dev/zero");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(zero), "no /dev/zero here");
        assertTimeoutPreemptively(QUICKLY, () -> assertThatThrownBy(() -> json.read(zero))
                .isInstanceOf(DesignFormatException.class)
                .hasMessage("/dev/zero: is not a regular file (a device)"));
    }

    @Test
    void aFolderIsRefused() {
        assertThatThrownBy(() -> json.read(dir)).isInstanceOf(DesignFormatException.class)
                .hasMessage(dir + ": is a folder, not a design file");
    }

    @Test
    void aHugeFileIsRefusedWithBothSizes() throws Exception {
        Path huge = dir.resolve("huge.netwright.json");
        try (RandomAccessFile file = new RandomAccessFile(huge.toFile(), "rw")) {
            file.setLength(3L * 1024 * 1024 * 1024); // sparse: takes no disk space
        }
        assertTimeoutPreemptively(QUICKLY, () -> assertThatThrownBy(() -> json.read(huge))
                .isInstanceOf(DesignFormatException.class)
                .hasMessage(huge + ": is too large for a design file (3 GiB; the limit is 32 MiB)"));
    }

    @Test
    void aFileOneByteOverTheLimitIsRefusedAndOneAtTheLimitIsRead() throws Exception {
        Path over = dir.resolve("over.netwright.json");
        try (RandomAccessFile file = new RandomAccessFile(over.toFile(), "rw")) {
            file.setLength(DesignJson.MAX_FILE_BYTES + 1);
        }
        assertThatThrownBy(() -> json.read(over)).hasMessageContaining("is too large for a design file");

        String design = json.write(TestDesigns.start().vector(4).output());
        Path padded = Files.writeString(dir.resolve("padded.netwright.json"),
                design + " ".repeat((int) DesignJson.MAX_FILE_BYTES - design.length()));
        assertThat(Files.size(padded)).isEqualTo(DesignJson.MAX_FILE_BYTES);
        assertThat(json.read(padded).nodes()).hasSize(2);
    }

    @Test
    void aSymlinkToADesignIsReadThroughTheLink() throws Exception {
        Design design = TestDesigns.start().vector(4).output();
        Path real = dir.resolve("real.netwright.json");
        json.write(design, real);
        Path link = Files.createSymbolicLink(dir.resolve("link.netwright.json"), real);
        assertThat(json.read(link)).isEqualTo(design);
    }
}
