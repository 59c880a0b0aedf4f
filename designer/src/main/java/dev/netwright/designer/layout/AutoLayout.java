package dev.netwright.designer.layout;

import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.design.Edge;
import dev.netwright.runtime.design.Node;
import dev.netwright.runtime.design.Position;
import org.eclipse.elk.alg.layered.options.LayeredMetaDataProvider;
import org.eclipse.elk.alg.layered.options.LayeredOptions;
import org.eclipse.elk.core.RecursiveGraphLayoutEngine;
import org.eclipse.elk.core.data.LayoutMetaDataService;
import org.eclipse.elk.core.options.CoreOptions;
import org.eclipse.elk.core.options.Direction;
import org.eclipse.elk.core.util.BasicProgressMonitor;
import org.eclipse.elk.graph.ElkNode;
import org.eclipse.elk.graph.util.ElkGraphUtil;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/** Automatic layered layout (Eclipse ELK, algorithm "layered"), flowing left to right. */
public final class AutoLayout {
    private static final double NODE_SPACING = 30;
    private static final double LAYER_SPACING = 60;
    private static final double MARGIN = 40;

    static {
        LayoutMetaDataService.getInstance().registerLayoutMetaDataProviders(new LayeredMetaDataProvider());
    }

    private AutoLayout() {
    }

    /** Node size on the canvas (width, height), by node id. */
    public record Size(double width, double height) {
    }

    /** New top-left positions for every node. */
    public static Map<String, Position> layout(Design design, Function<String, Size> sizes) {
        ElkNode root = ElkGraphUtil.createGraph();
        root.setProperty(CoreOptions.ALGORITHM, LayeredOptions.ALGORITHM_ID);
        root.setProperty(CoreOptions.DIRECTION, Direction.RIGHT);
        root.setProperty(LayeredOptions.SPACING_NODE_NODE, NODE_SPACING);
        root.setProperty(LayeredOptions.SPACING_NODE_NODE_BETWEEN_LAYERS, LAYER_SPACING);
        Map<String, ElkNode> nodes = new HashMap<>();
        for (Node node : design.nodes()) {
            ElkNode elk = ElkGraphUtil.createNode(root);
            Size size = sizes.apply(node.id());
            elk.setDimensions(size.width(), size.height());
            elk.setIdentifier(node.id());
            nodes.put(node.id(), elk);
        }
        for (Edge edge : design.edges()) {
            ElkGraphUtil.createSimpleEdge(nodes.get(edge.from()), nodes.get(edge.to()));
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
