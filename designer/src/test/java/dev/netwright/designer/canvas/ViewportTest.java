package dev.netwright.designer.canvas;

import javafx.geometry.Point2D;
import javafx.geometry.Rectangle2D;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ViewportTest {

    @Test
    void zoomingAboutAPointKeepsTheCanvasPointUnderItFixed() {
        Viewport before = new Viewport(0.8, -120, 45);
        Point2D under = before.toCanvas(300, 200);

        Viewport after = before.zoomedAbout(1.7, 300, 200);

        Point2D view = after.toView(under.getX(), under.getY());
        assertThat(view.getX()).isCloseTo(300, within(1e-9));
        assertThat(view.getY()).isCloseTo(200, within(1e-9));
        assertThat(after.scale()).isEqualTo(1.7);
    }

    @Test
    void zoomIsClampedToItsRange() {
        assertThat(Viewport.IDENTITY.zoomedAbout(100, 0, 0).scale()).isEqualTo(Viewport.MAX_SCALE);
        assertThat(Viewport.IDENTITY.zoomedAbout(0.001, 0, 0).scale()).isEqualTo(Viewport.MIN_SCALE);
    }

    @Test
    void viewAndCanvasCoordinatesAreInverse() {
        Viewport viewport = new Viewport(2.5, 33, -71);
        Point2D canvas = viewport.toCanvas(410, 92);
        Point2D back = viewport.toView(canvas.getX(), canvas.getY());
        assertThat(back.getX()).isCloseTo(410, within(1e-9));
        assertThat(back.getY()).isCloseTo(92, within(1e-9));
    }

    @Test
    void fittingShowsTheWholeContentCentredAndNeverZoomsInPastTheLimit() {
        Rectangle2D wide = new Rectangle2D(100, 50, 2000, 100);
        Viewport fit = Viewport.fitting(wide, 800, 600, 40, 1);
        assertThat(fit.scale()).isCloseTo(720.0 / 2000, within(1e-9));
        Rectangle2D visible = fit.visibleArea(800, 600);
        assertThat(visible.contains(wide)).isTrue();
        assertThat(visible.getMinX() + visible.getWidth() / 2).isCloseTo(1100, within(1e-9));

        Viewport small = Viewport.fitting(new Rectangle2D(0, 0, 100, 50), 800, 600, 40, 1);
        assertThat(small.scale()).isEqualTo(1);
    }

    @Test
    void centringPutsTheCanvasPointInTheMiddle() {
        Viewport centred = new Viewport(2, 0, 0).centredOn(500, 300, 800, 600);
        Point2D view = centred.toView(500, 300);
        assertThat(view).isEqualTo(new Point2D(400, 300));
    }
}
