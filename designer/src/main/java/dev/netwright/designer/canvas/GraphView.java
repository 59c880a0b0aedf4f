package dev.netwright.designer.canvas;

import dev.netwright.designer.document.DesignDocument;
import dev.netwright.runtime.check.CheckResult;
import dev.netwright.runtime.check.Diagnostic;
import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.design.Edge;
import dev.netwright.runtime.design.Node;
import dev.netwright.runtime.layers.LayerKind;
import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.collections.SetChangeListener;
import javafx.geometry.Rectangle2D;
import javafx.scene.CacheHint;
import javafx.scene.layout.Pane;
import javafx.util.Duration;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The cards and wires of a design, in canvas coordinates, kept in step with the document. Changes are
 * collected and applied once per pulse (a paste that changes the design and then the selection costs
 * one update), and an update touches only the cards whose node, shape or diagnostics changed.
 */
final class GraphView extends Pane {
    private final DesignDocument document;
    private final Pane wireLayer = layer("wire-layer");
    private final Pane cardLayer = layer("card-layer");
    private final Pane draftLayer = layer("draft-layer");
    private final Map<String, NodeCard> cards = new LinkedHashMap<>();
    private final Map<Edge, WireView> wires = new HashMap<>();
    private final Runnable pulse = this::onPulse;
    private final PauseTransition zoomSettles = new PauseTransition(Duration.millis(250));
    private boolean zooming;
    private boolean pending = true;

    GraphView(DesignDocument document) {
        this.document = document;
        getStyleClass().add("graph");
        getChildren().addAll(wireLayer, cardLayer, draftLayer);
        zoomSettles.setOnFinished(e -> zoomSettled());
        document.designProperty().addListener(o -> schedule());
        document.checkProperty().addListener(o -> schedule());
        document.weightsStatusProperty().addListener(o -> schedule());
        document.doctorNotesProperty().addListener(o -> schedule());
        document.selection().addListener((SetChangeListener<String>) change -> {
            NodeCard card = cards.get(change.wasAdded() ? change.getElementAdded() : change.getElementRemoved());
            if (card != null) {
                card.setSelected(change.wasAdded());
            }
        });
        sceneProperty().addListener((obs, old, scene) -> {
            if (old != null) {
                old.removePreLayoutPulseListener(pulse);
            }
            if (scene != null) {
                scene.addPreLayoutPulseListener(pulse);
                schedule();
            }
        });
    }

    /**
     * While the zoom keeps changing, cards scale their cached bitmaps instead of redrawing text and
     * borders at every step (CacheHint.SCALE); once it has rested they are drawn sharp at the new scale.
     */
    void zoomChanged() {
        if (!zooming) {
            zooming = true;
            cards.values().forEach(card -> card.setCacheHint(CacheHint.SCALE));
        }
        zoomSettles.playFromStart();
    }

    private void zoomSettled() {
        zooming = false;
        cards.values().forEach(card -> card.setCacheHint(CacheHint.DEFAULT));
    }

    private static Pane layer(String styleClass) {
        Pane pane = new Pane();
        pane.getStyleClass().add(styleClass);
        // Unmanaged, never sized: a layer's bounds would otherwise be recomputed over every card on each pass.
        pane.setManaged(false);
        pane.setPickOnBounds(false);
        return pane;
    }

    private void schedule() {
        if (!pending) {
            pending = true;
            Platform.requestNextPulse();
        }
    }

    private void onPulse() {
        if (pending) {
            update();
        }
    }

    /** Applies pending changes now, for callers that need the cards as they will be (sizes, positions). */
    void flush() {
        if (pending) {
            update();
        }
    }

    private void update() {
        pending = false;
        Design design = document.design();
        CheckResult check = document.check();
        var weights = document.weightsStatus();
        Map<String, String> notes = document.doctorNotes();
        Map<String, List<Diagnostic>> byNode = new HashMap<>();
        for (Diagnostic d : check.diagnostics()) {
            if (d.nodeId() != null) {
                byNode.computeIfAbsent(d.nodeId(), id -> new ArrayList<>()).add(d);
            }
        }
        List<javafx.scene.Node> added = new ArrayList<>();
        for (Node node : design.nodes()) {
            NodeCard card = cards.get(node.id());
            // a card's ports sit on the sides its flow gives them: a design that now flows the other way gets new cards
            if (card == null || !card.kind().id().equals(node.kind()) || card.flow() != design.flow()) {
                if (card != null) {
                    removeCard(node.id());
                }
                LayerKind kind = document.catalog().require(node.kind());
                card = new NodeCard(kind, node.id(), design.flow());
                card.setSelected(document.selection().contains(node.id()));
                card.setCacheHint(zooming ? CacheHint.SCALE : CacheHint.DEFAULT);
                cards.put(node.id(), card);
                added.add(card);
            }
            card.show(node, check.node(node.id()).orElse(null), byNode.getOrDefault(node.id(), List.of()),
                    weights.originOf(node.id()), weights.sparseNode(node.id()));
            card.showDoctorNote(notes.getOrDefault(node.id(), ""));
        }
        cardLayer.getChildren().addAll(added); // one list change for a paste of many, not one each
        List<String> gone = cards.keySet().stream().filter(id -> !design.contains(id)).toList();
        gone.forEach(this::removeCard);
        updateWires(design);
    }

    private void removeCard(String id) {
        NodeCard card = cards.remove(id);
        if (card != null) {
            cardLayer.getChildren().remove(card);
        }
    }

    private void updateWires(Design design) {
        Set<Edge> current = new HashSet<>(design.edges());
        for (Iterator<Map.Entry<Edge, WireView>> it = wires.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Edge, WireView> entry = it.next();
            WireView wire = entry.getValue();
            // A wire also goes when a card at either end was replaced, so it never follows a dead card.
            if (!current.contains(entry.getKey()) || !wire.endsAreShown(cards)) {
                wire.dispose();
                wireLayer.getChildren().remove(wire);
                it.remove();
            }
        }
        List<WireView> added = new ArrayList<>();
        for (Edge edge : design.edges()) {
            if (!wires.containsKey(edge)) {
                WireView wire = new WireView(edge, cards.get(edge.from()), cards.get(edge.to()));
                wires.put(edge, wire);
                added.add(wire);
            }
        }
        wireLayer.getChildren().addAll(added);
    }

    NodeCard card(String id) {
        return cards.get(id);
    }

    Collection<NodeCard> cards() {
        return cards.values();
    }

    Collection<WireView> wires() {
        return wires.values();
    }

    WireView wire(Edge edge) {
        return wires.get(edge);
    }

    /** Where drafts (the wire being dragged) are drawn, above the cards. */
    Pane draftLayer() {
        return draftLayer;
    }

    /** The rectangle around every card, in canvas coordinates; null when there are none. */
    Rectangle2D contentBounds() {
        double minX = Double.MAX_VALUE;
        double minY = Double.MAX_VALUE;
        double maxX = -Double.MAX_VALUE;
        double maxY = -Double.MAX_VALUE;
        for (NodeCard card : cards.values()) {
            Rectangle2D b = card.boundsInCanvas();
            minX = Math.min(minX, b.getMinX());
            minY = Math.min(minY, b.getMinY());
            maxX = Math.max(maxX, b.getMaxX());
            maxY = Math.max(maxY, b.getMaxY());
        }
        return cards.isEmpty() ? null : new Rectangle2D(minX, minY, maxX - minX, maxY - minY);
    }
}
