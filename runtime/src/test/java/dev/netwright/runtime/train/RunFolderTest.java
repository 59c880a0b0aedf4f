package dev.netwright.runtime.train;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Run folders are never shared and never overwritten by accident (issue 13, items 5 and 6). */
class RunFolderTest {
    @TempDir
    Path dir;

    @Test
    void runsStartedAtTheSameMomentGetFoldersOfTheirOwn() throws Exception {
        int runs = 8;
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(runs);
        try {
            List<Future<Path>> made = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                made.add(pool.submit(() -> {
                    go.await();
                    return RunFolder.createUnique(dir.resolve("runs"), "cnn-20261205-101500").dir();
                }));
            }
            go.countDown();
            List<Path> folders = new ArrayList<>();
            for (Future<Path> f : made) {
                folders.add(f.get());
            }
            assertThat(folders).doesNotHaveDuplicates().allMatch(Files::isDirectory);
            assertThat(folders).contains(dir.resolve("runs/cnn-20261205-101500"), dir.resolve("runs/cnn-20261205-101500-2"));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aFolderNamedForARunMayBeNewOrEmpty() throws Exception {
        assertThat(RunFolder.claim(dir.resolve("new/run"), false).dir()).isDirectory();
        Path empty = Files.createDirectory(dir.resolve("empty"));
        assertThat(RunFolder.claim(empty, false).dir()).isEqualTo(empty);
    }

    @Test
    void aFolderCanBeClaimedByOneRunOnly() throws Exception {
        Path empty = Files.createDirectory(dir.resolve("empty"));
        RunFolder.claim(empty, false);

        assertThatThrownBy(() -> RunFolder.claim(empty, false)).isInstanceOf(RunFailure.class);
    }

    @Test
    void aFolderHoldingAnEarlierRunIsRefusedUnlessReplaced() throws Exception {
        Path earlier = Files.createDirectories(dir.resolve("earlier/checkpoints"));
        Path run = earlier.getParent();
        Files.writeString(run.resolve(RunRequestJson.FILE_NAME), "{}");
        Files.writeString(run.resolve(RunFolder.MODEL), "old model");
        Files.writeString(earlier.resolve("epoch-001.zip"), "old checkpoint");
        Files.writeString(run.resolve("notes.txt"), "mine");

        assertThatThrownBy(() -> RunFolder.claim(run, false)).isInstanceOf(RunFailure.class)
                .hasMessageContaining("holds an earlier run").hasMessageContaining("--force");
        assertThat(run.resolve(RunFolder.MODEL)).hasContent("old model");

        assertThatThrownBy(() -> RunFolder.claim(run, true)).isInstanceOf(RunFailure.class)
                .hasMessageContaining("not empty"); // notes.txt is not the run's: it stays, and so the folder is not empty
        assertThat(run.resolve("notes.txt")).hasContent("mine");
        assertThat(run.resolve(RunFolder.MODEL)).doesNotExist();
        assertThat(earlier).doesNotExist();

        Files.delete(run.resolve("notes.txt"));
        Files.writeString(run.resolve(RunRequestJson.FILE_NAME), "{}");
        assertThat(RunFolder.claim(run, true).dir()).isEqualTo(run);
    }

    @Test
    void aFolderOfOtherFilesOrAFileIsRefused() throws Exception {
        Path other = Files.createDirectory(dir.resolve("photos"));
        Files.writeString(other.resolve("cat.png"), "x");
        Path file = Files.writeString(dir.resolve("file"), "x");

        assertThatThrownBy(() -> RunFolder.claim(other, false)).hasMessageContaining("not empty");
        assertThatThrownBy(() -> RunFolder.claim(file, false)).hasMessageContaining("is not a folder");
    }

    @Test
    void aVeryLongDesignNameMakesAFolderNameTheFileSystemTakes() throws Exception {
        String slug = RunFolder.slug("A very long name ".repeat(20), "run");

        assertThat(slug).hasSizeLessThanOrEqualTo(RunFolder.MAX_SLUG).doesNotEndWith("-").startsWith("a-very-long-name");
        assertThat(RunFolder.createUnique(dir, slug + "-20261205-101500").dir()).isDirectory();
    }
}
