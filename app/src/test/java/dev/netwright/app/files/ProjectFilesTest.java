package dev.netwright.app.files;

import dev.netwright.app.files.DesignOpenException.Problem;
import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.design.DesignFormatException;
import dev.netwright.runtime.weights.DesignWeights;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class ProjectFilesTest {
    @TempDir
    Path temp;

    private final ProjectFiles files = new ProjectFiles();

    @Test
    void savedDesignOpensEqual() throws Exception {
        Design design = TinyDesigns.named("mnist");
        Path file = temp.resolve("sub/mnist.netwright.json");
        files.save(design, file);
        assertThat(files.open(file)).isEqualTo(design);
    }

    @Test
    void saveLeavesNoTemporaryFilesBehind() throws Exception {
        Path file = temp.resolve("a.netwright.json");
        files.save(TinyDesigns.named("a"), file);
        files.save(TinyDesigns.named("b"), file);
        try (var listing = Files.list(temp)) {
            assertThat(listing).containsExactly(file);
        }
    }

    @Test
    void savingOverAReadOnlyFileAsksForAnotherNameAndKeepsTheFile() throws Exception {
        Path file = temp.resolve("locked.netwright.json");
        files.save(TinyDesigns.named("old"), file);
        byte[] before = Files.readAllBytes(file);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--r--r--"));
        assertThatThrownBy(() -> files.save(TinyDesigns.named("new"), file)).isInstanceOfSatisfying(IOException.class, e -> {
            assertThat(e).hasMessage(file + " is read-only; save it under another name (File ▸ Save As)");
            assertThat(ProjectFiles.describe(e)).isEqualTo(e.getMessage());
        });
        assertThat(file).hasBinaryContent(before);
    }

    @Test
    void openingAMissingFileSaysSo() {
        Path file = temp.resolve("gone.netwright.json");
        assertThatThrownBy(() -> files.open(file)).isInstanceOfSatisfying(DesignOpenException.class, e -> {
            assertThat(e.problem()).isEqualTo(Problem.MISSING);
            assertThat(e.file()).isEqualTo(file);
            assertThat(e).hasMessage(file + ": no such file");
        });
    }

    @Test
    void openingAFolderIsUnreadable() {
        assertThatThrownBy(() -> files.open(temp)).isInstanceOfSatisfying(DesignOpenException.class, e -> {
            assertThat(e.problem()).isEqualTo(Problem.UNREADABLE);
            assertThat(e).hasMessageContaining(temp.toString()).hasMessageContaining("folder");
        });
    }

    @Test
    void openingANamedPipeSaysItIsNotARegularFileWithoutHanging() throws Exception {
        Path pipe = temp.resolve("pipe.netwright.json");
        Process mkfifo;
        try {
            mkfifo = new ProcessBuilder("mkfifo", pipe.toString()).start();
        } catch (IOException e) {
            Assumptions.abort("no mkfifo on this system to make a named pipe (" + e.getMessage() + ")");
            return;
        }
        Assumptions.assumeTrue(mkfifo.waitFor() == 0, "mkfifo could not make a named pipe");
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThatThrownBy(() -> files.open(pipe))
                .isInstanceOfSatisfying(DesignOpenException.class, e -> {
                    assertThat(e.problem()).isEqualTo(Problem.UNREADABLE);
                    assertThat(e).hasMessage(pipe + ": is not a regular file (a named pipe)");
                }));
    }

    @Test
    void openingAHugeFileGivesBothSizes() throws Exception {
        Path huge = temp.resolve("huge.netwright.json");
        try (RandomAccessFile file = new RandomAccessFile(huge.toFile(), "rw")) {
            file.setLength(3L * 1024 * 1024 * 1024); // sparse: takes no disk space
        }
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThatThrownBy(() -> files.open(huge))
                .isInstanceOfSatisfying(DesignOpenException.class, e -> {
                    assertThat(e.problem()).isEqualTo(Problem.UNREADABLE);
                    assertThat(e).hasMessage(huge + ": is too large for a design file (3 GiB; the limit is 32 MiB)");
                }));
    }

    @Test
    void brokenJsonKeepsTheFormatMessageNamingTheFile() throws Exception {
        Path file = Files.writeString(temp.resolve("broken.netwright.json"), "{ \"name\": ");
        assertThatThrownBy(() -> files.open(file)).isInstanceOfSatisfying(DesignOpenException.class, e -> {
            assertThat(e.problem()).isEqualTo(Problem.INVALID);
            assertThat(e.getCause()).isInstanceOf(DesignFormatException.class);
            assertThat(e).hasMessage(e.getCause().getMessage()).hasMessageStartingWith(file + ": not valid JSON");
        });
    }

    @Test
    void anInvalidFieldIsNamedInTheMessage() throws Exception {
        Path file = Files.writeString(temp.resolve("odd.netwright.json"),
                TinyDesigns.VALID.replace("\"name\" : \"tiny\"", "\"name\" : \"tiny\", \"colour\" : 1"));
        assertThatThrownBy(() -> files.open(file)).isInstanceOfSatisfying(DesignOpenException.class, e -> {
            assertThat(e.problem()).isEqualTo(Problem.INVALID);
            assertThat(e).hasMessageContaining(file.toString()).hasMessageContaining("colour");
        });
    }

    @Test
    void runsFolderSitsBesideTheDesignWithTheDesignExtensionStripped() {
        Path dir = temp.resolve("projects");
        assertThat(ProjectFiles.runsDir(dir.resolve("mnist.netwright.json"))).isEqualTo(dir.resolve("mnist.runs"));
        assertThat(ProjectFiles.runsDir(dir.resolve("mnist.json"))).isEqualTo(dir.resolve("mnist.runs"));
        assertThat(ProjectFiles.runsDir(dir.resolve("mnist.netwright"))).isEqualTo(dir.resolve("mnist.runs"));
        assertThat(ProjectFiles.runsDir(dir.resolve("mnist.v2.NETWRIGHT.JSON"))).isEqualTo(dir.resolve("mnist.v2.runs"));
    }

    @Test
    void runsFolderOfAnUnknownExtensionKeepsTheWholeName() {
        assertThat(ProjectFiles.runsDir(temp.resolve("model.txt"))).isEqualTo(temp.resolve("model.txt.runs"));
        assertThat(ProjectFiles.runsDir(temp.resolve(".json"))).isEqualTo(temp.resolve(".json.runs"));
    }

    @Test
    void runsFolderOfARelativePathIsAbsolute() {
        assertThat(ProjectFiles.runsDir(Path.of("m.netwright.json")))
                .isEqualTo(Path.of("m.runs").toAbsolutePath());
    }

    @Test
    void displayNameIsTheStemOrUntitled() {
        assertThat(ProjectFiles.displayName(temp.resolve("mnist.netwright.json"))).isEqualTo("mnist");
        assertThat(ProjectFiles.displayName(Path.of("notes.txt"))).isEqualTo("notes.txt");
        assertThat(ProjectFiles.displayName(null)).isEqualTo(ProjectFiles.UNTITLED);
    }

    @Test
    void defaultExtensionIsAddedOnlyWhenMissing() {
        assertThat(ProjectFiles.withDefaultExtension(temp.resolve("m"))).isEqualTo(temp.resolve("m.netwright.json"));
        assertThat(ProjectFiles.withDefaultExtension(temp.resolve("m.json"))).isEqualTo(temp.resolve("m.json"));
        assertThat(ProjectFiles.withDefaultExtension(temp.resolve("m.netwright.json")))
                .isEqualTo(temp.resolve("m.netwright.json"));
    }

    @Test
    void savingADesignWithWeightsIntoAnotherFolderCopiesTheWeightsBesideIt() throws Exception {
        Path weights = Files.write(Files.createDirectories(temp.resolve("first")).resolve("model.weights.npz"),
                new byte[]{1, 2, 3});
        Design design = TinyDesigns.named("model").withWeights(weights.toString());
        Path elsewhere = temp.resolve("second/model.netwright.json");

        files.save(design, elsewhere);

        Path copy = DesignWeights.sidecarFor(elsewhere.toAbsolutePath());
        assertThat(copy).hasBinaryContent(new byte[]{1, 2, 3}).isNotEqualTo(weights);
        assertThat(Files.readString(elsewhere)).contains("\"weights\" : \"" + copy.getFileName() + "\"");
        assertThat(files.open(elsewhere).weights()).contains(copy.toString());
        assertThat(weights).exists();
    }

    @Test
    void weightsThatAreGoneStayNamedAndTheDesignIsStillSaved() throws Exception {
        Path gone = temp.resolve("first/model.weights.npz");
        Path file = temp.resolve("second/model.netwright.json");

        files.save(TinyDesigns.named("model").withWeights(gone.toString()), file);

        assertThat(files.open(file).weights()).contains(gone.toString());
    }
}
