package dev.netwright.designer.command;

import dev.netwright.runtime.design.Design;

/**
 * One edit of a design: a pure function from the design it is made for to the edited design, with a
 * description for the Edit menu ("Undo Move 3 layers"). Because designs are immutable, undo and redo
 * restore exact designs, whatever the command did.
 */
public interface Command {

    String description();

    /** The edited design; returning the same design (equal) means the command changes nothing. */
    Design apply(Design design);

    /**
     * Commands with the same key that follow each other make one undo step (the keystrokes in one field of the
     * training settings); null, the default, for a command that is a step of its own. See {@code CommandStack#execute}.
     */
    default String mergeKey() {
        return null;
    }

    /** The same edit, merged with the commands before it that have the same key (see {@link #mergeKey()}). */
    default Command merging(String key) {
        java.util.Objects.requireNonNull(key, "key");
        Command self = this;
        return new Command() {
            @Override
            public String description() {
                return self.description();
            }

            @Override
            public Design apply(Design design) {
                return self.apply(design);
            }

            @Override
            public String mergeKey() {
                return key;
            }
        };
    }

    /** A command from a description and a function. */
    static Command of(String description, java.util.function.UnaryOperator<Design> change) {
        return new Command() {
            @Override
            public String description() {
                return description;
            }

            @Override
            public Design apply(Design design) {
                return change.apply(design);
            }
        };
    }
}
