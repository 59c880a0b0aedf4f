package dev.netwright.runtime.doctor;

import dev.netwright.runtime.train.RunFailure;
import dev.netwright.runtime.train.RunFolder;
import dev.netwright.runtime.train.RunRequestJson;
import dev.netwright.runtime.train.TrainingEvent;
import dev.netwright.runtime.train.TrainingEvents;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The findings of a run that has ended (or is running): as its worker recorded them, or diagnosed again from its events. */
public final class RunFindings {
    private RunFindings() {
    }

    /**
     * The findings the run's worker recorded in {@link RunFolder#DOCTOR}; none where it has no such file (a healthy run,
     * or one trained before the doctor existed: {@link #replayed} then diagnoses its events).
     */
    public static List<TrainingEvent.Finding> recorded(RunFolder folder) throws RunFailure {
        requireRun(folder);
        if (!Files.exists(folder.doctor())) {
            return List.of();
        }
        List<TrainingEvent.Finding> findings = new ArrayList<>();
        int number = 0;
        for (String line : readLines(folder.doctor())) {
            number++;
            if (line.isBlank()) {
                continue;
            }
            try {
                if (TrainingEvents.fromJsonLine(line) instanceof TrainingEvent.Finding finding) {
                    findings.add(finding);
                    continue;
                }
            } catch (IllegalArgumentException e) {
                // said below
            }
            throw new RunFailure(folder.doctor() + ", line " + number + ", is not a finding of the training doctor.");
        }
        return findings;
    }

    /** The findings the doctor makes of the run's {@link RunFolder#EVENTS} now; lines that are not events are skipped. */
    public static List<TrainingEvent.Finding> replayed(RunFolder folder) throws RunFailure {
        requireRun(folder);
        if (!Files.exists(folder.events())) {
            throw new RunFailure("The run in " + folder.dir() + " has no " + RunFolder.EVENTS + ": it never started.");
        }
        List<TrainingEvent> events = new ArrayList<>();
        for (String line : readLines(folder.events())) {
            try {
                events.add(TrainingEvents.fromJsonLine(line));
            } catch (IllegalArgumentException notAnEvent) {
                // a line cut short by a crash: the rest still tells the story
            }
        }
        return Doctor.diagnose(events);
    }

    /**
     * The signals the doctor sampled in the run, in order, from its {@link RunFolder#EVENTS}: empty for a run without
     * any (one trained before the doctor, or a folder that cannot be read); lines that are not events are skipped.
     */
    public static List<TrainingEvent.Signals> signals(RunFolder folder) {
        List<TrainingEvent.Signals> signals = new ArrayList<>();
        try {
            if (!Files.exists(folder.events())) {
                return signals;
            }
            for (String line : readLines(folder.events())) {
                if (line.startsWith("{\"type\":\"signals\"")) {
                    try {
                        signals.add((TrainingEvent.Signals) TrainingEvents.fromJsonLine(line));
                    } catch (IllegalArgumentException notAnEvent) {
                        // a line cut short by a crash
                    }
                }
            }
        } catch (RunFailure e) {
            return List.of();
        }
        return signals;
    }

    /** Whether the run's events hold any sampled signals (runs trained before the doctor have none). */
    public static boolean hasSignals(RunFolder folder) {
        if (!Files.exists(folder.events())) {
            return false;
        }
        // stops at the first signals line rather than reading the whole file
        try (Stream<String> lines = Files.lines(folder.events(), StandardCharsets.UTF_8)) {
            return lines.anyMatch(line -> line.startsWith("{\"type\":\"signals\""));
        } catch (IOException | UncheckedIOException e) {
            return false;
        }
    }

    private static void requireRun(RunFolder folder) throws RunFailure {
        if (!Files.isDirectory(folder.dir())) {
            throw new RunFailure("No run folder at " + folder.dir() + (Files.exists(folder.dir())
                    ? " (it is a file; give the folder that holds run.json)" : ""));
        }
        if (!Files.exists(folder.dir().resolve(RunRequestJson.FILE_NAME))) {
            throw new RunFailure("Not a run folder: " + folder.dir() + " has no " + RunRequestJson.FILE_NAME);
        }
    }

    /** A run's events of a few hours' training are a few MB; a file far larger is not read into memory. */
    static final long MAX_FILE_BYTES = 256L << 20;

    private static List<String> readLines(Path file) throws RunFailure {
        try {
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                throw new RunFailure("Cannot read " + file + ": it is " + (size >> 20) + " MB, more than the "
                        + (MAX_FILE_BYTES >> 20) + " MB a run's record may be");
            }
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new RunFailure("Cannot read " + file + ": " + e.getMessage());
        }
    }
}
