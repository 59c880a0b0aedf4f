package dev.netwright.designer.inspector;

/** What became of a value typed or picked in the inspector. */
public enum EditOutcome {
    /** The value was applied as one undoable command. */
    CHANGED,
    /** The value equals the current one (or the field no longer edits a node): nothing recorded. */
    UNCHANGED,
    /** The value is not allowed; the field shows why and the design is untouched. */
    REFUSED
}
