package dev.netwright.runtime.weights;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class NpzArchiveTest {
    @TempDir
    Path dir;

    private static Map<String, INDArray> sample() {
        Map<String, INDArray> arrays = new LinkedHashMap<>();
        arrays.put("conv1/W", Nd4j.linspace(1, 24, 24, DataType.FLOAT).reshape(2, 3, 2, 2));
        arrays.put("dense1/b", Nd4j.createFromArray(0.5f, -1.25f, 3f));
        return arrays;
    }

    @Test
    void arraysComeBackWithTheirNamesShapesAndValuesInOrder() throws IOException {
        Path file = dir.resolve("weights.npz");
        NpzArchive.write(file, sample());

        Map<String, INDArray> read = NpzArchive.read(file);

        assertThat(read.keySet()).containsExactly("conv1/W", "dense1/b");
        assertThat(read.get("conv1/W").shape()).containsExactly(2, 3, 2, 2);
        assertThat(read.get("conv1/W").getFloat(1, 2, 1, 0)).isEqualTo(sample().get("conv1/W").getFloat(1, 2, 1, 0));
        assertThat(read.get("dense1/b").toFloatVector()).containsExactly(0.5f, -1.25f, 3f);
    }

    @Test
    void numpyReadsTheFileAsAnNpz() throws Exception {
        Path python = Path.of("/usr/bin/python3");
        assumeTrue(Files.isExecutable(python), "skipped: Debian's /usr/bin/python3 is not installed");
        Process probe = new ProcessBuilder(python.toString(), "-c", "import numpy").redirectErrorStream(true).start();
        assumeTrue(probe.waitFor(60, TimeUnit.SECONDS) && probe.exitValue() == 0, "skipped: numpy is not installed");
        Path file = dir.resolve("weights.npz");
        NpzArchive.write(file, sample());

        Process run = new ProcessBuilder(python.toString(), "-c",
                "import numpy, sys; a = numpy.load(sys.argv[1]); "
                        + "print(sorted(a.files), a['conv1/W'].shape, a['conv1/W'][1, 2, 1, 0], a['dense1/b'].tolist())",
                file.toString()).redirectErrorStream(true).start();
        String out = new String(run.getInputStream().readAllBytes()).strip();
        assertThat(run.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(out).isEqualTo("['conv1/W', 'dense1/b'] (2, 3, 2, 2) "
                + sample().get("conv1/W").getFloat(1, 2, 1, 0) + " [0.5, -1.25, 3.0]");
    }

    @Test
    void aTruncatedArchiveIsRefusedWithItsName() throws IOException {
        Path file = dir.resolve("weights.npz");
        NpzArchive.write(file, sample());
        byte[] whole = Files.readAllBytes(file);
        Path cut = dir.resolve("cut.npz");
        Files.write(cut, java.util.Arrays.copyOf(whole, whole.length / 2));

        assertThatThrownBy(() -> NpzArchive.read(cut)).isInstanceOf(IOException.class).hasMessageContaining(cut.toString());
    }

    @Test
    void aFileThatIsNotAnArchiveIsRefused() throws IOException {
        Path file = dir.resolve("model.npz");
        Files.writeString(file, "{\"formatVersion\": 1}");

        assertThatThrownBy(() -> NpzArchive.read(file)).isInstanceOf(IOException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("not an .npz archive");
    }

    @Test
    void anEntryWhoseDataIsShortIsRefusedNamingTheEntry() throws IOException {
        Path file = dir.resolve("short.npz");
        byte[] npy = Nd4j.toNpyByteArray(Nd4j.createFromArray(1f, 2f, 3f, 4f));
        try (var zip = new java.util.zip.ZipOutputStream(Files.newOutputStream(file))) {
            zip.putNextEntry(new java.util.zip.ZipEntry("dense1/W.npy"));
            zip.write(java.util.Arrays.copyOf(npy, npy.length - 4));
            zip.closeEntry();
        }

        assertThatThrownBy(() -> NpzArchive.read(file)).isInstanceOf(IOException.class)
                .hasMessageContaining("entry 'dense1/W.npy'").hasMessageContaining("truncated");
    }

    @Test
    void anArchiveUnpackingToMoreThanTheLimitIsRefusedBeforeItIsAllAllocated(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("big.npz");
        NpzArchive.write(file, Map.of("w", Nd4j.zeros(DataType.FLOAT, 1024)));

        assertThat(NpzArchive.read(file, 8192)).containsKey("w");
        assertThatThrownBy(() -> NpzArchive.read(file, 1024)).isInstanceOf(IOException.class)
                .hasMessageContaining("big.npz: its arrays unpack to more than").hasMessageContaining("at entry 'w.npy'");
    }
}
