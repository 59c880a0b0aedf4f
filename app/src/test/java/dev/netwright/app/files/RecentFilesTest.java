package dev.netwright.app.files;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RecentFilesTest {
    @TempDir
    Path temp;

    private Path store;
    private RecentFiles recent;

    @BeforeEach
    void setUp() {
        store = temp.resolve("home/recent.json");
        recent = new RecentFiles(store);
    }

    private Path design(String name) throws IOException {
        return Files.writeString(temp.resolve(name + ".netwright.json"), "{}");
    }

    @Test
    void emptyWhenNothingWasStored() {
        assertThat(recent.list()).isEmpty();
        assertThat(store).doesNotExist();
    }

    @Test
    void newestIsFirstAndSurvivesANewInstance() throws Exception {
        Path a = design("a");
        Path b = design("b");
        recent.add(a);
        recent.add(b);
        assertThat(new RecentFiles(store).list()).containsExactly(b, a);
    }

    @Test
    void addingAgainMovesToTheFrontWithoutDuplicating() throws Exception {
        Path a = design("a");
        Path b = design("b");
        recent.add(a);
        recent.add(b);
        recent.add(temp.resolve("x/../a.netwright.json"));
        assertThat(recent.list()).containsExactly(a, b);
    }

    @Test
    void relativePathsAreStoredAbsolute() throws Exception {
        Path a = design("a");
        Path relative = Path.of("").toAbsolutePath().relativize(a);
        recent.add(relative);
        assertThat(recent.list()).containsExactly(a);
    }

    @Test
    void keepsAtMostTenNewest() throws Exception {
        List<Path> added = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            added.add(design("d" + i));
            recent.add(added.get(i));
        }
        assertThat(recent.list()).hasSize(RecentFiles.MAX_ENTRIES)
                .startsWith(added.get(11)).endsWith(added.get(2)).doesNotContain(added.get(0), added.get(1));
    }

    @Test
    void filesThatNoLongerExistAreNotListed() throws Exception {
        Path a = design("a");
        Path b = design("b");
        recent.add(a);
        recent.add(b);
        Files.delete(a);
        assertThat(recent.list()).containsExactly(b);
    }

    @Test
    void removeDropsOnlyThatEntry() throws Exception {
        Path a = design("a");
        Path b = design("b");
        recent.add(a);
        recent.add(b);
        recent.remove(a);
        recent.remove(temp.resolve("never-added.json"));
        assertThat(recent.list()).containsExactly(b);
    }

    @Test
    void clearEmptiesTheList() throws Exception {
        recent.add(design("a"));
        recent.clear();
        assertThat(new RecentFiles(store).list()).isEmpty();
    }

    @Test
    void aCorruptStoreReadsAsEmpty() throws Exception {
        Files.createDirectories(store.getParent());
        Files.writeString(store, "{ this is not json");
        assertThat(recent.list()).isEmpty();
    }

    @Test
    void aStoreOfTheWrongShapeReadsAsEmpty() throws Exception {
        Files.createDirectories(store.getParent());
        for (String text : List.of("", "null", "[1, 2]", "{\"files\": \"a\"}", "{\"files\": [3]}")) {
            Files.writeString(store, text);
            assertThat(recent.list()).as(text).isEmpty();
        }
    }

    @Test
    void aCorruptStoreIsOverwrittenByTheNextAdd() throws Exception {
        Files.createDirectories(store.getParent());
        Files.writeString(store, "garbage");
        Path a = design("a");
        recent.add(a);
        assertThat(recent.list()).containsExactly(a);
        assertThat(Files.readString(store)).contains("\"files\"");
    }

    @Test
    void anUnwritableStoreIsLoggedNotThrown() throws Exception {
        Path blocker = Files.writeString(temp.resolve("blocker"), "a file where a folder should be");
        RecentFiles unwritable = new RecentFiles(blocker.resolve("recent.json"));
        unwritable.add(design("a"));
        unwritable.clear();
        assertThat(unwritable.list()).isEmpty();
    }
}
