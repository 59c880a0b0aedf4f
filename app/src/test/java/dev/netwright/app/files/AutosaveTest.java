package dev.netwright.app.files;

import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.format.DesignJson;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
    void aDesignsWeightsReferenceIsKeptAsItIs() throws Exception {
        // an unsaved design's weights (an import, a run continued from) lie elsewhere: the copy names them absolutely
        Path weights = dir.resolve("elsewhere/cnn-20261201.weights.npz").toAbsolutePath();
        Design design = TinyDesigns.named("cnn").withWeights(weights.toString());
        autosave.write(design, null);
        assertThat(autosave.pending()).hasValueSatisfying(r -> {
            assertThat(r.design().weights()).contains(weights.toString());
            assertThat(r.design()).isEqualTo(design);
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
    void aFailedDesignWriteLeavesTheEarlierCopyWithItsOwnMetadata() throws Exception {
        Path firstFile = dir.resolve("first.netwright.json");
        autosave.write(TinyDesigns.named("first"), firstFile);
        Files.setPosixFilePermissions(designFile(), PosixFilePermissions.fromString("r--r--r--")); // the write fails
        Autosave later = new Autosave(dir, new DesignJson(), Clock.fixed(NOON.plusSeconds(30), ZoneOffset.UTC));
        assertThatThrownBy(() -> later.write(TinyDesigns.named("second"), dir.resolve("second.netwright.json")))
                .isInstanceOf(IOException.class);
        assertThat(later.pending()).hasValueSatisfying(r -> {
            assertThat(r.design().name()).isEqualTo("first");
            assertThat(r.originalFile()).as("the metadata describes the design beside it").isEqualTo(firstFile);
            assertThat(r.savedAt()).isEqualTo(NOON);
        });
    }

    @Test
    void aFailedMetadataWriteNeverOffersADesignUnderAnotherCopysMetadata() throws Exception {
        Path firstFile = dir.resolve("first.netwright.json");
        autosave.write(TinyDesigns.named("first"), firstFile);
        Files.setPosixFilePermissions(metaFile(), PosixFilePermissions.fromString("r--r--r--")); // the write fails
        assertThatThrownBy(() -> autosave.write(TinyDesigns.named("second"), dir.resolve("second.netwright.json")))
                .isInstanceOf(IOException.class);
        autosave.pending().ifPresent(r -> {
            assertThat(r.design().name()).isEqualTo("first");
            assertThat(r.originalFile()).isEqualTo(firstFile);
        });
    }

    @Test
    void aDesignReplacedWithoutItsMetadataIsMovedAsideNotOffered() throws Exception {
        autosave.write(TinyDesigns.named("first"), dir.resolve("first.netwright.json"));
        // A session that ended after writing the next design and before its metadata:
        new DesignJson().write(TinyDesigns.named("second"), designFile());
        assertThat(autosave.pending()).isEmpty();
        assertThat(dir.resolve(Autosave.DESIGN_FILE + Autosave.BROKEN_SUFFIX)).exists();
        assertThat(dir.resolve(Autosave.META_FILE + Autosave.BROKEN_SUFFIX)).exists();
    }

    @Test
    void metadataWithoutADesignHashIsStillRead() throws Exception {
        autosave.write(TinyDesigns.named("mnist"), null);
        Files.writeString(metaFile(), "{ \"formatVersion\" : 1, \"originalFile\" : null, "
                + "\"savedAt\" : \"2024-05-01T12:00:00Z\", \"designName\" : \"mnist\" }"); // as written before the hash
        assertThat(autosave.pending()).hasValueSatisfying(r -> assertThat(r.design().name()).isEqualTo("mnist"));
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
