package dev.netwright.app.cli;

import dev.netwright.runtime.sweep.Experiment;
import dev.netwright.runtime.sweep.SweepRunner;
import dev.netwright.runtime.sweep.Trial;

import java.io.PrintWriter;
import java.util.Locale;

/** Prints a line as each trial starts and ends (trials run at once, so there is no progress bar). */
final class SweepProgress implements SweepRunner.Listener {
    private final PrintWriter out;
    private final int trials;

    SweepProgress(PrintWriter out, Experiment experiment) {
        this.out = out;
        this.trials = experiment.trials().size();
    }

    @Override
    public synchronized void started(Trial trial) {
        out.println(String.format(Locale.ROOT, "%s started (of %d)%s: %s", trial.id(), trials,
                trial.rung() > 0 ? " in rung " + (trial.rung() + 1) : "", SweepTable.settings(trial)));
        out.flush();
    }

    @Override
    public synchronized void ended(Trial trial) {
        out.println(SweepTable.ended(trial));
        out.flush();
    }

    @Override
    public synchronized void note(String message) {
        out.println(message);
        out.flush();
    }
}
