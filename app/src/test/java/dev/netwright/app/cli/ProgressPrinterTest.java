package dev.netwright.app.cli;

import dev.netwright.runtime.train.TrainingEvent;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

/** The command line's progress line, counted by the iterations the run reports. */
class ProgressPrinterTest {
    private final StringWriter out = new StringWriter();
    private final ProgressPrinter printer = new ProgressPrinter(new PrintWriter(out, true), false);

    private void started(int firstEpoch) {
        printer.onEvent(new TrainingEvent.RunStarted("CPU", "here", 1000, 600, 100, firstEpoch, 2, 32, "data"));
    }

    @Test
    void anEpochReportedInOneEventIsShownWhole() {
        started(1);
        printer.onEvent(new TrainingEvent.Iteration(1, 19, 2.2, 0.001, 36)); // a data-parallel run's epoch: 19 minibatches

        assertThat(out.toString()).contains("epoch 1/2 [" + "#".repeat(24) + "] 100% loss 2.2000");
    }

    @Test
    void aMinibatchOfAResumedRunCountsOne() {
        started(2);
        printer.onEvent(new TrainingEvent.Iteration(2, 20, 1.5, 0.001, 100));

        assertThat(out.toString()).contains("epoch 2/2 [#---").contains("  5% loss 1.5000");
    }
}
