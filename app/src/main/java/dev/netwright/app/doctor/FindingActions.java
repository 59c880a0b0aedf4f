package dev.netwright.app.doctor;

import dev.netwright.designer.command.Command;
import dev.netwright.designer.command.Edits;
import dev.netwright.designer.document.DesignDocument;
import dev.netwright.runtime.data.DataException;
import dev.netwright.runtime.data.DataSources;
import dev.netwright.runtime.design.DataRef;
import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.design.Node;
import dev.netwright.runtime.design.TrainingPlan;
import dev.netwright.runtime.layers.LayerKind;
import dev.netwright.runtime.layers.ParamSpec;
import dev.netwright.runtime.train.TrainingEvent.Action;
import dev.netwright.runtime.train.TrainingPlans;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * Applies a training doctor's suggestion to the open design as one undoable edit, through the designer's own commands:
 * a node's parameter as the inspector sets it ({@link Edits#setParam}), a training setting as the training form saves
 * it with the design ({@link Edits#changeTraining}), a layer inserted after a node and wired in
 * ({@link Edits#insertAfter}), the data reference ending with {@code #per-class=N} ({@link Edits#setData}). What cannot be applied (a node since deleted, a locked design) is said plainly.
 */
public final class FindingActions {
    /** The training settings the window holds, by the doctor's name for them (a run request's), with the form's label. */
    private static final Map<String, Setting> SETTINGS = Map.of(
            "learningRate", new Setting("learning rate", (plan, v) -> plan.withLearningRate(v)),
            "epochs", new Setting("epochs", (plan, v) -> plan.withEpochs(whole(v))),
            "l2", new Setting("L2", (plan, v) -> plan.withL2(v)),
            "earlyStoppingPatience", new Setting("patience", (plan, v) -> plan.withPatience(whole(v))),
            "batchSize", new Setting("batch size", (plan, v) -> plan.withBatchSize(whole(v))));

    private final DesignDocument document;
    private final Supplier<String> dataInUse;

    /**
     * What became of an action: whether the design changed, what the user is told, and the design before the change
     * (null when nothing changed), by which an undo of it is recognised.
     */
    public record Outcome(boolean changed, String message, Design before) {
        public Outcome(boolean changed, String message) {
            this(changed, message, null);
        }

        static Outcome unchanged(String message) {
            return new Outcome(false, message);
        }
    }

    private record Setting(String label, BiFunction<TrainingPlan, Double, TrainingPlan> change) {
    }

    /**
     * @param dataInUse the data reference the window trains on now (the Data tab's, else the design's own), which a
     *                  suggestion about the data (balance the classes) changes
     */
    public FindingActions(DesignDocument document, Supplier<String> dataInUse) {
        this.document = Objects.requireNonNull(document, "document");
        this.dataInUse = Objects.requireNonNull(dataInUse, "dataInUse");
    }

    /** Actions on a window whose data is the design's own, or the bundled sample where the design names none. */
    public FindingActions(DesignDocument document) {
        this(document, () -> document.design().data().map(DataRef::source).orElse(DataSources.SAMPLE));
    }

    /**
     * Whether the window can apply an action in one click: not advice, and not a setting the training form does not
     * hold (gradient clipping and the normalisation are set on the command line).
     */
    public static boolean appliable(Action action) {
        return switch (action.kind()) {
            case "set-param" -> action.node() != null && action.name() != null && action.value() != null;
            case "insert-after" -> action.node() != null && action.name() != null;
            case "set-setting" -> SETTINGS.containsKey(action.name()) && action.value() != null;
            case "set-data" -> "per-class".equals(action.name()) && action.value() != null;
            default -> false;
        };
    }

    /** Applies {@code action} as one undoable edit of the design, or says why nothing changed. FX thread. */
    public Outcome apply(Action action) {
        if (!appliable(action)) {
            return Outcome.unchanged("This suggestion cannot be applied in one click: " + action.description());
        }
        if (document.isLocked()) {
            return Outcome.unchanged("Not applied: " + document.lockReason());
        }
        if (action.node() != null && !document.design().contains(action.node())) {
            return Outcome.unchanged("Node " + action.node() + " is no longer in the design: nothing was changed.");
        }
        try {
            return switch (action.kind()) {
                case "set-param" -> setParam(action);
                case "insert-after" -> insertAfter(action);
                case "set-data" -> setPerClass(action);
                default -> setSetting(action);
            };
        } catch (IllegalArgumentException e) {
            return Outcome.unchanged("Not applied: " + e.getMessage());
        }
    }

    private Outcome setParam(Action action) {
        Node node = document.design().requireNode(action.node());
        LayerKind kind = document.catalog().require(node.kind());
        Optional<ParamSpec> found = kind.findParam(action.name());
        if (found.isEmpty()) {
            return Outcome.unchanged(node.id() + " (" + kind.displayName() + ") has no setting '" + action.name()
                    + "': nothing was changed.");
        }
        ParamSpec spec = found.get();
        Object value = parse(spec, action.value());
        Optional<String> problem = spec.problemWith(value);
        if (problem.isPresent()) {
            return Outcome.unchanged("Not applied: " + problem.get() + ".");
        }
        Command command = Edits.setParam(node.id(), spec, value);
        return execute(command, spec.label() + " of " + node.id() + " is " + value + " already: nothing was changed.");
    }

    /** The action's value as the parameter holds it (ParamSpec's rule, as the inspector reads typed values). */
    private static Object parse(ParamSpec spec, String text) {
        return spec.parse(text).orElseThrow(() -> new IllegalArgumentException(
                spec.label() + " must be " + spec.type().inWords() + ", not '" + text + "'"));
    }

    private Outcome insertAfter(Action action) {
        Design design = document.design();
        Node node = design.requireNode(action.node());
        Optional<LayerKind> layer = document.catalog().find(action.name());
        if (layer.isEmpty()) {
            return Outcome.unchanged("Netwright has no layer kind '" + action.name() + "': nothing was changed.");
        }
        if (!document.catalog().require(node.kind()).hasOutput()) {
            return Outcome.unchanged(node.id() + " has no output to put a " + layer.get().displayName()
                    + " after: nothing was changed.");
        }
        String id = design.freshId(layer.get().idPrefix());
        Outcome outcome = execute(Edits.insertAfter(node.id(), layer.get(), id), "Nothing was changed.");
        if (outcome.changed()) {
            document.select(id);
        }
        return outcome;
    }

    private Outcome setSetting(Action action) {
        Setting setting = SETTINGS.get(action.name());
        double value;
        try {
            value = Double.parseDouble(action.value().trim());
        } catch (NumberFormatException e) {
            return Outcome.unchanged("Not applied: the suggested " + setting.label() + " '" + action.value()
                    + "' is not a number.");
        }
        TrainingPlan defaults = TrainingPlans.defaults();
        Optional<TrainingPlan> saved = document.design().training();
        TrainingPlan next = setting.change().apply(saved.orElse(defaults), value);
        // settings that are all the defaults are saved as none, as the training form saves them
        Command command = Edits.changeTraining(setting.label(), action.value(), next.equals(defaults) ? null : next);
        return execute(command, "The " + setting.label() + " is " + action.value() + " already: nothing was changed.");
    }

    /**
     * Ends the data reference the window trains on with {@code #per-class=N}, made the design's own data (an undoable
     * edit; the Data tab follows the design's data when it changes).
     */
    private Outcome setPerClass(Action action) {
        int n;
        try {
            n = Integer.parseInt(action.value().trim());
        } catch (NumberFormatException e) {
            return Outcome.unchanged("Not applied: the suggested number of examples per class '" + action.value()
                    + "' is not a whole number.");
        }
        String balanced;
        try {
            balanced = DataSources.withPerClass(dataInUse.get(), n);
        } catch (DataException e) {
            return Outcome.unchanged("Not applied: " + e.getMessage() + ".");
        }
        return execute(Edits.setData(balanced), "The data is " + balanced + " already: nothing was changed.");
    }

    private Outcome execute(Command command, String whenUnchanged) {
        Design before = document.design();
        if (!document.execute(command)) {
            return Outcome.unchanged(whenUnchanged);
        }
        return new Outcome(true, "Changed: " + command.description() + ". Undo (Ctrl+Z) takes it back.", before);
    }

    private static int whole(double value) {
        if (value != Math.rint(value) || Math.abs(value) > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("the suggested value " + value + " is not a whole number");
        }
        return (int) value;
    }
}
