package dev.netwright.runtime.data;

import dev.netwright.runtime.layers.Shape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** A data reference that names a pipe, a device, a socket or a folder is refused at once, never opened and read. */
class NotRegularFilesTest {
    private static final Shape FOUR = new Shape.Vector(4);
    private static final Shape IMAGE = new Shape.Image(4, 4, 1);

    @TempDir
    Path dir;

    /** Makes a named pipe; the test is skipped where there is no mkfifo. Opening it for reading would block. */
    private static Path fifo(Path path) throws IOException, InterruptedException {
        Files.createDirectories(path.getParent());
        Process mkfifo;
        try {
            mkfifo = new ProcessBuilder("mkfifo", path.toString()).redirectErrorStream(true).start();
        } catch (IOException e) {
            assumeTrue(false, "mkfifo is not available here: " + e.getMessage());
            throw e;
        }
        assumeTrue(mkfifo.waitFor() == 0, "mkfifo could not make " + path);
        return path;
    }

    @Test
    void aNamedPipeGivenAsCsvIsRefusedWithoutOpeningIt() throws Exception {
        Path pipe = fifo(dir.resolve("data.csv"));

        assertThatThrownBy(() -> DataSources.open("csv:" + pipe, FOUR, 1, 0.2))
                .isInstanceOf(DataException.class)
                .hasMessage(pipe + " is not a regular file (a named pipe); data is read only from regular files");
    }

    @Test
    void aDeviceGivenAsCsvIsRefused() {
        Path zero = Path.of("/dev/zero");
        assumeTrue(Files.exists(zero), "no /dev/zero here");

        assertThatThrownBy(() -> DataSources.open("csv:" + zero, FOUR, 1, 0.2))
                .hasMessage("/dev/zero is not a regular file (a device); data is read only from regular files");
    }

    @Test
    void standardInputIsRefused() {
        Path stdin = Path.of("/dev/stdin");
        assumeTrue(Files.exists(stdin), "no /dev/stdin here");
        assumeFalse(Files.isRegularFile(stdin), "this test's standard input is a regular file");

        assertThatThrownBy(() -> DataSources.open("csv:" + stdin, FOUR, 1, 0.2))
                .hasMessageStartingWith("/dev/stdin is not a regular file (");
    }

    @Test
    void aSocketGivenAsCsvIsRefused() throws Exception {
        Path socket = dir.resolve("data.sock");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));

            assertThatThrownBy(() -> DataSources.open("csv:" + socket, FOUR, 1, 0.2))
                    .hasMessage(socket + " is not a regular file (a socket); data is read only from regular files");
        }
    }

    @Test
    void aFolderGivenAsCsvIsRefused() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("rows.csv"));

        assertThatThrownBy(() -> DataSources.open("csv:" + folder, FOUR, 1, 0.2))
                .hasMessage(folder + " is not a regular file (a folder); data is read only from regular files");
    }

    @Test
    void aNamedPipeGivenAsAnIdxFileIsRefused() throws Exception {
        Path pipe = fifo(dir.resolve("images"));

        assertThatThrownBy(() -> IdxReader.readImages(pipe)).hasMessageStartingWith(pipe + " is not a regular file");
    }

    @Test
    void aNamedPipeInAnIdxFolderIsNotCalledMissing() throws Exception {
        IdxFiles.write(dir.resolve("train-labels-idx1-ubyte"), IdxFiles.labels(4, 2));
        Path pipe = fifo(dir.resolve("train-images-idx3-ubyte"));

        assertThatThrownBy(() -> DataSources.open("idx:" + dir, IMAGE, 1, 0.2))
                .hasMessage(pipe + " is not a regular file (a named pipe); data is read only from regular files");
    }

    @Test
    void aNamedPipeInAFashionMnistFolderIsNotCalledMissing() throws Exception {
        IdxFiles.fashionMnistFolder(dir, 10, 10);
        Files.delete(dir.resolve("t10k-labels-idx1-ubyte.gz"));
        Path pipe = fifo(dir.resolve("t10k-labels-idx1-ubyte"));

        assertThatThrownBy(() -> DataSources.open("fashion-mnist:" + dir, IMAGE, 1, 0.2))
                .hasMessage(pipe + " is not a regular file (a named pipe); data is read only from regular files");
    }

    @Test
    void aNamedPipeNamedLikeAnImageIsRefusedNotSkipped() throws Exception {
        for (String kind : new String[] {"a", "b"}) {
            Path folder = Files.createDirectories(dir.resolve(kind));
            for (int i = 0; i < 2; i++) {
                ImageIO.write(new BufferedImage(4, 4, BufferedImage.TYPE_BYTE_GRAY), "png",
                        folder.resolve(i + ".png").toFile());
            }
        }
        Path pipe = fifo(dir.resolve("a").resolve("2.png"));

        assertThatThrownBy(() -> DataSources.open("images:" + dir, IMAGE, 1, 0.5))
                .hasMessage(pipe + " is not a regular file (a named pipe); data is read only from regular files");
    }
}
