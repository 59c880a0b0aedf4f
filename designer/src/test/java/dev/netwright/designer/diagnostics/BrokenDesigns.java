package dev.netwright.designer.diagnostics;

import dev.netwright.runtime.layers.kinds.StandardKinds;
import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.design.Edge;
import dev.netwright.runtime.design.Position;
import dev.netwright.runtime.layers.LayerCatalog;

import java.util.List;

/** Small designs with known findings, for the diagnostics tests. */
final class BrokenDesigns {
    private static final LayerCatalog CATALOG = StandardKinds.catalog();

    private BrokenDesigns() {
    }

    /** Input → Conv2D → Dense → Output: dense1 needs a Flatten, and the checker offers to insert one. */
    static Design needsFlatten() {
        return Design.of("needs flatten", "", null, List.of(
                CATALOG.require("Input").newNode("input", new Position(0, 0)),
                CATALOG.require("Conv2D").newNode("conv1", new Position(200, 0)),
                CATALOG.require("Dense").newNode("dense1", new Position(400, 0)),
                CATALOG.require("Output").newNode("output", new Position(600, 0))),
                List.of(Edge.of("input", "conv1"), Edge.of("conv1", "dense1"), Edge.of("dense1", "output")));
    }

    /**
     * The same with a Dropout read from the Input whose output goes nowhere: a warning that the checker reports before
     * dense1's error, as it comes earlier in its order (a second Input was the loose end before; two Inputs are an
     * error now, as in training).
     */
    static Design needsFlattenWithLooseEnd() {
        return needsFlatten().withNode(CATALOG.require("Dropout").newNode("loose", new Position(200, 200)))
                .withEdge(Edge.of("input", "loose"));
    }
}
