package dev.netwright.app.doctor;

import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.train.TrainingEvent;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The Doctor tab's view model: the training doctor's findings on the run in view, live while a run trains (from its
 * events) or as a finished run recorded them, what each finding says about each node (for the cards' badges), and the
 * one-click actions: applying one, what it changed, and training again with it, afresh or resuming from the run in view's
 * trained weights. Knows no controls; called on the FX thread.
 */
public final class DoctorModel {
    static final String NO_RUN = "The training doctor watches each run as it trains and says here what goes wrong "
            + "inside it, on which node, and what to try.";
    static final String WATCHING = "Watching this run: nothing wrong so far.";

    private final ObservableList<TrainingEvent.Finding> findings = FXCollections.observableArrayList();
    /** One read-only view: a listener on a view lives as long as the view. */
    private final ObservableList<TrainingEvent.Finding> findingsView =
            FXCollections.unmodifiableObservableList(findings);
    private final ReadOnlyStringWrapper heading = new ReadOnlyStringWrapper(NO_RUN);
    private final ReadOnlyObjectWrapper<Map<String, String>> notes = new ReadOnlyObjectWrapper<>(Map.of());
    private final ReadOnlyStringWrapper outcome = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper trainAgainOffered = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper resumeOffered = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper noResume = new ReadOnlyStringWrapper("");
    /** The run whose findings are in view, once it has ended; null while one trains or before any. */
    private ShownRun shownRun;
    /** The line {@link #resume()} wrote, which {@link #resumeFailed()} takes back; null when no resume is under way. */
    private String resuming;
    /** The signals sampled in the run in view, in order: live ones as they come, or a finished run's. */
    private final ReadOnlyObjectWrapper<List<TrainingEvent.Signals>> signals = new ReadOnlyObjectWrapper<>(List.of());
    /** The nodes the signals name, from the input to the output: what the layer choice offers. */
    private final ObservableList<String> signalNodes = FXCollections.observableArrayList();
    /** The node whose signals are charted; null for none (the charts are shown on demand). */
    private final javafx.beans.property.SimpleStringProperty chartedNode =
            new javafx.beans.property.SimpleStringProperty();
    private Function<TrainingEvent.Action, FindingActions.Outcome> applier =
            action -> FindingActions.Outcome.unchanged("There is no design to change.");
    private Runnable train = () -> { };
    private java.util.function.Consumer<java.nio.file.Path> resume = dir -> { };
    private java.util.function.Consumer<String> openNode = id -> { };
    /** The changes applied from here since the run was shown, newest first, each with the design before it. */
    private final Deque<Applied> applied = new ArrayDeque<>();

    private record Applied(String description, Design before) {
    }

    /**
     * A run that has ended, as Resume needs it: its folder and name, and whether it saved trained weights (a model);
     * one that saved none (it failed, or was stopped, before its first epoch ended) cannot be resumed from.
     */
    public record ShownRun(java.nio.file.Path dir, String name, boolean savedWeights) {
        public ShownRun {
            Objects.requireNonNull(dir, "dir");
            Objects.requireNonNull(name, "name");
        }
    }

    public DoctorModel() {
        findings.addListener((ListChangeListener<TrainingEvent.Finding>) change -> notes.set(notesByNode(findings)));
    }

    public ObservableList<TrainingEvent.Finding> findings() {
        return findingsView;
    }

    public ReadOnlyStringProperty headingProperty() {
        return heading.getReadOnlyProperty();
    }

    /** What the findings say about each node, by node id, in words: what the cards' doctor badges show. */
    public ReadOnlyObjectProperty<Map<String, String>> notesProperty() {
        return notes.getReadOnlyProperty();
    }

    /** What the last applied action changed, or why it changed nothing; empty before any. */
    public ReadOnlyStringProperty outcomeProperty() {
        return outcome.getReadOnlyProperty();
    }

    /** True after an action changed the design, until training starts again (or another run is shown). */
    public ReadOnlyBooleanProperty trainAgainOfferedProperty() {
        return trainAgainOffered.getReadOnlyProperty();
    }

    /**
     * True while "train again" is offered and the run in view saved trained weights: a new run can then start from
     * them with the change ({@link #resume()}).
     */
    public ReadOnlyBooleanProperty resumeOfferedProperty() {
        return resumeOffered.getReadOnlyProperty();
    }

    /** Why resuming from the run in view is not offered while training again is (it saved no weights); else empty. */
    public ReadOnlyStringProperty noResumeProperty() {
        return noResume.getReadOnlyProperty();
    }

    /** The signals sampled in the run in view, in order (a new list each time more arrive). */
    public ReadOnlyObjectProperty<List<TrainingEvent.Signals>> signalsProperty() {
        return signals.getReadOnlyProperty();
    }

    /** The nodes whose signals can be charted, from the input to the output. */
    public ObservableList<String> signalNodes() {
        return FXCollections.unmodifiableObservableList(signalNodes);
    }

    /** The node whose signals are charted: set by choosing a layer, or a finding about a node; null for none. */
    public javafx.beans.property.StringProperty chartedNodeProperty() {
        return chartedNode;
    }

    /** Charts the signals of the node {@code finding} concerns (a finding about the settings or the data has none). */
    public void chartFor(TrainingEvent.Finding finding) {
        if (finding != null && finding.node() != null && signalNodes.contains(finding.node())) {
            chartedNode.set(finding.node());
        }
    }

    /**
     * Charts the signals of node {@code id}, chosen elsewhere (selected on the canvas), when the run in view sampled
     * it; a node it did not sample (a Flatten, a node added since) leaves the charts as they are.
     */
    public void chartNode(String id) {
        if (id != null && signalNodes.contains(id)) {
            chartedNode.set(id);
        }
    }

    private void addSignals(List<TrainingEvent.Signals> more) {
        if (more.isEmpty()) {
            return;
        }
        List<TrainingEvent.Signals> all = new java.util.ArrayList<>(signals.get());
        all.addAll(more);
        setSignals(all);
    }

    private void setSignals(List<TrainingEvent.Signals> all) {
        List<String> nodes = all.isEmpty() ? List.of() : all.get(all.size() - 1).layers().stream()
                .map(TrainingEvent.LayerSignals::node).distinct().toList();
        if (!nodes.equals(signalNodes)) {
            signalNodes.setAll(nodes);
        }
        if (chartedNode.get() != null && !nodes.contains(chartedNode.get())) {
            chartedNode.set(null);
        }
        signals.set(List.copyOf(all));
    }

    /** Who applies an action to the design ({@link FindingActions#apply}); until set, nothing is changed. */
    public void setApplier(Function<TrainingEvent.Action, FindingActions.Outcome> applier) {
        this.applier = Objects.requireNonNull(applier, "applier");
    }

    /** What "Train again" does: the window's own Train, which starts the worker and never waits for it. */
    public void setOnTrainAgain(Runnable train) {
        this.train = Objects.requireNonNull(train, "train");
    }

    /**
     * What "Resume from this run" does with the run's folder: the window's Continue from This Run (the design takes
     * that run's weights, one undoable step), then its Train. Never waits.
     */
    public void setOnResume(java.util.function.Consumer<java.nio.file.Path> resume) {
        this.resume = Objects.requireNonNull(resume, "resume");
    }

    /** What opening a finding does with its node: the window selects it and centres the canvas on it. */
    public void setOnOpenNode(java.util.function.Consumer<String> openNode) {
        this.openNode = Objects.requireNonNull(openNode, "openNode");
    }

    /** Shows the node a finding concerns on the canvas; a finding about the settings or the data has none. */
    public void open(TrainingEvent.Finding finding) {
        if (finding.node() != null) {
            openNode.accept(finding.node());
        }
    }

    /** Applies one of a finding's actions (a link in the tab) and says what it changed, or why nothing changed. */
    public void apply(TrainingEvent.Action action) {
        FindingActions.Outcome result = applier.apply(action);
        outcome.set(result.message());
        if (result.changed()) {
            setOffered(true);
            if (result.before() != null) {
                applied.push(new Applied(action.description(), result.before()));
            }
        }
    }

    /** Offers to train again (and to resume, where the run in view can be resumed from), or takes both offers back. */
    private void setOffered(boolean offered) {
        trainAgainOffered.set(offered);
        resumeOffered.set(offered && shownRun != null && shownRun.savedWeights());
        noResume.set(offered && shownRun != null && !shownRun.savedWeights()
                ? "Resuming is not offered: " + shownRun.name() + " saved no trained weights (it ended before its "
                + "first epoch did)." : "");
    }

    /**
     * The design now shown: when it is the design from before the last change applied here (the user undid it), the tab
     * says so, and offers to train again only while an earlier change applied here still stands.
     */
    public void designShown(Design design) {
        if (!applied.isEmpty() && applied.peek().before().equals(design)) {
            outcome.set("Undone: " + applied.pop().description());
            setOffered(!applied.isEmpty());
        }
    }

    /** Trains again with the changes applied (the link offered after one). */
    public void trainAgain() {
        setOffered(false);
        train.run();
    }

    /** Trains again with the changes applied, starting from the trained weights of the run in view (when offered). */
    public void resume() {
        if (!resumeOffered.get()) {
            return;
        }
        ShownRun from = shownRun;
        setOffered(false);
        resuming = "Resuming from " + from.name() + "'s weights with the change\u2026";
        outcome.set(resuming);
        resume.accept(from.dir());
    }

    /**
     * The resume asked for did not start (the run's weights could not be read): the line saying it is resuming goes, so
     * that only the error (shown by whoever failed) says what happened. A line written since is left as it is.
     */
    public void resumeFailed() {
        if (resuming != null && resuming.equals(outcome.get())) {
            outcome.set("");
        }
        resuming = null;
    }

    /** A batch of the running run's events: a new run clears the list, each finding joins it. */
    public void accept(List<TrainingEvent> batch) {
        List<TrainingEvent.Signals> sampled = new java.util.ArrayList<>();
        for (TrainingEvent event : batch) {
            if (event instanceof TrainingEvent.RunStarted) {
                shownRun = null; // no weights to resume from until it ends
                clearOutcome();
                findings.clear();
                heading.set(WATCHING);
                sampled.clear();
                setSignals(List.of());
            } else if (event instanceof TrainingEvent.Signals s) {
                sampled.add(s);
            } else if (event instanceof TrainingEvent.Finding finding) {
                findings.add(finding);
                heading.set(count(findings.size()) + " in this run.");
            }
        }
        addSignals(sampled);
    }

    /** The findings and the signals a finished run recorded, for the run named {@code run}. */
    public void showRun(String run, List<TrainingEvent.Finding> recorded, List<TrainingEvent.Signals> sampled) {
        showRun(run, recorded);
        setSignals(sampled);
    }

    /** The findings and signals that {@code run}, chosen in the runs list, recorded: the run Resume starts from. */
    public void showRun(ShownRun run, List<TrainingEvent.Finding> recorded, List<TrainingEvent.Signals> sampled) {
        showRun(run.name(), recorded, sampled);
        shownRun = run;
        setOffered(trainAgainOffered.get());
    }

    /**
     * The run whose findings were shown live has ended: a change applied now can resume from it (when it saved weights).
     */
    public void runEnded(ShownRun run) {
        shownRun = run;
        setOffered(trainAgainOffered.get());
        if (WATCHING.equals(heading.get())) { // "so far" no more: the run is over
            heading.set("The doctor found nothing wrong in " + run.name() + ".");
        }
    }

    /** The findings a finished run recorded, for the run named {@code run}. */
    public void showRun(String run, List<TrainingEvent.Finding> recorded) {
        shownRun = null; // a run known by its name only: nothing to resume from
        if (!recorded.equals(findings)) {
            clearOutcome(); // another run: what was applied to the last one is said no more
        }
        findings.setAll(recorded);
        heading.set(recorded.isEmpty() ? "The doctor found nothing wrong in " + run + "."
                : count(recorded.size()) + " in " + run + ".");
    }

    private void clearOutcome() {
        outcome.set("");
        setOffered(false);
        applied.clear();
    }

    /** Each node's findings, one line each ("Dead units: …"), in the order found. */
    static Map<String, String> notesByNode(List<TrainingEvent.Finding> findings) {
        Map<String, String> notes = new LinkedHashMap<>();
        for (TrainingEvent.Finding finding : findings) {
            if (finding.node() != null) {
                String line = what(finding) + ": " + finding.explanation();
                notes.merge(finding.node(), line, (a, b) -> a + "\n" + b);
            }
        }
        return notes;
    }

    private static String what(TrainingEvent.Finding finding) {
        return Character.toUpperCase(finding.kind().charAt(0)) + finding.kind().substring(1).replace('-', ' ');
    }

    private static String count(int n) {
        return n == 1 ? "1 finding" : n + " findings";
    }

    /** A finding's first line: what, and where. */
    static String title(TrainingEvent.Finding finding) {
        return what(finding) + (finding.node() == null ? "" : " · node " + finding.node())
                + " · epoch " + finding.epoch() + ", iteration " + finding.iteration();
    }

}
