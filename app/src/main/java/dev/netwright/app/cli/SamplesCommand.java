package dev.netwright.app.cli;

import dev.netwright.runtime.check.Checker;
import dev.netwright.samples.Sample;
import dev.netwright.samples.Samples;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** {@code netwright samples}: the bundled sample designs. */
@Command(name = "samples", description = "List the sample designs (use them as sample:ID).")
final class SamplesCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Checker checker = new Checker();
        for (Sample sample : Samples.list()) {
            long params = checker.check(Samples.load(sample)).totalParams();
            out.printf("sample:%-12s %-22s %,10d parameters  %s%n", sample.id(), sample.title(), params, sample.summary());
        }
        return ExitCodes.OK;
    }
}
