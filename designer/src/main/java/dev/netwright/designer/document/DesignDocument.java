package dev.netwright.designer.document;

import dev.netwright.runtime.layers.kinds.StandardKinds;
import dev.netwright.designer.command.Command;
import dev.netwright.designer.command.Edits;
import dev.netwright.runtime.check.CheckResult;
import dev.netwright.runtime.check.Checker;
import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.layers.Fix;
import dev.netwright.runtime.layers.LayerCatalog;
import dev.netwright.runtime.weights.WeightsStatus;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableSet;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Collection;
import java.util.Map;
import java.util.Set;

/**
 * One open design in the designer: its command stack, the selection, and the checker's result, which
 * is recomputed after every change (a check of 500 nodes takes about a millisecond). Totals are
 * properties for the status bar. While {@link #setLocked locked} (a training run uses the design) every edit is
 * refused and the design stays exactly as it is; selecting and viewing still work. FX-thread confined, like the
 * views that use it.
 */
public final class DesignDocument {
    private static final Logger LOG = LoggerFactory.getLogger(DesignDocument.class);
    private final LayerCatalog catalog;
    private final Checker checker;
    private final CommandStack commands;
    private final ObservableSet<String> selection = FXCollections.observableSet();
    private final ReadOnlyObjectWrapper<CheckResult> check = new ReadOnlyObjectWrapper<>(this, "check");
    private final ReadOnlyLongWrapper totalParams = new ReadOnlyLongWrapper(this, "totalParams");
    private final ReadOnlyLongWrapper errorCount = new ReadOnlyLongWrapper(this, "errorCount");
    private final ReadOnlyObjectWrapper<WeightsStatus> weightsStatus =
            new ReadOnlyObjectWrapper<>(this, "weightsStatus", WeightsStatus.none());
    private final ReadOnlyObjectWrapper<Map<String, String>> doctorNotes =
            new ReadOnlyObjectWrapper<>(this, "doctorNotes", Map.of());

    public DesignDocument(Design design, LayerCatalog catalog) {
        this.catalog = catalog;
        this.checker = new Checker(catalog);
        this.commands = new CommandStack(design);
        recheck(design);
        commands.designProperty().addListener((obs, old, now) -> {
            recheck(now);
            if (now.weights().isEmpty()) {
                weightsStatus.set(WeightsStatus.none()); // nothing to wait for: no node has trained weights now
            }
            selection.retainAll(now.nodes().stream().map(n -> n.id()).toList());
        });
    }

    public DesignDocument(Design design) {
        this(design, StandardKinds.catalog());
    }

    private void recheck(Design design) {
        CheckResult result = checker.check(design);
        check.set(result);
        totalParams.set(result.totalParams());
        errorCount.set(result.errorCount());
    }

    public LayerCatalog catalog() {
        return catalog;
    }

    public CommandStack commands() {
        return commands;
    }

    public Design design() {
        return commands.design();
    }

    public ReadOnlyObjectProperty<Design> designProperty() {
        return commands.designProperty();
    }

    /**
     * Applies a checker's fix (from the problems list or a card's context menu) as one undoable step; false when it
     * changed nothing, the design is locked, or the fix no longer fits the design (it names nodes of the check it
     * came from, and a view that lags a change must not break the editor).
     */
    public boolean applyFix(Fix fix) {
        try {
            return execute(Edits.applyFix(fix, catalog));
        } catch (IllegalArgumentException e) {
            LOG.warn("could not apply '{}': {}", fix.description(), e.getMessage());
            return false;
        }
    }

    /** Runs an edit as one undoable step; false if it changed nothing or the design is locked. */
    public boolean execute(Command command) {
        return commands.execute(command);
    }

    /**
     * Locks the design against every edit (execute, undo, redo), or unlocks it.
     *
     * @param reason what the user is told when an edit is refused, e.g. "Training run in progress – stop it to
     *               edit"; required when locking, ignored when unlocking
     */
    public void setLocked(boolean locked, String reason) {
        commands.setLocked(locked, reason);
    }

    public boolean isLocked() {
        return commands.lockedProperty().get();
    }

    public ReadOnlyBooleanProperty lockedProperty() {
        return commands.lockedProperty();
    }

    /** Why the design is locked; empty while it is not. */
    public String lockReason() {
        return commands.lockReasonProperty().get();
    }

    public ReadOnlyStringProperty lockReasonProperty() {
        return commands.lockReasonProperty();
    }

    public ObservableSet<String> selection() {
        return selection;
    }

    public void select(Collection<String> ids) {
        selection.clear();
        selection.addAll(ids);
    }

    public void select(String id) {
        select(Set.of(id));
    }

    public CheckResult check() {
        return check.get();
    }

    public ReadOnlyObjectProperty<CheckResult> checkProperty() {
        return check.getReadOnlyProperty();
    }

    /**
     * Where each node will start from when trained (its trained weights, or random ones) and why: worked out off the
     * FX thread by whoever composes the designer (it compiles the design), and shown by the cards, the inspector and
     * the problems list. {@link WeightsStatus#none()} for a design without weights.
     */
    public ReadOnlyObjectProperty<WeightsStatus> weightsStatusProperty() {
        return weightsStatus.getReadOnlyProperty();
    }

    public WeightsStatus weightsStatus() {
        return weightsStatus.get();
    }

    /**
     * Shows the weights status worked out for {@code design}; ignored when the design has changed since (a newer one
     * is on its way), so a slow answer never overwrites a newer one.
     */
    public void showWeightsStatus(Design design, WeightsStatus status) {
        java.util.Objects.requireNonNull(status, "status");
        if (design == commands.design()) {
            weightsStatus.set(status);
        }
    }

    /**
     * What the training doctor found on the nodes in the run in view, in words, by node id: the cards of those nodes
     * wear a badge that says it. Plain data handed in by whoever composes the designer (which knows no runs); not an
     * edit of the design. Empty when there is nothing to show.
     */
    public ReadOnlyObjectProperty<Map<String, String>> doctorNotesProperty() {
        return doctorNotes.getReadOnlyProperty();
    }

    public Map<String, String> doctorNotes() {
        return doctorNotes.get();
    }

    /** Shows what the training doctor found on each node ({@link #doctorNotesProperty()}); an empty map clears it. */
    public void showDoctorNotes(Map<String, String> notes) {
        doctorNotes.set(Map.copyOf(notes));
    }

    public ReadOnlyLongProperty totalParamsProperty() {
        return totalParams.getReadOnlyProperty();
    }

    public ReadOnlyLongProperty errorCountProperty() {
        return errorCount.getReadOnlyProperty();
    }
}
