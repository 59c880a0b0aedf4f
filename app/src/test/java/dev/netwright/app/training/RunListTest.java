package dev.netwright.app.training;

import dev.netwright.runtime.sweep.Experiment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class RunListTest {
    @TempDir
    Path runs;

    @Test
    void aSweepsTrialsAreListedAsRunsNamedWithTheirExperiment() throws Exception {
        RunFixtures.finished(runs, "cnn-20261207-060000", 0.8);
        Path experiment = Files.createDirectories(runs.resolve("cnn-sweep-20261207-061000"));
        Files.writeString(experiment.resolve(Experiment.FILE_NAME), "{}");
        RunFixtures.finished(experiment, "trial-001", 0.7);
        RunFixtures.finished(experiment, "trial-002", 0.9);
        Files.createDirectories(experiment.resolve(Experiment.BASE_DIR)); // no events: not a run

        assertThat(RunList.list(runs)).extracting(RunRecord::name).containsExactly(
                "cnn-sweep-20261207-061000/trial-002", "cnn-sweep-20261207-061000/trial-001", "cnn-20261207-060000");
    }

    @Test
    void aFolderOfTrialsWithoutAnExperimentIsNotLookedInto() throws Exception {
        Path other = Files.createDirectories(runs.resolve("notes"));
        RunFixtures.finished(other, "trial-001", 0.7);
        assertThat(RunList.list(runs)).isEmpty();
    }
}
