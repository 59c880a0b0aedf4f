package dev.netwright.designer.document;

import dev.netwright.designer.command.Command;
import dev.netwright.runtime.design.Design;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;

/**
 * The undo and redo lists of one design. Every change goes through {@link #execute}; a command that
 * changes nothing is not recorded; a command run from inside another command (or from a listener of
 * one) is refused. {@link #revisionProperty()} counts changes; {@link #dirtyProperty()} says whether the
 * design differs from the last {@link #markSaved() saved} state, also after undoing back to it.
 * While {@link #setLocked locked} (a training run uses the design) execute, undo and redo change nothing
 * and return false; every edit of the designer comes through here, so none slips past the lock. The history keeps
 * the latest {@link #HISTORY_LIMIT} steps.
 */
public final class CommandStack {
    private static final Logger LOG = LoggerFactory.getLogger(CommandStack.class);
    /** How many steps Undo can go back; an edit past that drops the oldest step (each holds two whole designs). */
    public static final int HISTORY_LIMIT = 200;
    /** One applied command: what it was called, the designs before and after it, and its merge key (or null). */
    record Edit(String description, Design before, Design after, long state, String mergeKey) {
    }

    private final ReadOnlyObjectWrapper<Design> design;
    private final Deque<Edit> undo = new ArrayDeque<>();
    private final Deque<Edit> redo = new ArrayDeque<>();
    private final ReadOnlyLongWrapper revision = new ReadOnlyLongWrapper(this, "revision");
    private final ReadOnlyBooleanWrapper dirty = new ReadOnlyBooleanWrapper(this, "dirty");
    private final ReadOnlyBooleanWrapper canUndo = new ReadOnlyBooleanWrapper(this, "canUndo");
    private final ReadOnlyBooleanWrapper canRedo = new ReadOnlyBooleanWrapper(this, "canRedo");
    private final ReadOnlyStringWrapper undoDescription = new ReadOnlyStringWrapper(this, "undoDescription", "");
    private final ReadOnlyStringWrapper redoDescription = new ReadOnlyStringWrapper(this, "redoDescription", "");
    private final ReadOnlyBooleanWrapper locked = new ReadOnlyBooleanWrapper(this, "locked");
    private final ReadOnlyStringWrapper lockReason = new ReadOnlyStringWrapper(this, "lockReason", "");
    private long nextState = 1;
    private long savedState;
    /** The state with nothing left to undo: 0 for the opened design, else the newest step dropped from the history. */
    private long oldestState;
    private boolean busy;

    public CommandStack(Design initial) {
        design = new ReadOnlyObjectWrapper<>(this, "design", Objects.requireNonNull(initial, "initial"));
    }

    public ReadOnlyObjectProperty<Design> designProperty() {
        return design.getReadOnlyProperty();
    }

    public Design design() {
        return design.get();
    }

    /**
     * Runs a command; false when it changed nothing (and so was not recorded) or the design is locked. A command with
     * the {@link Command#mergeKey() merge key} of the last step, when nothing was undone or saved since, joins that
     * step (one undo goes back to before both); one that brings the design back to before that step removes it.
     */
    public boolean execute(Command command) {
        Objects.requireNonNull(command, "command");
        if (refusedWhileLocked(command.description())) {
            return false;
        }
        if (busy) {
            throw new IllegalStateException("'" + command.description()
                    + "' was started while another edit was being applied; edits must not nest");
        }
        busy = true;
        try {
            Design before = design.get();
            Design after = Objects.requireNonNull(command.apply(before), "a command returned no design");
            if (after.equals(before)) {
                return false;
            }
            Edit last = undo.peek();
            String key = command.mergeKey();
            if (key != null && last != null && key.equals(last.mergeKey()) && redo.isEmpty() && last.state() != savedState) {
                undo.pop();
                if (!after.equals(last.before())) {
                    undo.push(new Edit(command.description(), last.before(), after, nextState++, key));
                }
                show(after);
                return true;
            }
            undo.push(new Edit(command.description(), before, after, nextState++, key));
            if (undo.size() > HISTORY_LIMIT) {
                oldestState = undo.removeLast().state();
            }
            redo.clear();
            show(after);
            return true;
        } finally {
            busy = false;
        }
    }

    /** Steps back one command; false when there is none, or while locked. */
    public boolean undo() {
        if (undo.isEmpty() || busy || refusedWhileLocked("Undo")) {
            return false;
        }
        Edit edit = undo.pop();
        redo.push(edit);
        runGuarded(edit.before());
        return true;
    }

    /** Steps forward one undone command; false when there is none, or while locked. */
    public boolean redo() {
        if (redo.isEmpty() || busy || refusedWhileLocked("Redo")) {
            return false;
        }
        Edit edit = redo.pop();
        undo.push(edit);
        runGuarded(edit.after());
        return true;
    }

    /**
     * Locks the design against edits, saying why (e.g. "Training run in progress – stop it to edit"), or unlocks
     * it ({@code reason} is then ignored). The history is kept: after unlocking, undo goes on where it was.
     */
    public void setLocked(boolean lock, String reason) {
        if (lock && (reason == null || reason.isBlank())) {
            throw new IllegalArgumentException("a lock needs a reason the user can read, e.g. what to stop to edit");
        }
        lockReason.set(lock ? reason : "");
        locked.set(lock);
        refreshFlags();
    }

    private boolean refusedWhileLocked(String what) {
        if (locked.get()) {
            LOG.debug("refused '{}': {}", what, lockReason.get());
        }
        return locked.get();
    }

    /** Replaces the design and forgets the history (opening a file, a new design); a lock stays as it is. */
    public void reset(Design replacement) {
        undo.clear();
        redo.clear();
        savedState = 0;
        oldestState = 0;
        runGuarded(Objects.requireNonNull(replacement, "replacement"));
    }

    /** The current state is what is on disk now. */
    public void markSaved() {
        savedState = currentState();
        refreshFlags();
    }

    private void runGuarded(Design next) {
        busy = true;
        try {
            show(next);
        } finally {
            busy = false;
        }
    }

    private void show(Design next) {
        revision.set(revision.get() + 1);
        refreshFlags();
        design.set(next);
    }

    private long currentState() {
        return undo.isEmpty() ? oldestState : undo.peek().state();
    }

    private void refreshFlags() {
        dirty.set(currentState() != savedState);
        // Menus bind to these: Undo and Redo grey out while locked, as every other edit does.
        canUndo.set(!undo.isEmpty() && !locked.get());
        canRedo.set(!redo.isEmpty() && !locked.get());
        undoDescription.set(undo.isEmpty() ? "" : undo.peek().description());
        redoDescription.set(redo.isEmpty() ? "" : redo.peek().description());
    }

    public ReadOnlyLongProperty revisionProperty() {
        return revision.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty dirtyProperty() {
        return dirty.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canUndoProperty() {
        return canUndo.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canRedoProperty() {
        return canRedo.getReadOnlyProperty();
    }

    /** True while edits are refused; see {@link #setLocked}. */
    public ReadOnlyBooleanProperty lockedProperty() {
        return locked.getReadOnlyProperty();
    }

    /** Why the design is locked, for the user; empty while it is not. */
    public ReadOnlyStringProperty lockReasonProperty() {
        return lockReason.getReadOnlyProperty();
    }

    /** What Undo would undo, e.g. "Move 3 layers"; empty when nothing. */
    public ReadOnlyStringProperty undoDescriptionProperty() {
        return undoDescription.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty redoDescriptionProperty() {
        return redoDescription.getReadOnlyProperty();
    }
}
