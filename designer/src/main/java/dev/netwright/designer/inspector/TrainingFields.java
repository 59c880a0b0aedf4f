package dev.netwright.designer.inspector;

import dev.netwright.designer.command.Command;
import dev.netwright.designer.command.Edits;
import dev.netwright.designer.document.DesignDocument;
import dev.netwright.runtime.design.Node;
import dev.netwright.runtime.layers.ParamSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A node's own training settings as inspector fields, in a "Training" group after its kind's parameters:
 * Trainable (unticked: frozen) and the learning-rate factor. They are the node's, not its kind's, so their edits are
 * {@link Edits#setTrainable} and {@link Edits#setLearnRateFactor} rather than parameter edits.
 */
final class TrainingFields {
    static final String GROUP = "Training";
    static final ParamSpec TRAINABLE = ParamSpec.flag("trainable", "Trainable", GROUP, true,
            "Untick to freeze the layer: training leaves its parameters (and BatchNorm's statistics) as they are.");
    static final ParamSpec LEARN_RATE_FACTOR = ParamSpec.decimal("learnRateFactor", "Learning-rate factor", GROUP,
            Node.DEFAULT_LEARN_RATE_FACTOR, 0, 1000,
            "The layer learns at this multiple of the run's learning rate (MATLAB's WeightLearnRateFactor).");

    private static final ParamField.Target SET_TRAINABLE = (id, value) -> Edits.setTrainable(id, (Boolean) value);
    private static final ParamField.Target SET_FACTOR = new ParamField.Target() {
        @Override
        public Command commandFor(String nodeId, Object value) {
            return Edits.setLearnRateFactor(nodeId, (Double) value);
        }

        @Override
        public Optional<String> problemWith(Object value) {
            return (Double) value > 0 ? Optional.empty()
                    : Optional.of(LEARN_RATE_FACTOR.label() + " must be greater than 0");
        }
    };

    private TrainingFields() {
    }

    /**
     * The training fields a node shows: none for a node without parameters (unless it carries settings to undo), and
     * no Trainable box for one that cannot be frozen (an Output), unless a file froze it anyway.
     */
    static List<ParamSpec> specsFor(Node node, boolean hasParams, boolean canFreeze) {
        List<ParamSpec> specs = new ArrayList<>(2);
        if (canFreeze || !node.trainable()) {
            specs.add(TRAINABLE);
        }
        if (hasParams || node.learnRateFactor() != Node.DEFAULT_LEARN_RATE_FACTOR) {
            specs.add(LEARN_RATE_FACTOR);
        }
        return specs;
    }

    static boolean isTrainingField(ParamSpec spec) {
        return spec == TRAINABLE || spec == LEARN_RATE_FACTOR;
    }

    static Object valueOf(Node node, ParamSpec spec) {
        return spec == TRAINABLE ? (Object) node.trainable() : (Object) node.learnRateFactor();
    }

    static ParamField field(DesignDocument document, Node node, ParamSpec spec) {
        return new ParamField(document, node.id(), spec, valueOf(node, spec),
                spec == TRAINABLE ? SET_TRAINABLE : SET_FACTOR);
    }
}
