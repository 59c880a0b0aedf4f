package dev.netwright.designer.layout;

import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.design.Edge;
import dev.netwright.runtime.design.Flow;
import dev.netwright.runtime.design.Node;
import dev.netwright.runtime.design.Position;
import org.eclipse.elk.alg.layered.options.LayeredMetaDataProvider;
import org.eclipse.elk.alg.layered.options.LayeredOptions;
import org.eclipse.elk.core.RecursiveGraphLayoutEngine;
import org.eclipse.elk.core.data.LayoutMetaDataService;
import org.eclipse.elk.core.options.CoreOptions;
import org.eclipse.elk.core.options.Direction;
import org.eclipse.elk.core.options.PortConstraints;
import org.eclipse.elk.core.options.PortSide;
import org.eclipse.elk.core.util.BasicProgressMonitor;
import org.eclipse.elk.graph.ElkNode;
import org.eclipse.elk.graph.ElkPort;
import org.eclipse.elk.graph.util.ElkGraphUtil;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Automatic layered layout (Eclipse ELK, algorithm "layered"), flowing as the design says: left to right, wires
 * leave a node in the middle of its right side and enter in the middle of its left side; top to bottom, they leave at
 * the bottom and enter at the top. ELK is told so (fixed ports), so the lanes it keeps free for long wires are where
 * the canvas really draws them.
 */
public final class AutoLayout {
    private static final double NODE_SPACING = 30;
    private static final double LAYER_SPACING = 60;
    private static final double MARGIN = 40;
    /** Room between a wire that passes a node and the node, so a skip connection never grazes a card. */
    private static final double EDGE_NODE_SPACING = 24;

    static {
        LayoutMetaDataService.getInstance().registerLayoutMetaDataProviders(new LayeredMetaDataProvider());
    }

    private AutoLayout() {
    }

    /** Node size on the canvas (width, height), by node id. */
    public record Size(double width, double height) {
    }

    /** A node card's size on the canvas, for laying out a design before its cards exist. */
    public static final Size CARD = new Size(196, 80);

    /** The shape of the view a design is first shown in (a canvas in a window on a landscape screen). */
    private static final double FIRST_VIEW_WIDTH = 1000;
    private static final double FIRST_VIEW_HEIGHT = 640;

    /**
     * The design as it is, or laid out when its layers all sit on one spot (as the samples ship) with cards of
     * {@link #CARD}'s size, flowing the way that shows it larger in a landscape view: a long chain reads top to bottom
     * (as Keras's plot_model and Netron draw networks), a short wide graph left to right.
     */
    public static Design placedIfUnplaced(Design design) {
        long spots = design.nodes().stream().map(Node::position).distinct().count();
        if (design.nodes().size() < 2 || spots > 1) {
            return design;
        }
        Map<String, Position> right = layout(design.withFlow(Flow.RIGHT), id -> CARD);
        Map<String, Position> down = layout(design.withFlow(Flow.DOWN), id -> CARD);
        boolean downReadsBetter = fitScale(down) > fitScale(right);
        Map<String, Position> at = downReadsBetter ? down : right;
        Design placed = design.withFlow(downReadsBetter ? Flow.DOWN : Flow.RIGHT);
        for (Node node : design.nodes()) {
            Position p = at.get(node.id());
            if (p != null) {
                placed = placed.withNode(node.withPosition(p));
            }
        }
        return placed;
    }

    /** How large a layout of {@link #CARD}-sized cards would be drawn when fitted into the first view. */
    private static double fitScale(Map<String, Position> at) {
        double width = at.values().stream().mapToDouble(p -> p.x() + CARD.width()).max().orElse(1);
        double height = at.values().stream().mapToDouble(p -> p.y() + CARD.height()).max().orElse(1);
        return Math.min(FIRST_VIEW_WIDTH / (width + MARGIN), FIRST_VIEW_HEIGHT / (height + MARGIN));
    }

    private static ElkPort port(ElkNode node, PortSide side, double x, double y) {
        ElkPort port = ElkGraphUtil.createPort(node);
        port.setProperty(CoreOptions.PORT_SIDE, side);
        port.setDimensions(0, 0);
        port.setLocation(x, y);
        return port;
    }

    /** New top-left positions for every node, flowing the way the design says. */
    public static Map<String, Position> layout(Design design, Function<String, Size> sizes) {
        ElkNode root = ElkGraphUtil.createGraph();
        root.setProperty(CoreOptions.ALGORITHM, LayeredOptions.ALGORITHM_ID);
        boolean down = design.flow() == Flow.DOWN;
        root.setProperty(CoreOptions.DIRECTION, down ? Direction.DOWN : Direction.RIGHT);
        root.setProperty(LayeredOptions.SPACING_NODE_NODE, NODE_SPACING);
        root.setProperty(LayeredOptions.SPACING_NODE_NODE_BETWEEN_LAYERS, LAYER_SPACING);
        root.setProperty(LayeredOptions.SPACING_EDGE_NODE, EDGE_NODE_SPACING);
        root.setProperty(LayeredOptions.SPACING_EDGE_NODE_BETWEEN_LAYERS, EDGE_NODE_SPACING);
        Map<String, ElkNode> nodes = new HashMap<>();
        Map<String, ElkPort> outs = new HashMap<>();
        Map<String, ElkPort> ins = new HashMap<>();
        for (Node node : design.nodes()) {
            ElkNode elk = ElkGraphUtil.createNode(root);
            Size size = sizes.apply(node.id());
            elk.setDimensions(size.width(), size.height());
            elk.setIdentifier(node.id());
            elk.setProperty(CoreOptions.PORT_CONSTRAINTS, PortConstraints.FIXED_POS);
            if (down) {
                ins.put(node.id(), port(elk, PortSide.NORTH, size.width() / 2, 0));
                outs.put(node.id(), port(elk, PortSide.SOUTH, size.width() / 2, size.height()));
            } else {
                ins.put(node.id(), port(elk, PortSide.WEST, 0, size.height() / 2));
                outs.put(node.id(), port(elk, PortSide.EAST, size.width(), size.height() / 2));
            }
            nodes.put(node.id(), elk);
        }
        for (Edge edge : design.edges()) {
            ElkGraphUtil.createSimpleEdge(outs.get(edge.from()), ins.get(edge.to()));
        }
        new RecursiveGraphLayoutEngine().layout(root, new BasicProgressMonitor());
        Map<String, Position> positions = new LinkedHashMap<>();
        for (Node node : design.nodes()) {
            ElkNode elk = nodes.get(node.id());
            positions.put(node.id(), new Position(MARGIN + elk.getX(), MARGIN + elk.getY()));
        }
        return positions;
    }
}
