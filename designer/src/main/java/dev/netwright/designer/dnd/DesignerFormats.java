package dev.netwright.designer.dnd;

import javafx.scene.input.DataFormat;

/** The drag-and-drop formats that the designer's drag sources and drop targets agree on. */
public final class DesignerFormats {
    /**
     * A layer kind id dragged from the palette. Only the id travels: the drop target looks the kind up in
     * its own catalog and makes the command, so nothing else needs to be serialised.
     */
    public static final DataFormat LAYER_KIND = format("application/x-netwright-layer-kind");

    private DesignerFormats() {
    }

    /** DataFormat refuses a MIME type twice per JVM; reuse one that a second class loader already made. */
    private static DataFormat format(String mimeType) {
        DataFormat existing = DataFormat.lookupMimeType(mimeType);
        return existing != null ? existing : new DataFormat(mimeType);
    }
}
