package dev.netwright.runtime.train;

import dev.netwright.runtime.compile.DesignCompiler;
import dev.netwright.runtime.compile.TrainingSettings;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serial;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Model zips are read without deserialising anything and without trusting their sizes (issue 13, items 1 and 2). */
class ModelZipTest {
    @TempDir
    Path dir;

    private ComputationGraph graph;

    @BeforeEach
    void trainOneStep() throws Exception {
        graph = new DesignCompiler().compile(TrainingSessionTest.smallNet(), TrainingSettings.defaults()).newNetwork();
        graph.fit(new org.nd4j.linalg.dataset.DataSet(Nd4j.rand(DataType.FLOAT, 4, 1, 8, 8),
                Nd4j.eye(3).getRows(0, 1, 2, 0).castTo(DataType.FLOAT)));
        Tripwire.triggered = false;
    }

    @Test
    void aModelItWroteReadsBackWithItsParametersAndUpdaterState() throws Exception {
        Path zip = dir.resolve("model.zip");
        ModelZip.write(graph, zip);

        ComputationGraph read = ModelZip.read(zip, true);

        assertThat(read.params()).isEqualTo(graph.params());
        assertThat(read.getUpdater().getStateViewArray()).isEqualTo(graph.getUpdater().getStateViewArray());
        assertThat(ModelZip.read(zip, false).params()).isEqualTo(graph.params());
    }

    @Test
    void aPreprocessorEntryIsRefusedWithoutDeserialisingIt() throws Exception {
        Path zip = withExtraEntry("preprocessor.bin", serialised(new Tripwire()));

        assertThatThrownBy(() -> ModelZip.read(zip, true)).isInstanceOf(ModelFileException.class)
                .hasMessageContaining("preprocessor.bin").hasMessageContaining("never writes");
        assertThat(Tripwire.triggered).isFalse();
    }

    @Test
    void resumingFromACraftedCheckpointIsRefusedWithoutDeserialisingIt() throws Exception {
        // Before ModelZip, Checkpoints.restore went through DL4J's ModelSerializer, which ran Tripwire.readObject.
        Path checkpoints = Files.createDirectories(dir.resolve("checkpoints"));
        Path zip = withExtraEntry("preprocessor.bin", serialised(new Tripwire()));
        Files.move(zip, checkpoints.resolve("epoch-001.zip"));
        Files.writeString(checkpoints.resolve("epoch-001.txt"), "epoch=1\niteration=3\n");

        assertThatThrownBy(() -> Checkpoints.restore(checkpoints.resolve("epoch-001.zip")))
                .isInstanceOf(RunFailure.class).hasMessageContaining("preprocessor.bin");
        assertThat(Tripwire.triggered).isFalse();
    }

    @Test
    void anyEntryNetwrightDoesNotWriteIsRefused() throws Exception {
        Path zip = withExtraEntry("normalizer.bin", new byte[] {1, 2, 3});

        assertThatThrownBy(() -> ModelZip.read(zip, false)).isInstanceOf(ModelFileException.class)
                .hasMessageContaining("normalizer.bin");
    }

    @Test
    void anEntryLargerThanItsConfigurationAllowsIsRefusedBeforeItIsReadWhole() throws Exception {
        // 64 MB of zeros that deflate to ~64 KB: the small net's coefficients may hold ~9 KB
        Path zip = rewritten(Map.of(ModelZip.COEFFICIENTS, new byte[64 << 20]));

        assertThatThrownBy(() -> ModelZip.read(zip, false)).isInstanceOf(ModelFileException.class)
                .hasMessageContaining("coefficients.bin holds more than");
    }

    @Test
    void anArrayHeaderClaimingMoreValuesThanTheConfigurationIsRefusedBeforeNd4jAllocates() throws Exception {
        Path zip = rewritten(Map.of(ModelZip.COEFFICIENTS, arrayHeader(2_000_000_000L)));

        assertThatThrownBy(() -> ModelZip.read(zip, false)).isInstanceOf(ModelFileException.class)
                .hasMessageContaining("coefficients.bin");
    }

    @Test
    void anArrayWhoseStridesPointOutsideItsDataIsRefused() throws Exception {
        // found by FuzzTest: a stride of 12,386,305 made ND4J read far outside the 67 values, until the JVM ran out
        Path original = dir.resolve("model.zip");
        ModelZip.write(graph, original);
        byte[] coefficients = entries(original).get(ModelZip.COEFFICIENTS);
        int strideAt = (2 + 16) + 8 + (2 + 4) + 8 + 8; // mode, length, "LONG", then rank and the one dimension
        java.nio.ByteBuffer.wrap(coefficients).putLong(strideAt, 0xbd0001L);
        Path zip = rewritten(Map.of(ModelZip.COEFFICIENTS, coefficients));

        assertThatThrownBy(() -> ModelZip.read(zip, false)).isInstanceOf(ModelFileException.class)
                .hasMessageContaining("coefficients.bin is damaged");
    }

    @Test
    void anUpdaterStateOfTheWrongSizeIsRefused() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Nd4j.write(Nd4j.zeros(DataType.FLOAT, 1, 7), new DataOutputStream(bytes));
        Path zip = rewritten(Map.of(ModelZip.UPDATER, bytes.toByteArray()));

        assertThatThrownBy(() -> ModelZip.read(zip, true)).isInstanceOf(ModelFileException.class)
                .hasMessageContaining("updater state holds 7 values");
    }

    @Test
    void aConfigurationNamingAClassOutsideDl4jIsRefusedBeforeDl4jReadsIt() throws Exception {
        Path original = dir.resolve("model.zip");
        ModelZip.write(graph, original);
        String configuration = new String(entries(original).get(ModelZip.CONFIGURATION), StandardCharsets.UTF_8);
        String crafted = configuration.replaceFirst("\"@class\"\\s*:\\s*\"[^\"]+\"",
                "\"@class\" : \"com.sun.rowset.JdbcRowSetImpl\"");
        assertThat(crafted).isNotEqualTo(configuration);
        Path zip = rewritten(Map.of(ModelZip.CONFIGURATION, crafted.getBytes(StandardCharsets.UTF_8)));

        assertThatThrownBy(() -> ModelZip.read(zip, false)).isInstanceOf(ModelFileException.class)
                .hasMessageContaining("com.sun.rowset.JdbcRowSetImpl");
    }

    @Test
    void filesThatAreNotModelsSayWhatTheyAre() throws Exception {
        Path text = Files.writeString(dir.resolve("notes.zip"), "not a zip");
        Path empty = dir.resolve("empty.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(empty))) {
            out.putNextEntry(new ZipEntry(ModelZip.UPDATER));
        }

        assertThatThrownBy(() -> ModelZip.read(text, false)).hasMessageContaining("not a readable zip");
        assertThatThrownBy(() -> ModelZip.read(empty, false)).hasMessageContaining("has no configuration.json");
        assertThatThrownBy(() -> ModelZip.read(dir.resolve("absent.zip"), false)).hasMessageContaining("no such file");
        assertThatThrownBy(() -> ModelZip.read(dir, false)).hasMessageContaining("not a regular file");
    }

    // ---------------------------------------------------------------- crafting files

    /** A serialisable class that records whether anything deserialised it. */
    static final class Tripwire implements Serializable {
        @Serial
        private static final long serialVersionUID = 1L;
        static volatile boolean triggered;

        @Serial
        private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
            in.defaultReadObject();
            triggered = true;
        }
    }

    private static byte[] serialised(Object object) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(object);
        }
        return bytes.toByteArray();
    }

    /** An ND4J float array header that announces {@code values} values but holds none. */
    private static byte[] arrayHeader(long values) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeUTF("MIXED_DATA_TYPES");
        out.writeLong(6);
        out.writeUTF("LONG");
        for (long v : new long[] {1, values, 1, 8192, 1, 'c'}) {
            out.writeLong(v);
        }
        out.writeUTF("MIXED_DATA_TYPES");
        out.writeLong(values);
        out.writeUTF("FLOAT");
        out.flush();
        return bytes.toByteArray();
    }

    private Path withExtraEntry(String name, byte[] content) throws IOException {
        Path original = dir.resolve("original.zip");
        ModelZip.write(graph, original);
        Map<String, byte[]> entries = entries(original);
        entries.put(name, content);
        return zip(entries);
    }

    private Path rewritten(Map<String, byte[]> replacements) throws IOException {
        Path original = dir.resolve("original.zip");
        ModelZip.write(graph, original);
        Map<String, byte[]> entries = entries(original);
        entries.putAll(replacements);
        return zip(entries);
    }

    private static Map<String, byte[]> entries(Path zip) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipFile file = new ZipFile(zip.toFile())) {
            for (ZipEntry entry : java.util.Collections.list(file.entries())) {
                entries.put(entry.getName(), file.getInputStream(entry).readAllBytes());
            }
        }
        return entries;
    }

    private Path zip(Map<String, byte[]> entries) throws IOException {
        Path zip = Files.createTempFile(dir, "crafted", ".zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                out.putNextEntry(new ZipEntry(entry.getKey()));
                out.write(entry.getValue());
            }
        }
        return zip;
    }
}
