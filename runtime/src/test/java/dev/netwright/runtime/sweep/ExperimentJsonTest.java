package dev.netwright.runtime.sweep;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExperimentJsonTest {
    @TempDir
    Path dir;

    private final ExperimentJson json = new ExperimentJson();

    static Experiment sample() {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("lr", 0.001234);
        settings.put("batch", 32);
        settings.put("optimizer", "SGD");
        settings.put("dense1.useBias", false);
        return new Experiment("sample:cnn", "Seed CNN", Experiment.Strategy.HALVING,
                List.of("lr=1e-4..1e-2:log", "batch=32,64"), 3, 7, 3, 9,
                List.of(new Halving.Rung(3, 3), new Halving.Rung(1, 9)),
                List.of(Trial.pending("trial-001", settings).finished(3, 0.81, 0.52, 12.5).inRung(1),
                        Trial.pending("trial-002", settings).failed("conv2: the kernel is larger than its input", 0.5),
                        Trial.pending("trial-003", settings)));
    }

    @Test
    void anExperimentReadsBackAsWritten() throws Exception {
        Experiment experiment = sample();
        json.write(experiment, dir);
        Experiment read = json.read(dir);
        assertThat(read).isEqualTo(experiment);
        assertThat(read.trial("trial-001").settings().get("batch")).isInstanceOf(Integer.class);
        assertThat(read.trial("trial-001").settings().get("lr")).isEqualTo(0.001234);
        assertThat(read.trial("trial-003").bestValidationAccuracy()).isNaN();
        // written again, the file is the same bytes
        String first = Files.readString(dir.resolve(Experiment.FILE_NAME));
        json.write(read, dir);
        assertThat(Files.readString(dir.resolve(Experiment.FILE_NAME))).isEqualTo(first);
        assertThat(first).contains("\"state\" : \"FAILED\"").contains("\"message\" : \"conv2: the kernel");
    }

    @Test
    void theClusterAndASweepWideProblemReadBackAndAreLeftOutWhenAbsent() throws Exception {
        Experiment onCluster = sample().onCluster("spark://127.0.0.1:7077")
                .withProblem("Cannot reach the Spark master spark://127.0.0.1:7077");
        json.write(onCluster, dir);
        assertThat(json.read(dir)).isEqualTo(onCluster);
        assertThat(json.read(dir).with(onCluster.trial("trial-003")).problem()).startsWith("Cannot reach");
        // going on again (on this machine) clears both, and the file says nothing of a cluster
        json.write(onCluster.onCluster(null), dir);
        assertThat(json.read(dir)).isEqualTo(sample());
        assertThat(Files.readString(dir.resolve(Experiment.FILE_NAME))).doesNotContain("cluster").doesNotContain("problem");
    }

    @Test
    void aFolderWithoutAnExperimentOrABrokenFileIsNamed() throws Exception {
        assertThatThrownBy(() -> json.read(dir)).hasMessageContaining("holds no experiment");
        Files.writeString(dir.resolve(Experiment.FILE_NAME), "{ \"formatVersion\" : 1 }");
        assertThatThrownBy(() -> json.read(dir)).hasMessageContaining("missing field 'params'");
        Files.writeString(dir.resolve(Experiment.FILE_NAME), "{ \"formatVersion\" : 9 }");
        assertThatThrownBy(() -> json.read(dir)).hasMessageContaining("format version 9");
        try (java.io.RandomAccessFile huge = new java.io.RandomAccessFile(dir.resolve(Experiment.FILE_NAME).toFile(), "rw")) {
            huge.setLength(ExperimentJson.MAX_FILE_BYTES + 1); // sparse: nothing is written, and nothing may be read
        }
        assertThatThrownBy(() -> json.read(dir)).hasMessageContaining(Experiment.FILE_NAME)
                .hasMessageContaining("more than the 32 MB");
    }

    @Test
    void rankedPutsTheBestFirstAndTrialsWithoutResultsLast() {
        Experiment experiment = sample();
        assertThat(experiment.ranked()).extracting(Trial::id).containsExactly("trial-001", "trial-002", "trial-003");
        assertThat(experiment.isOver()).isFalse();
    }
}
