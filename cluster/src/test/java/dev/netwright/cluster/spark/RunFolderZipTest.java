package dev.netwright.cluster.spark;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
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
}
