package dev.netwright.runtime.train.worker;

import dev.netwright.runtime.train.RunControl;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The commands the worker takes on stdin, one per line. */
public enum WorkerCommand {
    PAUSE, RESUME, STOP, CHECKPOINT;

    /** The line the app writes for this command. */
    public String line() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Optional<WorkerCommand> parse(String line) {
        String word = line.trim().toUpperCase(Locale.ROOT);
        return Arrays.stream(values()).filter(c -> c.name().equals(word)).findFirst();
    }

    void applyTo(RunControl control) {
        switch (this) {
            case PAUSE -> control.pause();
            case RESUME -> control.resume();
            case STOP -> control.stop();
            case CHECKPOINT -> control.requestCheckpoint();
        }
    }
}
