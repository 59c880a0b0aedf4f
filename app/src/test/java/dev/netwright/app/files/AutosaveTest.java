package dev.netwright.app.files;

import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.design.DesignJson;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class AutosaveTest {
    private static final Instant NOON = Instant.parse("2024-05-01T12:00:00Z");

    @TempDir
    Path dir;

    private Autosave autosave;

    @BeforeEach
    void setUp() {
        autosave = new Autosave(dir, new DesignJson(), Clock.fixed(NOON, ZoneOffset.UTC));
    }

    private Path designFile() {
        return dir.resolve(Autosave.DESIGN_FILE);
    }

    private Path metaFile() {
        return dir.resolve(Autosave.META_FILE);
    }

    @Test
    void nothingPendingInAnEmptyFolder() {
        assertThat(autosave.pending()).isEmpty();
    }

    @Test
    void writtenDesignIsPendingWithItsOriginalFileAndTime() throws Exception {
        Design design = TinyDesigns.named("mnist");
        Path original = dir.resolve("projects/mnist.netwright.json");
        autosave.write(design, original);
        assertThat(autosave.pending()).hasValueSatisfying(r -> {
            assertThat(r.design()).isEqualTo(design);
            assertThat(r.originalFile()).isEqualTo(original);
            assertThat(r.savedAt()).isEqualTo(NOON);
        });
    }

    @Test
    void anUntitledDesignHasNoOriginalFile() throws Exception {
        autosave.write(TinyDesigns.named("new"), null);
        assertThat(autosave.pending()).hasValueSatisfying(r -> assertThat(r.original()).isEmpty());
    }

    @Test
    void metadataNamesTheDesign() throws Exception {
        autosave.write(TinyDesigns.named("mnist"), null);
        assertThat(Files.readString(metaFile())).contains("\"designName\" : \"mnist\"");
    }

    @Test
    void aLaterWriteReplacesTheEarlierOne() throws Exception {
        autosave.write(TinyDesigns.named("first"), null);
        autosave.write(TinyDesigns.named("second"), null);
        assertThat(autosave.pending()).hasValueSatisfying(r -> assertThat(r.design().name()).isEqualTo("second"));
        try (var listing = Files.list(dir)) {
            assertThat(listing).containsExactlyInAnyOrder(designFile(), metaFile());
        }
    }

    @Test
    void holdsCopyOnlyWithBothFilesAndMovesNothing() throws Exception {
        assertThat(autosave.holdsCopy()).isFalse();
        autosave.write(TinyDesigns.named("mnist"), null);
        assertThat(autosave.holdsCopy()).isTrue();
        Files.delete(designFile()); // as a reader sees a write between its two files
        assertThat(autosave.holdsCopy()).isFalse();
        assertThat(metaFile()).as("left where it was").exists();
    }

    @Test
    void clearLeavesNothingPending() throws Exception {
        autosave.write(TinyDesigns.named("mnist"), null);
        autosave.clear();
        assertThat(autosave.pending()).isEmpty();
        autosave.clear(); // clearing twice is fine
    }

    @Test
    void aBrokenDesignIsMovedAsideNotDeleted() throws Exception {
        autosave.write(TinyDesigns.named("mnist"), null);
        Files.writeString(designFile(), "{ torn");
        assertThat(autosave.pending()).isEmpty();
        assertThat(designFile()).doesNotExist();
        assertThat(dir.resolve(Autosave.DESIGN_FILE + Autosave.BROKEN_SUFFIX)).hasContent("{ torn");
        assertThat(dir.resolve(Autosave.META_FILE + Autosave.BROKEN_SUFFIX)).exists();
        assertThat(autosave.pending()).isEmpty();
    }

    @Test
    void brokenMetadataIsMovedAside() throws Exception {
        autosave.write(TinyDesigns.named("mnist"), null);
        Files.writeString(metaFile(), "{\"savedAt\": \"yesterday\"}");
        assertThat(autosave.pending()).isEmpty();
        assertThat(metaFile()).doesNotExist();
        assertThat(dir.resolve(Autosave.DESIGN_FILE + Autosave.BROKEN_SUFFIX)).exists();
    }

    @Test
    void metadataWithoutADesignIsNotOffered() throws Exception {
        autosave.write(TinyDesigns.named("mnist"), null);
        Files.delete(designFile());
        assertThat(autosave.pending()).isEmpty();
        assertThat(metaFile()).doesNotExist();
    }

    @Test
    void aDesignWithoutMetadataIsNotOffered() throws Exception {
        autosave.write(TinyDesigns.named("mnist"), null);
        Files.delete(metaFile());
        assertThat(autosave.pending()).isEmpty();
        assertThat(dir.resolve(Autosave.DESIGN_FILE + Autosave.BROKEN_SUFFIX)).exists();
    }

    @Test
    void writingAfterABrokenCopyWorks() throws Exception {
        Files.writeString(designFile(), "junk");
        Files.writeString(metaFile(), "junk");
        assertThat(autosave.pending()).isEmpty();
        autosave.write(TinyDesigns.named("fresh"), null);
        assertThat(autosave.pending()).isPresent();
    }

    @Test
    void theRecoveryFolderIsCreatedOnWrite() throws Exception {
        Autosave nested = new Autosave(dir.resolve("a/b"));
        nested.write(TinyDesigns.named("x"), null);
        assertThat(nested.pending()).isPresent();
    }
}
