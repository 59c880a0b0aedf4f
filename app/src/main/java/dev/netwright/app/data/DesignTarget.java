package dev.netwright.app.data;

import dev.netwright.runtime.layers.kinds.StandardKinds;
import dev.netwright.runtime.layers.Shape;
import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.design.Node;
import dev.netwright.runtime.layers.kinds.InputKind;
import dev.netwright.runtime.layers.kinds.OutputKind;

import java.util.List;
import java.util.Optional;

/**
 * What a design expects of its data: the Input's shape and the Output's units. Present only for a design with
 * exactly one Input and one Output; anything else is the checker's to report, not the data panel's.
 */
record DesignTarget(Shape input, String outputId, int outputUnits) {

    /** The shape data is read with when there is no design yet: Fashion-MNIST's. */
    static final Shape DEFAULT_INPUT = new Shape.Image(28, 28, 1);

    static Optional<DesignTarget> of(Design design) {
        if (design == null) {
            return Optional.empty();
        }
        List<Node> inputs = design.nodes().stream().filter(n -> n.kind().equals(InputKind.ID)).toList();
        List<Node> outputs = design.nodes().stream().filter(n -> n.kind().equals(OutputKind.ID)).toList();
        if (inputs.size() != 1 || outputs.size() != 1) {
            return Optional.empty();
        }
        try {
            Node output = outputs.get(0);
            int units = StandardKinds.catalog().require(OutputKind.ID).read(output).getInt("units");
            return Optional.of(new DesignTarget(InputKind.shapeOf(inputs.get(0)), output.id(), units));
        } catch (RuntimeException e) {
            // A parameter of the wrong type is a broken design file; the checker names it.
            return Optional.empty();
        }
    }

    /** The Input shape of {@code design}, or Fashion-MNIST's when it has none to offer. */
    static Shape inputOf(Design design) {
        return of(design).map(DesignTarget::input).orElse(DEFAULT_INPUT);
    }
}
