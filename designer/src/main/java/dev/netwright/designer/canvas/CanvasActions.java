package dev.netwright.designer.canvas;

import dev.netwright.designer.command.Command;
import dev.netwright.designer.command.Edits;
import dev.netwright.designer.command.Fragment;
import dev.netwright.designer.document.DesignDocument;
import dev.netwright.designer.layout.AutoLayout;
import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.design.Edge;
import dev.netwright.runtime.design.Flow;
import dev.netwright.runtime.design.Node;
import dev.netwright.runtime.design.Position;
import dev.netwright.runtime.layers.LayerKind;
import javafx.geometry.Point2D;
import javafx.geometry.Rectangle2D;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The canvas's editing actions, for its keys and for the app's menus; each edit is one undoable command. While the
 * document is locked the edits do nothing but say why on the canvas; copy, select all and fit still work.
 */
public final class CanvasActions {
    private static final Logger LOG = LoggerFactory.getLogger(CanvasActions.class);
    /** Canvas units between a node and one added after it by double-click. */
    private static final double AFTER_GAP = 60;
    private final DesignCanvas canvas;
    private final DesignDocument document;
    private FragmentClipboard clipboard = new FragmentClipboard();

    CanvasActions(DesignCanvas canvas) {
        this.canvas = canvas;
        this.document = canvas.document();
    }

    /** Shares a clipboard, e.g. one for every open design, so a copy in one pastes in another. */
    public void setClipboard(FragmentClipboard shared) {
        clipboard = Objects.requireNonNull(shared, "shared");
    }

    public void delete() {
        if (canvas.refuseEdit()) {
            return;
        }
        remove("Delete");
    }

    public void cut() {
        if (canvas.refuseEdit()) {
            return;
        }
        if (!document.selection().isEmpty()) {
            clipboard.put(Fragment.copy(document.design(), document.selection()), true);
            remove("Cut");
        }
    }

    public void copy() {
        if (!document.selection().isEmpty()) {
            clipboard.put(Fragment.copy(document.design(), document.selection()), false);
        }
    }

    /** Pastes the clipboard with fresh ids and its internal wires; the pasted nodes become the selection. */
    public void paste() {
        if (canvas.refuseEdit()) {
            return;
        }
        clipboard.fragment().ifPresent(fragment -> {
            double offset = clipboard.nextOffset();
            place(fragment.placedInto(document.design(), offset, offset), "Paste");
        });
    }

    /** Whether Paste has something to paste. */
    public boolean canPaste() {
        return clipboard.fragment().isPresent();
    }

    public void duplicate() {
        if (canvas.refuseEdit()) {
            return;
        }
        if (!document.selection().isEmpty()) {
            Fragment copy = Fragment.copy(document.design(), document.selection());
            place(copy.placedInto(document.design(), FragmentClipboard.STEP, FragmentClipboard.STEP), "Duplicate");
        }
    }

    private void place(Fragment placed, String verb) {
        if (document.execute(Edits.addFragment(placed, verb))) {
            document.select(placed.nodes().stream().map(Node::id).toList());
        }
    }

    public void selectAll() {
        document.select(document.design().nodes().stream().map(Node::id).toList());
    }

    public void undo() {
        if (canvas.refuseEdit()) {
            return;
        }
        document.commands().undo();
    }

    public void redo() {
        if (canvas.refuseEdit()) {
            return;
        }
        document.commands().redo();
    }

    /** Moves the selection by (dx, dy) canvas units as one command. */
    public void nudge(double dx, double dy) {
        if (canvas.refuseEdit()) {
            return;
        }
        Map<String, Position> moved = new LinkedHashMap<>();
        for (String id : document.selection()) {
            moved.put(id, document.design().requireNode(id).position().translate(dx, dy));
        }
        if (!moved.isEmpty()) {
            document.execute(Edits.moveNodes(moved));
        }
    }

    public void fitToView() {
        canvas.fitToView();
    }

    /** Lays the design out left to right with ELK, using the cards' real sizes, as one undoable step. */
    public void autoLayout() {
        layOut(document.design().flow());
    }

    /**
     * Lays the design out flowing {@code flow} (one undoable command; "Auto-layout" when the flow stays), then shows it
     * readable: the cards have moved, the view follows them.
     */
    public void layOut(Flow flow) {
        if (canvas.refuseEdit()) {
            return;
        }
        canvas.graph().flush();
        long started = System.nanoTime();
        boolean turned = flow != document.design().flow();
        Map<String, Position> positions = AutoLayout.layout(document.design().withFlow(flow), id -> {
            NodeCard card = canvas.graph().card(id);
            boolean laidOut = card != null && card.getWidth() > 0;
            return laidOut ? new AutoLayout.Size(card.getWidth(), card.getHeight())
                    : new AutoLayout.Size(NodeCard.WIDTH, NodeCard.HEIGHT);
        });
        LOG.debug("ELK laid out {} nodes in {} ms", positions.size(), (System.nanoTime() - started) / 1_000_000);
        document.execute(turned ? Edits.layoutFlowing(flow, positions) : Edits.layout(positions));
        canvas.showReadable();
    }

    /** Adds a node of a kind centred on a canvas point (a palette drop); it becomes the selection. */
    public void addAt(LayerKind kind, Point2D canvasPoint) {
        Point2D view = canvas.canvasToView(canvasPoint.getX(), canvasPoint.getY());
        if (canvas.refuseEdit(view.getX(), view.getY())) {
            return;
        }
        String id = document.design().freshId(kind.idPrefix());
        Position at = new Position(Math.round(canvasPoint.getX() - NodeCard.WIDTH / 2),
                Math.round(canvasPoint.getY() - NodeCard.HEIGHT / 2));
        if (document.execute(Edits.addNode(kind, id, at))) {
            document.select(id);
            canvas.requestFocus();
        }
    }

    /**
     * Adds a node of a kind after the one selected node and wires it (a palette double-click), or at a
     * free spot in view when the selection is not one node. When the rules refuse the wire, the node is
     * added unwired and the notice says why, rather than making a wire the checker would only flag.
     */
    public void insert(LayerKind kind) {
        if (canvas.refuseEdit()) {
            return;
        }
        Design design = document.design();
        String id = design.freshId(kind.idPrefix());
        Optional<Node> after = document.selection().size() == 1
                ? design.node(document.selection().iterator().next()) : Optional.empty();
        Rectangle2D preferred = after.map(n -> card(n.position().x() + NodeCard.WIDTH + AFTER_GAP, n.position().y()))
                .orElseGet(this::middleOfView);
        Rectangle2D spot = FreeSpot.near(preferred, design.nodes().stream()
                .map(n -> card(n.position().x(), n.position().y())).toList());
        Position at = new Position(Math.round(spot.getMinX()), Math.round(spot.getMinY()));
        Command command = Edits.addNode(kind, id, at);
        if (after.isPresent() && document.catalog().require(after.get().kind()).hasOutput()) {
            Edge wire = Edge.of(after.get().id(), id);
            Optional<String> refusal = canvas.rules().refusal(design.withNode(kind.newNode(id, at)), wire);
            if (refusal.isEmpty()) {
                command = Edits.addNodeAfter(kind, id, at, after.get().id());
            } else {
                Point2D where = canvas.canvasToView(at.x(), at.y());
                canvas.notice().showBriefly("Added " + kind.displayName() + " unwired: " + refusal.get(),
                        where.getX(), where.getY());
            }
        }
        if (document.execute(command)) {
            document.select(id);
            canvas.reveal(new Rectangle2D(at.x(), at.y(), NodeCard.WIDTH, NodeCard.HEIGHT));
            canvas.requestFocus(); // the new node is selected: Delete, arrows and Ctrl+Z should act on it
        }
    }

    private Rectangle2D middleOfView() {
        Point2D middle = canvas.viewToCanvas(canvas.getWidth() / 2, canvas.getHeight() / 2);
        return card(middle.getX() - NodeCard.WIDTH / 2, middle.getY() - NodeCard.HEIGHT / 2);
    }

    private static Rectangle2D card(double x, double y) {
        return new Rectangle2D(x, y, NodeCard.WIDTH, NodeCard.HEIGHT);
    }

    /** Removes the selected nodes and wires as one command. */
    private void remove(String verb) {
        Set<String> nodes = Set.copyOf(document.selection());
        List<Edge> wires = List.copyOf(canvas.selectedWires());
        if (nodes.isEmpty() && wires.isEmpty()) {
            return;
        }
        Command nodesGone = Edits.deleteNodes(nodes, verb);
        String description = !nodes.isEmpty() ? nodesGone.description()
                : wires.size() == 1 ? Edits.disconnect(wires.get(0)).description() : verb + " " + wires.size() + " wires";
        document.execute(Command.of(description, d -> {
            Design result = d;
            for (Edge wire : wires) {
                result = result.withoutEdge(wire);
            }
            return nodes.isEmpty() ? result : nodesGone.apply(result);
        }));
        canvas.selectedWires().clear();
    }
}
