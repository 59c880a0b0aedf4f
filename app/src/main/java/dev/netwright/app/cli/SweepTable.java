package dev.netwright.app.cli;

import dev.netwright.runtime.sweep.Experiment;
import dev.netwright.runtime.sweep.Trial;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** An experiment's trials as a table, best validation accuracy first, with why the failed ones failed. */
final class SweepTable {
    private SweepTable() {
    }

    static void print(Experiment experiment, PrintWriter out) {
        List<String> names = new ArrayList<>();
        experiment.trials().stream().flatMap(t -> t.settings().keySet().stream()).distinct().forEach(names::add);
        List<String> header = new ArrayList<>(List.of("trial", "state"));
        header.addAll(names);
        header.addAll(List.of("epochs", "best val acc", "val loss", "time"));
        List<List<String>> rows = new ArrayList<>();
        for (Trial trial : experiment.ranked()) {
            List<String> row = new ArrayList<>(List.of(trial.id(), trial.state().inWords()));
            names.forEach(name -> row.add(value(trial.settings().get(name))));
            row.add(Integer.toString(trial.epochs()));
            row.add(Double.isNaN(trial.bestValidationAccuracy()) ? "-"
                    : String.format(Locale.ROOT, "%.4f", trial.bestValidationAccuracy()));
            row.add(Double.isNaN(trial.validationLoss()) ? "-" : String.format(Locale.ROOT, "%.4f", trial.validationLoss()));
            row.add(String.format(Locale.ROOT, "%.1f s", trial.seconds()));
            rows.add(row);
        }
        int[] widths = new int[header.size()];
        for (int c = 0; c < header.size(); c++) {
            widths[c] = header.get(c).length();
            for (List<String> row : rows) {
                widths[c] = Math.max(widths[c], row.get(c).length());
            }
        }
        out.println(experiment.designName() + ": " + experiment.strategy().inWords() + " sweep over "
                + String.join(" ", experiment.params()) + ", best first"
                + (experiment.cluster() != null ? ", on " + experiment.cluster() : ""));
        out.println(line(header, widths));
        rows.forEach(row -> out.println(line(row, widths)));
        for (Trial trial : experiment.trials()) {
            if (trial.state() == Trial.State.FAILED) {
                out.println(trial.id() + " failed: " + trial.message());
            }
        }
        if (experiment.problem() != null) {
            out.println("The sweep stopped: " + experiment.problem());
        }
        out.flush();
    }

    /** One line for a trial that ended. */
    static String ended(Trial trial) {
        return switch (trial.state()) {
            case FAILED -> trial.id() + " failed: " + trial.message();
            case STOPPED_EARLY -> trial.id() + " stopped early (others did better after " + trial.epochs() + " epochs)";
            default -> String.format(Locale.ROOT, "%s finished: best validation accuracy %s (loss %s), %d epoch%s, %.1f s",
                    trial.id(), Double.isNaN(trial.bestValidationAccuracy()) ? "-"
                            : String.format(Locale.ROOT, "%.4f", trial.bestValidationAccuracy()),
                    Double.isNaN(trial.validationLoss()) ? "-" : String.format(Locale.ROOT, "%.4f", trial.validationLoss()),
                    trial.epochs(), trial.epochs() == 1 ? "" : "s", trial.seconds());
        };
    }

    /** The settings in words: lr=0.001 batch=32. */
    static String settings(Trial trial) {
        List<String> parts = new ArrayList<>();
        trial.settings().forEach((name, value) -> parts.add(name + "=" + value(value)));
        return String.join(" ", parts);
    }

    private static String value(Object value) {
        if (value == null) {
            return "-";
        }
        if (value instanceof Double d) {
            return BigDecimal.valueOf(d).stripTrailingZeros().toString().replace("E", "e");
        }
        return value.toString();
    }

    private static String line(List<String> cells, int[] widths) {
        StringBuilder text = new StringBuilder();
        for (int c = 0; c < cells.size(); c++) {
            if (c > 0) {
                text.append("  ");
            }
            String cell = cells.get(c);
            boolean number = c >= 2;
            text.append(number ? " ".repeat(widths[c] - cell.length()) + cell : cell + " ".repeat(widths[c] - cell.length()));
        }
        return text.toString().stripTrailing();
    }
}
