package dev.netwright.runtime.doctor;

import dev.netwright.runtime.train.EventReader;
import dev.netwright.runtime.train.RunFailure;
import dev.netwright.runtime.train.RunFolder;
import dev.netwright.runtime.train.RunRequestJson;
import dev.netwright.runtime.train.TrainingEvent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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
        try (EventReader reader = EventReader.open(folder.doctor())) {
            for (EventReader.Line line = reader.next(); line != null; line = reader.next()) {
                if (!(line.event() instanceof TrainingEvent.Finding finding)) {
                    throw new RunFailure(folder.doctor() + ", line " + line.number()
                            + ", is not a finding of the training doctor.");
                }
                findings.add(finding);
            }
        } catch (EventReader.BadLine e) {
            throw new RunFailure(e.getMessage() + " (the training doctor's findings are events)");
        } catch (IOException e) {
            throw cannotRead(folder.doctor(), e);
        }
        return findings;
    }

    /** The findings the doctor makes of the run's {@link RunFolder#EVENTS} now; lines that are not events are skipped. */
    public static List<TrainingEvent.Finding> replayed(RunFolder folder) throws RunFailure {
        requireRun(folder);
        if (!Files.exists(folder.events())) {
            throw new RunFailure("The run in " + folder.dir() + " has no " + RunFolder.EVENTS + ": it never started.");
        }
        try {
            // a line cut short by a crash is skipped: the rest still tells the story
            return Doctor.diagnose(EventReader.readAll(folder.events(), notAnEvent -> { }));
        } catch (IOException e) {
            throw cannotRead(folder.events(), e);
        }
    }

    /**
     * The signals the doctor sampled in the run, in order, from its {@link RunFolder#EVENTS}: empty for a run without
     * any (one trained before the doctor, or a folder that cannot be read); lines that are not events are skipped.
     */
    public static List<TrainingEvent.Signals> signals(RunFolder folder) {
        List<TrainingEvent.Signals> signals = new ArrayList<>();
        if (!Files.exists(folder.events())) {
            return signals;
        }
        try (EventReader reader = EventReader.open(folder.events())) {
            for (EventReader.Line line = reader.next(); line != null; line = reader.next()) {
                if (isSignals(line)) {
                    try {
                        signals.add((TrainingEvent.Signals) line.event());
                    } catch (EventReader.BadLine notAnEvent) {
                        // a line cut short by a crash
                    }
                }
            }
        } catch (IOException e) {
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
        try (EventReader reader = EventReader.open(folder.events())) {
            for (EventReader.Line line = reader.next(); line != null; line = reader.next()) {
                if (isSignals(line)) {
                    return true;
                }
            }
        } catch (IOException e) {
            return false;
        }
        return false;
    }

    /** Only signals lines are parsed: they are a small share of a long run's events. */
    private static boolean isSignals(EventReader.Line line) {
        return line.text().startsWith("{\"type\":\"signals\"");
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

    private static RunFailure cannotRead(Path file, IOException e) {
        String message = e.getMessage();
        return new RunFailure(message != null && message.startsWith("Cannot read") ? message
                : "Cannot read " + file + ": " + message);
    }
}
