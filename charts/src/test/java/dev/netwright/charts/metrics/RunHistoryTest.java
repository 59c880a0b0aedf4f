package dev.netwright.charts.metrics;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.netwright.charts.Events;
import dev.netwright.runtime.train.TrainingEvent;
import dev.netwright.runtime.train.TrainingEvents;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RunHistoryTest {
    @TempDir
    Path dir;
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(RunHistory.class);

    @BeforeEach
    void listen() {
        logged.start();
        logger.addAppender(logged);
    }

    @AfterEach
    void stopListening() {
        logger.detachAppender(logged);
    }

    @Test
    void aFinishedRunReadsBackAsItWasSeenLive() throws IOException {
        List<TrainingEvent> events = new ArrayList<>(Events.run(30, 10));
        events.add(Events.evaluation());
        events.add(new TrainingEvent.Finished(3, 30, "model.zip", "all epochs done"));
        RunMetrics live = new RunMetrics();
        events.forEach(live::accept);

        RunMetrics loaded = RunHistory.load(write(events.stream().map(TrainingEvents::toJsonLine).toList()));

        assertThat(loaded.loss().size()).isEqualTo(30);
        assertThat(loaded.smoothedLoss().lastY()).isEqualTo(live.smoothedLoss().lastY());
        assertThat(loaded.validationAccuracy().size()).isEqualTo(3);
        assertThat(loaded.epochBoundaries()).containsExactly(10.0, 20.0, 30.0);
        assertThat(loaded.evaluation().classNames()).containsExactly("cat", "dog", "bird");
        assertThat(loaded.state()).isEqualTo(RunMetrics.State.FINISHED);
        assertThat(loaded.endMessage()).isEqualTo("all epochs done");
        assertThat(logged.list).isEmpty();
    }

    @Test
    void aBrokenLineIsSkippedWithAWarningNamingItsLineAndFile() throws IOException {
        List<String> lines = new ArrayList<>(Events.run(20, 10).stream().map(TrainingEvents::toJsonLine).toList());
        lines.add(5, "{\"type\":\"iteration\",\"epo"); // cut short, as when the worker died mid-write
        lines.add(""); // a trailing blank line is not worth a warning
        Path file = write(lines);

        RunMetrics loaded = RunHistory.load(file);

        assertThat(loaded.loss().size()).isEqualTo(20);
        assertThat(loaded.validationLoss().size()).isEqualTo(2);
        assertThat(logged.list).singleElement().satisfies(event -> {
            assertThat(event.getLevel()).isEqualTo(Level.WARN);
            assertThat(event.getFormattedMessage()).contains("line 6", file.toString());
        });
    }

    @Test
    void aFileOfNothingButBrokenLinesWarnsAFewTimesThenOnceWithTheTotal() throws IOException {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            lines.add("not json " + i);
        }

        RunMetrics loaded = RunHistory.load(write(lines));

        assertThat(loaded.loss().isEmpty()).isTrue();
        assertThat(loaded.state()).isEqualTo(RunMetrics.State.WAITING);
        assertThat(logged.list).hasSize(RunHistory.WARNINGS_PER_FILE + 1);
        assertThat(logged.list.get(RunHistory.WARNINGS_PER_FILE).getFormattedMessage()).contains("Skipped 40 of 40");
    }

    @Test
    void aMissingFileIsAnIOExceptionNamingThePath() {
        Path missing = dir.resolve("run-7").resolve("events.jsonl");

        assertThatThrownBy(() -> RunHistory.load(missing)).isInstanceOf(IOException.class)
                .hasMessageContaining(missing.toString());
    }

    @Test
    void anUnreadableFileIsAnIOExceptionNamingThePath() throws IOException {
        Path notAFile = Files.createDirectory(dir.resolve("events.jsonl"));

        assertThatThrownBy(() -> RunHistory.load(notAFile)).isInstanceOf(IOException.class)
                .hasMessageContaining(notAFile.toString());
    }

    @Test
    void bytesThatAreNotUtf8AreAnIOExceptionNamingThePath() throws IOException {
        Path file = dir.resolve("events.jsonl");
        Files.write(file, new byte[] {'{', (byte) 0xC3, (byte) 0x28, '}', '\n'});

        assertThatThrownBy(() -> RunHistory.load(file)).isInstanceOf(IOException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("line 1");
    }

    private Path write(List<String> lines) throws IOException {
        return Files.write(dir.resolve("events.jsonl"), lines, StandardCharsets.UTF_8);
    }
}
