package dev.netwright.runtime.design;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AtomicFilesTest {
    private static final byte[] NEW = "new".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    @AfterEach
    void letTheTempDirBeDeleted() throws IOException {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
    }

    private Path fileWith(String name, String content, String permissions) throws IOException {
        Path file = Files.writeString(dir.resolve(name), content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
        return file;
    }

    @Test
    void aReadOnlyFileIsRefusedAndLeftAsItWas() throws Exception {
        Path file = fileWith("m.netwright.json", "old", "r--r--r--");
        assertThatThrownBy(() -> AtomicFiles.write(file, NEW))
                .isInstanceOf(ReadOnlyFileException.class)
                .hasMessage(file + " is read-only");
        assertThat(file).hasContent("old");
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("r--r--r--"));
    }

    @Test
    void aFileInAFolderWithoutWritePermissionIsRefused() throws Exception {
        Path file = fileWith("m.netwright.json", "old", "rw-r--r--");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("r-xr-xr-x"));
        assertThatThrownBy(() -> AtomicFiles.write(file, NEW))
                .isInstanceOf(ReadOnlyFileException.class)
                .hasMessage(file + " is in a read-only folder (" + dir + ")");
        assertThat(file).hasContent("old");
        assertThatThrownBy(() -> AtomicFiles.write(dir.resolve("fresh.json"), NEW))
                .isInstanceOf(ReadOnlyFileException.class);
    }

    @Test
    void theReplacedFileKeepsItsPermissions() throws Exception {
        Path file = fileWith("shared.netwright.json", "old", "rw-rw-r--");
        AtomicFiles.write(file, NEW);
        assertThat(file).hasContent("new");
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-rw-r--"));
    }

    @Test
    void aNewFileIsReadableByOthersAsAnEditorWouldLeaveIt() throws Exception {
        // before: a new file kept the temporary file's rw------- (0600)
        Path file = dir.resolve("new.netwright.json");
        AtomicFiles.write(file, "new".getBytes(StandardCharsets.UTF_8));

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-r--r--");
    }

    @Test
    void aSymlinkIsWrittenThroughAndStaysALink() throws Exception {
        Path target = fileWith("real.netwright.json", "old", "rw-r-----");
        Path link = Files.createSymbolicLink(dir.resolve("link.netwright.json"), target.getFileName());
        AtomicFiles.write(link, NEW);
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(target).hasContent("new");
        assertThat(Files.getPosixFilePermissions(target)).isEqualTo(PosixFilePermissions.fromString("rw-r-----"));
    }

    @Test
    void aSymlinkToAReadOnlyFileIsRefusedNamingTheLink() throws Exception {
        Path target = fileWith("real.netwright.json", "old", "r--r--r--");
        Path link = Files.createSymbolicLink(dir.resolve("link.netwright.json"), target);
        assertThatThrownBy(() -> AtomicFiles.write(link, NEW))
                .isInstanceOf(ReadOnlyFileException.class)
                .hasMessageStartingWith(link + " is read-only");
        assertThat(target).hasContent("old");
    }

    @Test
    void aFolderIsNotReplacedByAFile() throws Exception {
        Path folder = Files.createDirectory(dir.resolve("m.netwright.json"));
        assertThatThrownBy(() -> AtomicFiles.write(folder, NEW))
                .isInstanceOf(IOException.class)
                .hasMessage(folder + ": is a folder, not a file");
        assertThat(folder).isDirectory();
    }

    @Test
    void aNamedPipeIsNotReplacedByAFile() throws Exception {
        Path pipe = dir.resolve("m.netwright.json");
        Pipes.make(pipe);
        assertThatThrownBy(() -> AtomicFiles.write(pipe, NEW))
                .isInstanceOf(IOException.class)
                .hasMessage(pipe + ": is not a regular file (a named pipe)");
        assertThat(Files.isRegularFile(pipe)).isFalse();
    }

    @Test
    void aFailedWriteLeavesTheOldFileByteIdenticalAndNoTemporaryFile() throws Exception {
        Path file = fileWith("m.netwright.json", "old", "rw-r--r--");
        assertThatThrownBy(() -> AtomicFiles.copy(dir.resolve("missing"), file)).isInstanceOf(IOException.class);
        assertThat(file).hasContent("old");
        try (var listing = Files.list(dir)) {
            assertThat(listing).containsExactly(file);
        }
    }
}
