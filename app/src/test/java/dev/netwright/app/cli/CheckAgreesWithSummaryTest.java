package dev.netwright.app.cli;

import dev.netwright.app.summary.ModelSummaryModel;
import dev.netwright.designer.document.DesignDocument;
import dev.netwright.runtime.check.ModelSummary;
import dev.netwright.samples.Sample;
import dev.netwright.samples.Samples;
import org.junit.jupiter.api.Test;

import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code netwright check} and the window's Summary tab list the same rows, in the same order, with the same totals: both
 * print {@link ModelSummary}, the window from its open document's own check.
 */
class CheckAgreesWithSummaryTest {

    @Test
    void checkAndTheSummaryTabListTheSameRowsForEverySample() throws Exception {
        for (Sample sample : Samples.list()) {
            CapturedCli cli = new CapturedCli();
            cli.run("check", "sample:" + sample.id());
            ModelSummaryModel window = new ModelSummaryModel(new DesignDocument(DesignArgument.load("sample:" + sample.id())), id -> { });

            List<String> printed = tableLines(cli.out.toString());
            List<String> shown = new ArrayList<>();
            for (ModelSummary.Row row : window.rows()) {
                shown.add(CheckCommand.line(row));
            }
            assertThat(printed).as(sample.id()).isNotEmpty().containsExactlyElementsOf(shown);
            ModelSummary summary = window.summaryProperty().get();
            assertThat(cli.out.toString()).as(sample.id())
                    .contains(String.format(java.util.Locale.ROOT, "%,d parameters,", summary.totalParams()))
                    .contains(String.format(java.util.Locale.ROOT, "Trainable: %,d; non-trainable: %,d",
                            summary.trainableParams(), summary.nonTrainableParams()));
        }
    }

    @Test
    void theyAgreeOnADesignWithErrorsToo(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("broken.json");
        Files.writeString(file, """
                { "formatVersion" : 1, "nodes" : [
                  { "id" : "output", "kind" : "Output" },
                  { "id" : "input", "kind" : "Input" },
                  { "id" : "dense1", "kind" : "Dense" } ],
                  "edges" : [ { "from" : "input", "to" : "dense1" }, { "from" : "dense1", "to" : "output" } ] }
                """);
        CapturedCli cli = new CapturedCli();
        cli.run("check", file.toString());
        ModelSummaryModel window = new ModelSummaryModel(new DesignDocument(DesignArgument.load(file.toString())), id -> { });

        List<String> shown = window.rows().stream().map(CheckCommand::line).toList();
        assertThat(tableLines(cli.out.toString())).containsExactlyElementsOf(shown);
        assertThat(window.rows()).extracting(ModelSummary.Row::nodeId).containsExactly("input", "dense1", "output");
        assertThat(window.rows().get(1).outputLabel()).isEqualTo("?");
    }

    /** The table's rows as printed: from the line after the header to the first blank line. */
    private static List<String> tableLines(String out) {
        List<String> lines = Arrays.asList(out.split("\\R"));
        int header = lines.indexOf(lines.stream().filter(l -> l.startsWith("node ")).findFirst().orElseThrow());
        List<String> rows = new ArrayList<>();
        for (String line : lines.subList(header + 1, lines.size())) {
            if (line.isBlank()) {
                break;
            }
            rows.add(line);
        }
        return rows;
    }
}
