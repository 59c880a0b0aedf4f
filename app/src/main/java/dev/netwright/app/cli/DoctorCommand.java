package dev.netwright.app.cli;

import dev.netwright.runtime.doctor.RunFindings;
import dev.netwright.runtime.train.RunFailure;
import dev.netwright.runtime.train.RunFolder;
import dev.netwright.runtime.train.TrainingEvent;
import dev.netwright.runtime.train.TrainingEvents;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code netwright doctor RUN_DIR}: what the training doctor found in a run, as its worker recorded it, or diagnosed
 * again from the run's events ({@code --replay}, and for runs trained before the doctor recorded findings).
 */
@Command(name = "doctor", description = "Show what the training doctor found in a run: what went wrong inside it "
        + "(learning rate, gradients, dead or saturated units, overfitting, data problems), on which node, and what "
        + "to try.")
final class DoctorCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Option(names = "--replay", description = "Diagnose the run's events (events.jsonl) again instead of "
            + "showing the findings its worker recorded (doctor.jsonl).")
    boolean replay;

    @CommandLine.Option(names = "--json", description = "Print each finding as one JSON line.")
    boolean json;

    @Parameters(paramLabel = "RUN_DIR", description = "A run folder written by 'netwright train'.")
    Path runDir;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        RunFolder folder = new RunFolder(runDir);
        List<TrainingEvent.Finding> findings;
        try {
            findings = replay ? RunFindings.replayed(folder) : RunFindings.recorded(folder);
            if (!replay && findings.isEmpty() && !java.nio.file.Files.exists(folder.doctor())
                    && !RunFindings.hasSignals(folder)) {
                // a run trained before the doctor: its losses and epochs still say something
                findings = RunFindings.replayed(folder);
            }
        } catch (RunFailure failure) {
            spec.commandLine().getErr().println(failure.getMessage());
            return ExitCodes.BAD_INPUT;
        }
        if (json) {
            findings.forEach(f -> out.println(TrainingEvents.toJsonLine(f)));
        } else if (findings.isEmpty()) {
            out.println("The doctor found nothing wrong in " + runDir + (RunFindings.hasSignals(folder) ? "."
                    : " (its events hold no signals from inside the network, only its losses)."));
        } else {
            out.printf("%d %s in %s:%n", findings.size(), findings.size() == 1 ? "finding" : "findings", runDir);
            findings.forEach(f -> FindingLines.of(f).forEach(out::println));
        }
        out.flush();
        return ExitCodes.OK;
    }
}
