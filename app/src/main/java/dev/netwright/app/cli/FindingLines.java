package dev.netwright.app.cli;

import dev.netwright.runtime.train.TrainingEvent;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A training doctor's finding as the command line prints it: what, where and when, then what to try. */
final class FindingLines {
    private FindingLines() {
    }

    static List<String> of(TrainingEvent.Finding finding) {
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "doctor: %s%s (epoch %d, iteration %d): %s", finding.kind(),
                finding.node() == null ? "" : " at node " + finding.node(), finding.epoch(), finding.iteration(),
                finding.explanation()));
        for (TrainingEvent.Action action : finding.actions()) {
            lines.add("  try: " + action.description());
        }
        return lines;
    }
}
