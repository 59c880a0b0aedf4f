package dev.netwright.designer.canvas;

import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.scene.Node;
import javafx.scene.layout.Region;
import javafx.scene.transform.Scale;
import javafx.scene.transform.Translate;

/**
 * The canvas's zoom and pan, held in the two transforms of the content. Panning and zooming change only
 * transforms, so they never lay out or restyle a card. Setting {@link #zoom()} from outside zooms about
 * the middle of the view.
 */
final class ViewportState {
    private final Region view;
    private final Translate translate = new Translate();
    private final Scale scale = new Scale(1, 1, 0, 0);
    private final DoubleProperty zoom = new SimpleDoubleProperty(this, "zoom", 1);
    private boolean applying;
    private Runnable onRescale = () -> { };

    ViewportState(Region view, Node content) {
        this.view = view;
        content.getTransforms().setAll(translate, scale);
        zoom.addListener((obs, old, now) -> {
            if (!applying) {
                set(new Viewport(old.doubleValue(), translate.getX(), translate.getY())
                        .zoomedAbout(now.doubleValue(), view.getWidth() / 2, view.getHeight() / 2));
            }
        });
    }

    Viewport get() {
        return new Viewport(scale.getX(), translate.getX(), translate.getY());
    }

    void set(Viewport viewport) {
        boolean rescaled = viewport.scale() != scale.getX();
        applying = true;
        try {
            scale.setX(viewport.scale());
            scale.setY(viewport.scale());
            translate.setX(viewport.translateX());
            translate.setY(viewport.translateY());
            zoom.set(viewport.scale());
        } finally {
            applying = false;
        }
        if (rescaled) {
            onRescale.run();
        }
    }

    /** Called after each change of scale (not of translation), e.g. to let cards scale cached bitmaps. */
    void setOnRescale(Runnable action) {
        onRescale = action;
    }

    DoubleProperty zoom() {
        return zoom;
    }

    double viewWidth() {
        return view.getWidth();
    }

    double viewHeight() {
        return view.getHeight();
    }
}
