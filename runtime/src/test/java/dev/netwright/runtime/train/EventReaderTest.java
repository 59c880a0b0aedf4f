package dev.netwright.runtime.train;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A run's events read line by line within bounds: what it does with lines too long, cut, not JSON, and files that grow. */
class EventReaderTest {
    private static final TrainingEvent FIRST = new TrainingEvent.Iteration(1, 1, 1.0, 0.01, 100);
    private static final TrainingEvent SECOND = new TrainingEvent.Iteration(1, 2, 0.9, 0.01, 100);
    private static final TrainingEvent THIRD = new TrainingEvent.Iteration(1, 3, 0.8, 0.01, 100);

    @TempDir
    Path dir;

    @Test
    void theEventsAreReadInOrderWithTheirLineNumbersAndBlankLinesSkipped() throws Exception {
        Path file = write(line(FIRST) + "\n\n" + line(SECOND) + "\r\n");

        try (EventReader reader = EventReader.open(file)) {
            EventReader.Line first = reader.next();
            EventReader.Line second = reader.next();
            assertThat(first.event()).isEqualTo(FIRST);
            assertThat(first.number()).isEqualTo(1);
            assertThat(second.event()).isEqualTo(SECOND);
            assertThat(second.number()).isEqualTo(3);
            assertThat(second.cut()).isFalse();
            assertThat(reader.next()).isNull();
        }
    }

    @Test
    void aLineLongerThanTheBoundIsNotKeptAndTheLinesAfterItAreRead() throws Exception {
        Path file = write(line(FIRST) + "\n" + "x".repeat(5_000) + "\n" + line(SECOND) + "\n");
        List<String> bad = new ArrayList<>();

        List<TrainingEvent> events;
        try (EventReader reader = EventReader.open(file, new EventReader.Limits(1_000, 1 << 20))) {
            events = eventsOf(reader, bad);
        }

        assertThat(events).containsExactly(FIRST, SECOND);
        assertThat(bad).singleElement().asString().contains(file + ", line 2: it is 5000 bytes long, more than the 1000 bytes");
    }

    @Test
    void aLastLineCutMidWriteIsSaidToBeCutAndAWholeOneWithoutItsNewlineIsRead() throws Exception {
        Path cut = write(line(FIRST) + "\n" + line(SECOND).substring(0, 20));
        Path whole = Files.writeString(dir.resolve("whole.jsonl"), line(FIRST) + "\n" + line(SECOND));

        try (EventReader reader = EventReader.open(cut)) {
            assertThat(reader.next().event()).isEqualTo(FIRST);
            EventReader.Line last = reader.next();
            assertThat(last.cut()).isTrue();
            assertThatThrownBy(last::event).isInstanceOf(EventReader.BadLine.class)
                    .hasMessage(cut + ", line 2: it is cut short (the file ends in it: its run may still be writing it)");
        }
        assertThat(EventReader.readAll(whole, bad -> {
            throw new AssertionError(bad);
        })).containsExactly(FIRST, SECOND);
    }

    @Test
    void aLineThatIsNotJsonIsNamedByFileAndLine() throws Exception {
        Path file = write(line(FIRST) + "\n" + "Added differentiated op\n" + line(SECOND) + "\n");
        List<String> bad = new ArrayList<>();

        List<TrainingEvent> events = EventReader.readAll(file, notAnEvent -> bad.add(notAnEvent.getMessage()));

        assertThat(events).containsExactly(FIRST, SECOND);
        assertThat(bad).singleElement().asString().startsWith(file + ", line 2: not a training event: ");
    }

    @Test
    void aMissingFileIsRefusedNamingIt() {
        Path missing = dir.resolve("run-7").resolve(RunFolder.EVENTS);

        assertThatThrownBy(() -> EventReader.open(missing)).isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining(missing.toString()).hasMessageContaining("no events file");
    }

    @Test
    void anEmptyFileHasNoLines() throws Exception {
        Path file = write("");

        try (EventReader reader = EventReader.open(file)) {
            assertThat(reader.next()).isNull();
        }
    }

    @Test
    void whatIsAppendedWhileTheFileIsReadIsReadToo() throws Exception {
        Path file = write(line(FIRST) + "\n" + line(SECOND).substring(0, 20));

        try (EventReader reader = EventReader.open(file)) {
            assertThat(reader.next().event()).isEqualTo(FIRST);
            append(file, line(SECOND).substring(20) + "\n" + line(THIRD) + "\n");
            assertThat(reader.next().event()).isEqualTo(SECOND);
            assertThat(reader.next().event()).isEqualTo(THIRD);
            assertThat(reader.next()).isNull();
        }
    }

    @Test
    void aFileLargerThanTheBoundIsRefusedBeforeItIsRead() throws Exception {
        Path file = write(line(FIRST) + "\n" + line(SECOND) + "\n");

        assertThatThrownBy(() -> EventReader.open(file, new EventReader.Limits(1_000, 100)))
                .isInstanceOf(IOException.class)
                .hasMessage("Cannot read " + file + ": it is " + Files.size(file)
                        + " bytes, more than the 100 bytes a run's record may be");
    }

    @Test
    void aFileThatGrowsPastTheBoundWhileReadIsRefused() throws Exception {
        Path file = write(line(FIRST) + "\n");
        long bound = Files.size(file) + 10;

        try (EventReader reader = EventReader.open(file, new EventReader.Limits(1_000, bound))) {
            assertThat(reader.next().event()).isEqualTo(FIRST);
            append(file, line(SECOND) + "\n");
            assertThatThrownBy(reader::next).isInstanceOf(IOException.class)
                    .hasMessage("Cannot read " + file + " past line 1: it has grown past the " + bound
                            + " bytes a run's record may be");
        }
    }

    @Test
    void bytesThatAreNotUtf8AreRefusedNamingFileAndLine() throws Exception {
        Path file = dir.resolve(RunFolder.EVENTS);
        Files.write(file, new byte[] {'{', '}', '\n', '{', (byte) 0xC3, (byte) 0x28, '}', '\n'});

        try (EventReader reader = EventReader.open(file)) {
            reader.next();
            assertThatThrownBy(reader::next).isInstanceOf(IOException.class)
                    .hasMessage("Cannot read " + file + " (line 2): it is not UTF-8 text");
        }
    }

    @Test
    void aFolderIsRefusedNamingIt() throws Exception {
        Path folder = Files.createDirectory(dir.resolve(RunFolder.EVENTS));

        assertThatThrownBy(() -> EventReader.open(folder)).isInstanceOf(IOException.class)
                .hasMessage("Cannot read " + folder + ": it is a folder, not a run's events file");
    }

    @Test
    void aFileIsReadOnFromWhereAnEarlierReadStoppedWithItsLineNumbers() throws Exception {
        Path file = write(line(FIRST) + "\n\n");
        EventReader.Position after;
        try (EventReader reader = EventReader.open(file)) {
            assertThat(reader.next().event()).isEqualTo(FIRST);
            assertThat(reader.next()).isNull();
            after = reader.position();
        }
        assertThat(after).isEqualTo(new EventReader.Position(Files.size(file), 2));
        append(file, line(SECOND) + "\n" + line(THIRD) + "\n");

        try (EventReader reader = EventReader.open(file, EventReader.Limits.DEFAULT, after)) {
            EventReader.Line second = reader.next();
            assertThat(second.event()).isEqualTo(SECOND);
            assertThat(second.number()).isEqualTo(3);
            assertThat(reader.next().number()).isEqualTo(4);
            assertThat(reader.next()).isNull();
            assertThat(reader.position()).isEqualTo(new EventReader.Position(Files.size(file), 4));
        }
    }

    @Test
    void aLineCutByItsWriterIsReadWholeFromThePositionBeforeIt() throws Exception {
        Path file = write(line(FIRST) + "\n" + line(SECOND).substring(0, 20));
        EventReader.Position beforeTheCut;
        try (EventReader reader = EventReader.open(file)) {
            reader.next();
            beforeTheCut = reader.position();
            assertThat(reader.next().cut()).isTrue();
            assertThat(reader.position().offset()).isEqualTo(Files.size(file));
        }
        append(file, line(SECOND).substring(20) + "\n");

        try (EventReader reader = EventReader.open(file, EventReader.Limits.DEFAULT, beforeTheCut)) {
            EventReader.Line second = reader.next();
            assertThat(second.cut()).isFalse();
            assertThat(second.event()).isEqualTo(SECOND);
            assertThat(second.number()).isEqualTo(2);
        }
    }

    @Test
    void theBoundHoldsForTheWholeFileWhenReadOnFromAPosition() throws Exception {
        Path file = write(line(FIRST) + "\n");
        EventReader.Position after = new EventReader.Position(Files.size(file), 1);
        append(file, line(SECOND) + "\n");
        long bound = Files.size(file) - 1;

        assertThatThrownBy(() -> EventReader.open(file, new EventReader.Limits(1_000, bound), after))
                .isInstanceOf(IOException.class).hasMessageContaining("more than the " + bound + " bytes");
    }

    @Test
    void aFileShorterThanThePositionReadBeforeIsRefusedNamingIt() throws Exception {
        Path file = write(line(FIRST) + "\n");
        EventReader.Position pastTheEnd = new EventReader.Position(Files.size(file) + 5, 2);

        assertThatThrownBy(() -> EventReader.open(file, EventReader.Limits.DEFAULT, pastTheEnd))
                .isInstanceOf(IOException.class)
                .hasMessage("Cannot read " + file + " on from line 2: it is " + Files.size(file)
                        + " bytes, shorter than the " + (Files.size(file) + 5)
                        + " bytes read before (it was replaced or cut since)");
    }

    private static List<TrainingEvent> eventsOf(EventReader reader, List<String> bad) throws IOException {
        List<TrainingEvent> events = new ArrayList<>();
        for (EventReader.Line line = reader.next(); line != null; line = reader.next()) {
            try {
                events.add(line.event());
            } catch (EventReader.BadLine e) {
                bad.add(e.getMessage());
            }
        }
        return events;
    }

    private static String line(TrainingEvent event) {
        return TrainingEvents.toJsonLine(event);
    }

    private Path write(String text) throws IOException {
        return Files.writeString(dir.resolve(RunFolder.EVENTS), text, StandardCharsets.UTF_8);
    }

    private static void append(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }
}
