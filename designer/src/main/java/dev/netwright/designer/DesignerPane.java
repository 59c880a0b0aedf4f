package dev.netwright.designer;

import dev.netwright.designer.canvas.DesignCanvas;
import dev.netwright.designer.diagnostics.DiagnosticsView;
import dev.netwright.designer.diagnostics.StatusTotals;
import dev.netwright.designer.document.DesignDocument;
import dev.netwright.designer.inspector.InspectorView;
import dev.netwright.designer.palette.PaletteView;
import javafx.geometry.Orientation;
import javafx.scene.control.SplitPane;
import javafx.scene.layout.BorderPane;

/**
 * The designer as one component the app embeds: palette on the left, canvas in the middle, inspector on
 * the right and the diagnostics list under the canvas, all working on one {@link DesignDocument}. While the document
 * is locked (a training run uses it) the palette is disabled and the other parts refuse edits but still show it.
 */
public final class DesignerPane extends BorderPane {
    private final DesignDocument document;
    private final PaletteView palette;
    private final DesignCanvas canvas;
    private final InspectorView inspector;
    private final DiagnosticsView diagnostics;
    private final StatusTotals totals;

    public DesignerPane(DesignDocument document) {
        this.document = document;
        palette = new PaletteView(document.catalog());
        canvas = new DesignCanvas(document);
        inspector = new InspectorView(document);
        diagnostics = new DiagnosticsView(document, canvas::centreOn);
        // the link that was clicked goes away with its problem; the keys (L, F, Delete, arrows) belong to the canvas
        diagnostics.setOnFixApplied(canvas::requestFocus);
        totals = new StatusTotals(document);
        palette.setOnActivate(kind -> canvas.actions().insert(kind));
        palette.disableProperty().bind(document.lockedProperty()); // nothing to add to a locked design

        // The canvas has the whole height of the centre; the problems list shares the right column with the
        // inspector (under the canvas it had one entry's height, its fix link cut off).
        SplitPane right = new SplitPane(inspector, diagnostics);
        right.setOrientation(Orientation.VERTICAL);
        right.setDividerPositions(0.5);
        SplitPane main = new SplitPane(palette, canvas, right);
        main.setDividerPositions(0.16, 0.74);
        SplitPane.setResizableWithParent(palette, false);
        SplitPane.setResizableWithParent(right, false);
        setId("designer");
        setCenter(main);
    }

    public DesignDocument document() {
        return document;
    }

    public DesignCanvas canvas() {
        return canvas;
    }

    public PaletteView palette() {
        return palette;
    }

    public InspectorView inspector() {
        return inspector;
    }

    public DiagnosticsView diagnostics() {
        return diagnostics;
    }

    /** Parameter, error and warning counts for the app's status bar. */
    public StatusTotals totals() {
        return totals;
    }
}
