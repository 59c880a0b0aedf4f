package dev.netwright.app.doctor;

import dev.netwright.runtime.train.TrainingEvent;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.List;

/**
 * The Doctor tab's view model: the training doctor's findings on the run in view, live while a run trains (from its
 * events) or as a finished run recorded them. Knows no controls; called on the FX thread.
 */
public final class DoctorModel {
    static final String NO_RUN = "The training doctor watches each run as it trains and says here what goes wrong "
            + "inside it, on which node, and what to try.";
    static final String WATCHING = "Watching this run: nothing wrong so far.";

    private final ObservableList<TrainingEvent.Finding> findings = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper heading = new ReadOnlyStringWrapper(NO_RUN);

    public ObservableList<TrainingEvent.Finding> findings() {
        return FXCollections.unmodifiableObservableList(findings);
    }

    public ReadOnlyStringProperty headingProperty() {
        return heading.getReadOnlyProperty();
    }

    /** A batch of the running run's events: a new run clears the list, each finding joins it. */
    public void accept(List<TrainingEvent> batch) {
        for (TrainingEvent event : batch) {
            if (event instanceof TrainingEvent.RunStarted) {
                findings.clear();
                heading.set(WATCHING);
            } else if (event instanceof TrainingEvent.Finding finding) {
                findings.add(finding);
                heading.set(count(findings.size()) + " in this run.");
            }
        }
    }

    /** The findings a finished run recorded, for the run named {@code run}. */
    public void showRun(String run, List<TrainingEvent.Finding> recorded) {
        findings.setAll(recorded);
        heading.set(recorded.isEmpty() ? "The doctor found nothing wrong in " + run + "."
                : count(recorded.size()) + " in " + run + ".");
    }

    private static String count(int n) {
        return n == 1 ? "1 finding" : n + " findings";
    }

    /** A finding's first line: what, and where. */
    static String title(TrainingEvent.Finding finding) {
        String what = Character.toUpperCase(finding.kind().charAt(0)) + finding.kind().substring(1).replace('-', ' ');
        return what + (finding.node() == null ? "" : " · node " + finding.node())
                + " · epoch " + finding.epoch() + ", iteration " + finding.iteration();
    }

    /** What to try, one line per action. */
    static String actions(TrainingEvent.Finding finding) {
        StringBuilder text = new StringBuilder();
        for (TrainingEvent.Action action : finding.actions()) {
            text.append(text.length() == 0 ? "" : "\n").append("Try: ").append(action.description());
        }
        return text.toString();
    }
}
