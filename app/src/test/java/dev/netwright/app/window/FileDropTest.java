package dev.netwright.app.window;

import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Which drags the window accepts: exactly one file it can open; the drop itself is in FilesWindowTest. */
class FileDropTest {
    @Test
    void oneDesignFileIsAccepted() {
        assertThat(FileDrop.openable(List.of(new File("/tmp/my cnn.netwright.json")))).contains(Path.of("/tmp/my cnn.netwright.json"));
        assertThat(FileDrop.openable(List.of(new File("/tmp/Model.JSON")))).isPresent();
    }

    @Test
    void severalFilesNoFilesAndFilesTheWindowCannotOpenAreNot() {
        assertThat(FileDrop.openable(List.of(new File("/tmp/a.json"), new File("/tmp/b.json")))).isEmpty();
        assertThat(FileDrop.openable(List.of())).isEmpty();
        assertThat(FileDrop.openable(null)).isEmpty();
        assertThat(FileDrop.openable(List.of(new File("/tmp/notes.txt")))).isEmpty();
        assertThat(FileDrop.openable(List.of(new File("/")))).isEmpty();
    }
}
