package dev.netwright.designer.inspector;

import dev.netwright.designer.command.Command;
import dev.netwright.designer.command.Edits;
import dev.netwright.designer.document.DesignDocument;
import dev.netwright.runtime.layers.ParamSpec;
import dev.netwright.runtime.layers.ParamType;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;

/**
 * One catalog parameter of the inspected node: its current value, and the refusal message of the last value
 * the user tried. Accepted values become one {@link Edits#setParam} command (or, for the node's own training
 * settings, the command its {@link Target} makes); refused ones change nothing.
 */
public final class ParamField {
    private static final Logger LOG = LoggerFactory.getLogger(ParamField.class);

    private final DesignDocument document;
    private final String nodeId;
    private final ParamSpec spec;
    private final Target target;
    private final ReadOnlyObjectWrapper<Object> value = new ReadOnlyObjectWrapper<>(this, "value");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper(this, "problem", "");
    private boolean detached;

    /** What an accepted value edits, and what it refuses beyond the spec's range. */
    interface Target {
        Command commandFor(String nodeId, Object value);

        /** Why a value within the spec's range is still refused, e.g. a factor of 0; empty when it is not. */
        default Optional<String> problemWith(Object value) {
            return Optional.empty();
        }
    }

    ParamField(DesignDocument document, String nodeId, ParamSpec spec, Object current) {
        this(document, nodeId, spec, current, (id, v) -> Edits.setParam(id, spec, v));
    }

    ParamField(DesignDocument document, String nodeId, ParamSpec spec, Object current, Target target) {
        this.document = Objects.requireNonNull(document, "document");
        this.nodeId = Objects.requireNonNull(nodeId, "nodeId");
        this.spec = Objects.requireNonNull(spec, "spec");
        this.target = Objects.requireNonNull(target, "target");
        value.set(current);
    }

    public ParamSpec spec() {
        return spec;
    }

    /** The parameter's name in the file, e.g. {@code kernelHeight}; editors use it in their ids. */
    public String name() {
        return spec.name();
    }

    public String nodeId() {
        return nodeId;
    }

    /** The value the design holds now (the kind's default where the node leaves it out). */
    public ReadOnlyObjectProperty<Object> valueProperty() {
        return value.getReadOnlyProperty();
    }

    public Object value() {
        return value.get();
    }

    /** Why the last value tried was refused, e.g. "Kernel height must be 1–256"; empty when it was not. */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    public String problem() {
        return problem.get();
    }

    /** True while the document is locked against edits; editors are disabled then. */
    public ReadOnlyBooleanProperty lockedProperty() {
        return document.lockedProperty();
    }

    /** The current value as a text field shows it. */
    public String text() {
        return format(value.get());
    }

    /** Applies a typed value (Integer, Double, Boolean or String, as the parameter's type says). */
    public EditOutcome submit(Object candidate) {
        Optional<String> refusal = candidate == null ? Optional.of(spec.label() + " needs a value")
                : spec.problemWith(candidate).map(p -> refusalFor(p)).or(() -> target.problemWith(candidate));
        if (refusal.isPresent()) {
            LOG.debug("refused {} = {} on {}: {}", spec.name(), candidate, nodeId, refusal.get());
            problem.set(refusal.get());
            return EditOutcome.REFUSED;
        }
        if (document.isLocked()) {
            // Reached by a focus-lost commit when a lock disables the field being typed in: keep the text, say why.
            problem.set(document.lockReason());
            return EditOutcome.REFUSED;
        }
        problem.set("");
        // A field outlives its node for a moment when the selection moves on (focus-lost commits): ignore it.
        if (detached || candidate.equals(value.get())) {
            return EditOutcome.UNCHANGED;
        }
        return document.execute(target.commandFor(nodeId, candidate)) ? EditOutcome.CHANGED : EditOutcome.UNCHANGED;
    }

    /** Parses what was typed into a number field, then {@link #submit submits} it. */
    public EditOutcome submitText(String text) {
        Optional<Object> parsed = spec.parse(text);
        if (parsed.isEmpty()) {
            problem.set(spec.label() + " must be " + spec.type().inWords() + ", " + spec.allowed());
            return EditOutcome.REFUSED;
        }
        return submit(parsed.get());
    }

    /** Forgets a refusal, e.g. when the user presses Escape to go back to the current value. */
    public void clearProblem() {
        problem.set("");
    }

    void show(Object current) {
        value.set(current);
        problem.set("");
    }

    void detach() {
        detached = true;
    }

    private String refusalFor(String runtimeMessage) {
        // Numbers get the short form the user can act on; other types keep the catalog's own wording.
        return spec.type() == ParamType.INT || spec.type() == ParamType.DOUBLE
                ? spec.label() + " must be " + spec.allowed()
                : runtimeMessage;
    }

    static String format(Object value) {
        if (value instanceof Double d) {
            return Double.isFinite(d) ? BigDecimal.valueOf(d).stripTrailingZeros().toPlainString() : d.toString();
        }
        return value == null ? "" : value.toString();
    }
}
