package dev.netwright.runtime.doctor;

import dev.netwright.runtime.train.RunFailure;
import dev.netwright.runtime.train.RunFolder;
import dev.netwright.runtime.train.TrainingEvent;
import dev.netwright.runtime.train.TrainingEvents;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A finished run's sampled signals, read back from its events for the Doctor tab's layer charts. */
class RunFindingsTest {
    @TempDir
    Path runDir;

    static TrainingEvent.Signals sample(long iteration) {
        return new TrainingEvent.Signals(1, iteration, 3, List.of(new TrainingEvent.LayerSignals("dense", "dense",
                "relu", 10, 1, 0.5, 1e-3, 0.2, 0.3, 0, Double.NaN)));
    }

    @Test
    void theSignalsOfARunAreReadInOrderAndALineCutShortIsSkipped() throws Exception {
        Files.write(runDir.resolve(RunFolder.EVENTS), List.of(
                TrainingEvents.toJsonLine(new TrainingEvent.Iteration(1, 1, 1.0, 0.01, 100)),
                TrainingEvents.toJsonLine(sample(1)),
                TrainingEvents.toJsonLine(sample(5)).substring(0, 40), // a crash cut it short
                TrainingEvents.toJsonLine(sample(10))));

        List<TrainingEvent.Signals> signals = RunFindings.signals(new RunFolder(runDir));

        assertThat(signals).containsExactly(sample(1), sample(10));
    }

    @Test
    void aRunWithoutEventsHasNoSignals() {
        assertThat(RunFindings.signals(new RunFolder(runDir.resolve("never-started")))).isEmpty();
    }

    @Test
    void aRecordedFindingsFileWithALineThatIsNotAnEventIsRefusedNamingFileAndLine() throws Exception {
        Files.writeString(runDir.resolve("run.json"), "{}");
        Path doctor = Files.writeString(runDir.resolve(RunFolder.DOCTOR), "not json\n");

        assertThatThrownBy(() -> RunFindings.recorded(new RunFolder(runDir))).isInstanceOf(RunFailure.class)
                .hasMessageStartingWith(doctor + ", line 1: not a training event: ");
    }

    @Test
    void aRecordedFindingsFileWithAnotherEventIsRefusedNamingFileAndLine() throws Exception {
        Files.writeString(runDir.resolve("run.json"), "{}");
        Path doctor = Files.writeString(runDir.resolve(RunFolder.DOCTOR),
                "\n" + TrainingEvents.toJsonLine(sample(1)) + "\n");

        assertThatThrownBy(() -> RunFindings.recorded(new RunFolder(runDir))).isInstanceOf(RunFailure.class)
                .hasMessage(doctor + ", line 2, is not a finding of the training doctor.");
    }
}
