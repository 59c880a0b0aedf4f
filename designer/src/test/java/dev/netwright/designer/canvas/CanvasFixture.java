package dev.netwright.designer.canvas;

import dev.netwright.runtime.layers.kinds.StandardKinds;
import dev.netwright.designer.document.DesignDocument;
import dev.netwright.designer.palette.PaletteView;
import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.format.DesignJson;
import dev.netwright.runtime.design.Node;
import dev.netwright.runtime.design.Position;
import dev.netwright.runtime.layers.LayerCatalog;
import javafx.geometry.Point2D;
import javafx.scene.Scene;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;
import org.testfx.api.FxRobot;

import java.util.Map;

/** A palette and a canvas in a window, for the TestFX tests, with helpers to build designs and find things. */
final class CanvasFixture {
    static final LayerCatalog CATALOG = StandardKinds.catalog();
    final DesignDocument document;
    final DesignCanvas canvas;
    final PaletteView palette;

    CanvasFixture(Stage stage, Design design) {
        document = new DesignDocument(design, CATALOG);
        canvas = new DesignCanvas(document);
        palette = new PaletteView(CATALOG);
        palette.setOnActivate(canvas.actions()::insert);
        BorderPane root = new BorderPane(canvas);
        root.setLeft(palette);
        stage.setScene(new Scene(root, 1000, 640));
        stage.show();
        canvas.requestFocus();
    }

    static Node node(String kind, String id, double x, double y, Map<String, Object> params) {
        Node node = CATALOG.require(kind).newNode(id, new Position(x, y));
        for (Map.Entry<String, Object> p : params.entrySet()) {
            node = node.withParam(p.getKey(), p.getValue());
        }
        return node;
    }

    static Node node(String kind, String id, double x, double y) {
        return node(kind, id, x, y, Map.of());
    }

    static String json(Design design) {
        return new DesignJson(CATALOG).write(design);
    }

    String json() {
        return json(document.design());
    }

    /** Brings the cards up to date with the document now rather than at the next pulse. */
    void sync(FxRobot robot) {
        robot.interact(canvas.graph()::flush);
    }

    NodeCard card(String id) {
        return canvas.graph().card(id);
    }

    /** A canvas point on the screen, for the robot. */
    Point2D screen(double canvasX, double canvasY) {
        Point2D view = canvas.canvasToView(canvasX, canvasY);
        return canvas.localToScreen(view.getX(), view.getY());
    }

    Point2D screenOf(javafx.scene.Node node) {
        javafx.geometry.Bounds b = node.localToScreen(node.getBoundsInLocal());
        return new Point2D(b.getCenterX(), b.getCenterY());
    }

    Point2D outPort(String id) {
        return screenOf(card(id).outputPort());
    }

    Point2D inPort(String id) {
        return screenOf(card(id).inputPorts().get(0));
    }
}
