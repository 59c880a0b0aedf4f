package dev.netwright.cluster.spark;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RunFolderZipTest {
    @TempDir
    Path dir;

    @Test
    void aRunFolderComesBackWithItsSubfoldersReplacingWhatWasThere() throws Exception {
        Path from = Files.createDirectories(dir.resolve("executor/checkpoints"));
        Files.writeString(dir.resolve("executor/run.json"), "{}");
        Files.write(from.resolve("epoch-001.zip"), new byte[] {1, 2, 3});
        Path to = Files.createDirectories(dir.resolve("driver"));
        Files.writeString(to.resolve("run.json"), "old");
        Files.writeString(to.resolve("notes.txt"), "mine");

        RunFolderZip.unzip(RunFolderZip.zip(dir.resolve("executor")), to);

        assertThat(to.resolve("run.json")).hasContent("{}");
        assertThat(to.resolve("checkpoints/epoch-001.zip")).hasBinaryContent(new byte[] {1, 2, 3});
        assertThat(to.resolve("notes.txt")).hasContent("mine");
        try (var files = Files.list(to)) {
            assertThat(files.map(p -> p.getFileName().toString())).doesNotContain("run.json.part");
        }
    }

    @Test
    void anEntryLeavingTheFolderIsRefused() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("../outside.txt"));
            zip.write(1);
            zip.closeEntry();
        }
        assertThatThrownBy(() -> RunFolderZip.unzip(bytes.toByteArray(), dir.resolve("run")))
                .hasMessageContaining("names a file outside it: ../outside.txt");
        assertThat(dir.resolve("outside.txt")).doesNotExist();
    }

    @Test
    void aFolderAtTheBoundsIsCarried() throws Exception {
        Path from = runFolder(3, 10);

        RunFolderZip.unzip(RunFolderZip.zip(from, new RunFolderZip.Limits(30, 3)), dir.resolve("back"),
                new RunFolderZip.Limits(30, 3));

        assertThat(dir.resolve("back/file-2.bin")).hasBinaryContent(new byte[10]);
    }

    @Test
    void aFolderOfMoreFilesThanTheBoundIsRefused() throws Exception {
        Path from = runFolder(4, 1);

        assertThatThrownBy(() -> RunFolderZip.zip(from, new RunFolderZip.Limits(1 << 20, 3)))
                .isInstanceOf(IOException.class)
                .hasMessage("The run folder " + from + " holds more than 3 files, more than a run folder may carry "
                        + "to or from the cluster");
    }

    @Test
    void aFolderOfMoreBytesThanTheBoundIsRefused() throws Exception {
        Path from = runFolder(3, 10);

        assertThatThrownBy(() -> RunFolderZip.zip(from, new RunFolderZip.Limits(25, 100)))
                .isInstanceOf(IOException.class)
                .hasMessage("The run folder " + from + " holds more than 25 bytes of files, more than a run folder "
                        + "may carry to or from the cluster (30 bytes up to file-2.bin)");
    }

    @Test
    void aLinkToAFileOutsideTheFolderIsRefusedNotFollowed() throws Exception {
        Path from = runFolder(1, 1);
        Path secret = Files.writeString(dir.resolve("secret.txt"), "not the run's");
        Files.createSymbolicLink(from.resolve("model.zip"), secret);

        assertThatThrownBy(() -> RunFolderZip.zip(from)).isInstanceOf(IOException.class)
                .hasMessage("The run folder " + from + " holds a link, model.zip, to " + secret.toRealPath()
                        + " outside it: a run folder carries only its own files");
    }

    @Test
    void aLinkToAFolderOutsideTheFolderIsRefused() throws Exception {
        Path from = runFolder(1, 1);
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        Files.createSymbolicLink(from.resolve("checkpoints"), elsewhere);

        assertThatThrownBy(() -> RunFolderZip.zip(from)).isInstanceOf(IOException.class)
                .hasMessageContaining("holds a link, checkpoints, to " + elsewhere.toRealPath() + " outside it");
    }

    @Test
    void aLinkToAFileInsideTheFolderIsCarriedAsThatFile() throws Exception {
        Path from = runFolder(1, 2);
        Files.createSymbolicLink(from.resolve("latest.bin"), from.resolve("file-0.bin"));

        RunFolderZip.unzip(RunFolderZip.zip(from), dir.resolve("back"));

        assertThat(dir.resolve("back/latest.bin")).hasBinaryContent(new byte[2]);
        assertThat(Files.isSymbolicLink(dir.resolve("back/latest.bin"))).isFalse();
    }

    @Test
    void aFolderFromTheClusterOfMoreBytesThanTheBoundIsRefusedAndLeavesNoPart() throws Exception {
        byte[] zipped = RunFolderZip.zip(runFolder(3, 10));
        Path to = dir.resolve("driver");

        assertThatThrownBy(() -> RunFolderZip.unzip(zipped, to, new RunFolderZip.Limits(25, 100)))
                .isInstanceOf(IOException.class)
                .hasMessage("a run folder from the cluster holds more than 25 bytes of files, more than a run folder "
                        + "may carry to or from the cluster (refused at file-2.bin)");
        assertThat(to.resolve("file-2.bin")).doesNotExist();
        assertThat(to.resolve("file-2.bin.part")).doesNotExist();
    }

    @Test
    void aFolderFromTheClusterOfMoreFilesThanTheBoundIsRefused() throws Exception {
        byte[] zipped = RunFolderZip.zip(runFolder(4, 1));

        assertThatThrownBy(() -> RunFolderZip.unzip(zipped, dir.resolve("driver"), new RunFolderZip.Limits(1 << 20, 3)))
                .isInstanceOf(IOException.class)
                .hasMessage("a run folder from the cluster holds more than 3 files, more than a run folder may carry "
                        + "to or from the cluster");
    }

    /** A folder of {@code files} files file-0.bin, file-1.bin, … of {@code bytes} zero bytes each. */
    private Path runFolder(int files, int bytes) throws IOException {
        Path folder = Files.createDirectories(dir.resolve("run"));
        for (int i = 0; i < files; i++) {
            Files.write(folder.resolve("file-" + i + ".bin"), new byte[bytes]);
        }
        return folder;
    }
}
