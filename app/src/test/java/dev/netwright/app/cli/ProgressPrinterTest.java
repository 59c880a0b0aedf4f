package dev.netwright.app.cli;

import dev.netwright.app.cli.progress.ProgressLine;
import dev.netwright.runtime.train.TrainingEvent;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.List;

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

    @Test
    void theLinesItDrawsAsProgressAreRecognisedAsProgressAndItsMessagesAreNot() {
        StringWriter terminal = new StringWriter();
        ProgressPrinter drawing = new ProgressPrinter(new PrintWriter(terminal, true), true);
        drawing.onEvent(new TrainingEvent.RunStarted("CPU", "here", 1000, 600, 100, 1, 2, 32, "data"));
        drawing.onEvent(new TrainingEvent.Iteration(1, 5, 2.2, 0.001, 36));
        drawing.onEvent(new TrainingEvent.EpochEnd(1, 19, 2.1, 0.3, 2.0, 0.35, 3.5));
        drawing.onEvent(new TrainingEvent.Iteration(2, 15, 1.9, 0.001, 40));
        drawing.onEvent(new TrainingEvent.Notice("epoch 2 of 2 is the last"));
        // a reader of the command's output (the window's cluster run) sees lines cut at each \r and \n
        List<String> lines = Arrays.stream(terminal.toString().split("[\r\n]+"))
                .map(line -> line.replace("\033[2K", "")).filter(line -> !line.isBlank()).toList();

        assertThat(lines).filteredOn(ProgressLine::is).containsExactly(
                "epoch 1/2 [------------------------] the first minibatch is running...",
                "epoch 1/2 [######------------------]  27% loss 2.2000 36 samples/s ETA 0:29",
                "epoch 2/2 [#############-----------]  53% loss 1.9000 val acc 0.350 40 samples/s ETA 0:07");
        assertThat(lines).filteredOn(line -> !ProgressLine.is(line)).containsExactly(
                "Training on CPU (here): 1,000 parameters, 600 training and 100 validation samples, data",
                "epoch 1/2: train loss 2.1000, accuracy 0.300 | validation loss 2.0000, accuracy 0.350 | 3.5 s",
                "epoch 2 of 2 is the last");
        assertThat(ProgressLine.is("\r" + lines.get(1))).as("drawn over the line before").isTrue();
    }
}
