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

    @Test
    void readableFitsWhatFitsAtAReadableZoom() {
        Rectangle2D small = new Rectangle2D(0, 0, 400, 300);

        assertThat(Viewport.readable(small, 800, 600, 40, 0.75, 1))
                .isEqualTo(Viewport.fitting(small, 800, 600, 40, 1));
    }

    @Test
    void readableShowsALargeDesignFromItsStartAtTheReadableZoom() {
        // issue 15, defect 7: fitting a long chain gave 0.2 and 3 px text
        Rectangle2D tall = new Rectangle2D(40, 40, 300, 3000);

        Viewport view = Viewport.readable(tall, 800, 600, 40, 0.75, 1);

        assertThat(view.scale()).isEqualTo(0.75);
        Point2D top = view.toView(tall.getMinX() + tall.getWidth() / 2, tall.getMinY());
        assertThat(top.getY()).as("the start is at the top, inside the margin").isCloseTo(40, within(1e-9));
        assertThat(top.getX()).as("centred across: it fits that way").isCloseTo(400, within(1e-9));

        Rectangle2D wide = new Rectangle2D(40, 40, 5000, 3000);
        Point2D corner = Viewport.readable(wide, 800, 600, 40, 0.75, 1).toView(40, 40);
        assertThat(corner).isEqualTo(new Point2D(40, 40));
    }
}
