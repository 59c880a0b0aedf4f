package dev.netwright.designer.canvas;

import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.design.Edge;
import dev.netwright.runtime.design.Flow;
import javafx.geometry.Point2D;
import javafx.geometry.Rectangle2D;
import javafx.scene.shape.CubicCurve;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.util.List;

import static dev.netwright.designer.canvas.CanvasFixture.node;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Where a wire's curve runs: forwards it leaves and enters its ports sideways; backwards it stays near its two cards. */
@ExtendWith(ApplicationExtension.class)
class WireShapeTest {
    private static final double W = NodeCard.WIDTH;
    private static final double H = NodeCard.HEIGHT;
    private CanvasFixture fx;

    @Start
    void start(Stage stage) {
        // wired right to left: the wire's input lies left of its output
        fx = new CanvasFixture(stage, Design.of("backwards", "", null,
                List.of(node("Input", "input", 700, 100), node("Dense", "dense1", 40, 100)),
                List.of(Edge.of("input", "dense1"))));
    }

    @Test
    void aWireToACardOnTheLeftStaysWithinItsTwoCardsAndAMargin() {
        Rectangle2D from = new Rectangle2D(900, 100, W, H);
        Rectangle2D to = new Rectangle2D(0, 100, W, H);
        CubicCurve curve = new CubicCurve();

        WireView.shape(curve, new Point2D(from.getMaxX(), from.getMinY() + H / 2), new Point2D(to.getMinX(), to.getMinY() + H / 2),
                Flow.RIGHT, from, to);

        Rectangle2D allowed = grown(union(from, to), WireView.MARGIN);
        assertThat(outside(curve, allowed)).as("points of the curve outside " + allowed).isEmpty();
        assertThat(at(curve, 0.5).getY()).as("it passes below the cards, not through them")
                .isGreaterThan(Math.max(from.getMaxY(), to.getMaxY()));
    }

    @Test
    void flowingDownAWireToACardAboveStaysWithinItsTwoCardsAndAMargin() {
        Rectangle2D from = new Rectangle2D(100, 700, W, H);
        Rectangle2D to = new Rectangle2D(100, 0, W, H);
        CubicCurve curve = new CubicCurve();

        WireView.shape(curve, new Point2D(from.getMinX() + W / 2, from.getMaxY()), new Point2D(to.getMinX() + W / 2, to.getMinY()),
                Flow.DOWN, from, to);

        Rectangle2D allowed = grown(union(from, to), WireView.MARGIN);
        assertThat(outside(curve, allowed)).as("points of the curve outside " + allowed).isEmpty();
        assertThat(at(curve, 0.5).getX()).as("it passes beside the cards, not through them")
                .isGreaterThan(Math.max(from.getMaxX(), to.getMaxX()));
    }

    @Test
    void aWireForwardsStillLeavesAndEntersItsPortsSideways() {
        Rectangle2D from = new Rectangle2D(0, 0, W, H);
        Rectangle2D to = new Rectangle2D(400, 200, W, H);
        CubicCurve curve = new CubicCurve();
        Point2D a = new Point2D(from.getMaxX(), H / 2);
        Point2D b = new Point2D(to.getMinX(), 200 + H / 2);

        WireView.shape(curve, a, b, Flow.RIGHT, from, to);

        assertThat(curve.getControlY1()).isEqualTo(a.getY());
        assertThat(curve.getControlX1()).isGreaterThan(a.getX());
        assertThat(curve.getControlY2()).isEqualTo(b.getY());
        assertThat(curve.getControlX2()).isLessThan(b.getX());
    }

    @Test
    void onTheCanvasABackwardWireStaysNearItsCards(FxRobot robot) {
        fx.sync(robot);
        WireView wire = fx.canvas.graph().wire(Edge.of("input", "dense1"));
        Rectangle2D allowed = grown(union(fx.card("input").boundsInCanvas(), fx.card("dense1").boundsInCanvas()),
                WireView.MARGIN);

        assertThat(wire.getStartX()).isCloseTo(fx.card("input").boundsInCanvas().getMaxX(), within(0.5));
        assertThat(wire.getEndX()).isCloseTo(fx.card("dense1").boundsInCanvas().getMinX(), within(0.5));
        assertThat(outside(wire, allowed)).isEmpty();
    }

    private static Rectangle2D union(Rectangle2D a, Rectangle2D b) {
        double minX = Math.min(a.getMinX(), b.getMinX());
        double minY = Math.min(a.getMinY(), b.getMinY());
        return new Rectangle2D(minX, minY, Math.max(a.getMaxX(), b.getMaxX()) - minX, Math.max(a.getMaxY(), b.getMaxY()) - minY);
    }

    private static Rectangle2D grown(Rectangle2D r, double by) {
        return new Rectangle2D(r.getMinX() - by, r.getMinY() - by, r.getWidth() + 2 * by, r.getHeight() + 2 * by);
    }

    /** The curve's points, sampled finely, that lie outside {@code allowed}. */
    private static List<Point2D> outside(CubicCurve curve, Rectangle2D allowed) {
        return java.util.stream.IntStream.rangeClosed(0, 200).mapToObj(i -> at(curve, i / 200.0))
                .filter(p -> !allowed.contains(p)).toList();
    }

    private static Point2D at(CubicCurve c, double t) {
        double u = 1 - t;
        double x = u * u * u * c.getStartX() + 3 * u * u * t * c.getControlX1() + 3 * u * t * t * c.getControlX2()
                + t * t * t * c.getEndX();
        double y = u * u * u * c.getStartY() + 3 * u * u * t * c.getControlY1() + 3 * u * t * t * c.getControlY2()
                + t * t * t * c.getEndY();
        return new Point2D(x, y);
    }
}
