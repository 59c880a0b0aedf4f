package dev.netwright.designer.canvas;

import dev.netwright.designer.command.Edits;
import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.design.Edge;
import javafx.css.PseudoClass;
import javafx.geometry.Point2D;
import javafx.geometry.Rectangle2D;
import javafx.scene.input.MouseEvent;
import javafx.scene.shape.CubicCurve;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Drag from an output port to wire it. A draft wire follows the mouse; the input ports that
 * {@link dev.netwright.designer.command.WireRules} accepts light up; over a refused port (or card) the
 * port turns red and a notice says why. Releasing on an accepting port makes one Connect command;
 * releasing on a refused one makes nothing and leaves the reason on screen for a few seconds.
 */
final class WireGesture implements Gesture {
    /** How near (view pixels) the cursor must come to a port for the wire to snap to it. */
    private static final double SNAP = 14;
    private static final PseudoClass REFUSED = PseudoClass.getPseudoClass("refused");

    /** Where the wire would go: a card's input port (the view is null for a kind without inputs). */
    private record Target(NodeCard card, String port, PortView view) {
    }

    private final DesignCanvas canvas;
    private final PortView source;
    private final Design design;
    private final CubicCurve draft = new CubicCurve();
    private final Map<String, Optional<String>> verdicts = new HashMap<>();
    private final List<PortView> lit = new ArrayList<>();
    private Target target;

    WireGesture(DesignCanvas canvas, PortView source) {
        this.canvas = canvas;
        this.source = source;
        this.design = canvas.document().design();
        draft.getStyleClass().add("wire-draft");
        draft.setId("wire-draft");
        draft.setFill(null);
        draft.setMouseTransparent(true);
        drawTo(source.centreInCanvas());
        canvas.graph().draftLayer().getChildren().add(draft);
        lightUpVisiblePorts();
    }

    /**
     * Judges only the ports in view: a judgement runs the checker, and 500 of them would stall the press.
     * Ports scrolled into view later are judged when the cursor reaches them.
     */
    private void lightUpVisiblePorts() {
        ViewportState viewport = canvas.viewportState();
        Rectangle2D visible = viewport.get().visibleArea(viewport.viewWidth(), viewport.viewHeight());
        for (NodeCard card : canvas.graph().cards()) {
            if (card == source.card() || !visible.intersects(card.boundsInCanvas())) {
                continue;
            }
            for (PortView port : card.inputPorts()) {
                if (verdict(card, port.port()).isEmpty()) {
                    port.setAccepting(true);
                    lit.add(port);
                }
            }
        }
    }

    private Optional<String> verdict(NodeCard card, String port) {
        return verdicts.computeIfAbsent(card.nodeId() + '\u0000' + port,
                key -> canvas.rules().refusal(design, edgeTo(card, port)));
    }

    private Edge edgeTo(NodeCard card, String port) {
        return new Edge(source.card().nodeId(), source.port(), card.nodeId(), port);
    }

    @Override
    public void drag(MouseEvent event) {
        Point2D at = canvas.viewportState().get().toCanvas(event.getX(), event.getY());
        showTarget(find(at), at, event);
    }

    private void showTarget(Target next, Point2D at, MouseEvent event) {
        if (target != null && target.view() != null) {
            target.view().setTarget(false);
            target.view().setRefused(false);
        }
        target = next;
        Optional<String> refusal = next == null ? Optional.empty() : verdict(next.card(), next.port());
        Point2D end = at;
        if (next == null) {
            canvas.notice().clear();
        } else if (refusal.isEmpty()) {
            end = next.card().inputCentre(next.port());
            if (next.view() != null) {
                next.view().setTarget(true);
            }
            canvas.notice().clear();
        } else {
            if (next.view() != null) {
                next.view().setRefused(true);
            }
            canvas.notice().show(refusal.get(), event.getX(), event.getY());
        }
        draft.pseudoClassStateChanged(REFUSED, refusal.isPresent());
        drawTo(end);
    }

    /** Shapes the draft wire from the source port to {@code end}, routed as a wire to a card there would be. */
    private void drawTo(Point2D end) {
        WireView.shape(draft, source.centreInCanvas(), end, source.card().flow(), source.card().boundsInCanvas(),
                new Rectangle2D(end.getX(), end.getY(), 0, 0));
    }

    /** The input port within snapping distance, else the first input of the card under the cursor. */
    private Target find(Point2D at) {
        double snap = SNAP / canvas.viewportState().get().scale();
        Target best = null;
        double bestDistance = snap;
        for (NodeCard card : canvas.graph().cards()) {
            for (PortView port : card.inputPorts()) {
                double distance = port.centreInCanvas().distance(at);
                if (distance <= bestDistance) {
                    best = new Target(card, port.port(), port);
                    bestDistance = distance;
                }
            }
        }
        if (best != null) {
            return best;
        }
        for (NodeCard card : canvas.graph().cards()) {
            if (card != source.card() && card.boundsInCanvas().contains(at)) {
                return cardTarget(card);
            }
        }
        return null;
    }

    /** Dropping on a card body means its first input that takes the wire (or the first, to say why not). */
    private Target cardTarget(NodeCard card) {
        if (card.inputPorts().isEmpty()) {
            return new Target(card, Edge.IN, null); // refused: the rules say this kind takes no input
        }
        PortView chosen = card.inputPorts().stream().filter(p -> verdict(card, p.port()).isEmpty())
                .findFirst().orElse(card.inputPorts().get(0));
        return new Target(card, chosen.port(), chosen);
    }

    @Override
    public void release(MouseEvent event) {
        drag(event);
        Target made = target;
        cleanUp();
        if (made == null) {
            canvas.notice().clear();
            return;
        }
        Optional<String> refusal = verdict(made.card(), made.port());
        if (refusal.isPresent()) {
            canvas.notice().showBriefly(refusal.get(), event.getX(), event.getY());
        } else {
            canvas.notice().clear();
            canvas.document().execute(Edits.connect(edgeTo(made.card(), made.port())));
        }
    }

    @Override
    public void cancel() {
        canvas.notice().clear();
        cleanUp();
    }

    private void cleanUp() {
        if (target != null && target.view() != null) {
            target.view().setTarget(false);
            target.view().setRefused(false);
        }
        target = null;
        lit.forEach(p -> p.setAccepting(false));
        lit.clear();
        canvas.graph().draftLayer().getChildren().remove(draft);
    }
}
