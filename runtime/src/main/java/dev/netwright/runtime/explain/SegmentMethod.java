package dev.netwright.runtime.explain;

import java.util.Locale;

/**
 * The segmentations a user can choose for LIME and KernelSHAP, as the command line ({@code --segments}) and the Try it
 * panel name them.
 */
public enum SegmentMethod {
    /** {@link Segmentation#AUTOMATIC}. */
    AUTOMATIC("auto", "Automatic"),
    /** Square cells (a 7×7 grid unless a cell size is given). */
    GRID("grid", "Grid"),
    /** About 49 SLIC superpixels: compact regions of like colour. */
    SLIC("slic", "SLIC superpixels"),
    /** Felzenszwalb–Huttenlocher regions: as many as the picture's edges make, of very different sizes. */
    FELZENSZWALB("fh", "Felzenszwalb–Huttenlocher");

    private final String id;
    private final String label;

    SegmentMethod(String id, String label) {
        this.id = id;
        this.label = label;
    }

    /** The name the command line and the process use: auto, grid, slic or fh. */
    public String id() {
        return id;
    }

    @Override
    public String toString() {
        return label;
    }

    /** The method named {@code id} (any case); an unknown name is refused, naming the known ones. */
    public static SegmentMethod byId(String id) throws ExplainException {
        for (SegmentMethod m : values()) {
            if (m.id.equals(id.toLowerCase(Locale.ROOT).strip())) {
                return m;
            }
        }
        throw new ExplainException("Unknown segments '" + id + "': auto, grid, slic or fh");
    }

    /**
     * The segmentation this method makes; {@code cell} is a grid's cell side in pixels (null: a 7×7 grid) and is
     * refused for the other methods. Superpixels are refused, when asked, for inputs that are no picture.
     */
    public Segmentation segmentation(Integer cell) throws ExplainException {
        if (cell != null && this != GRID) {
            throw new ExplainException("A cell size is for grid segments, not " + label);
        }
        if (cell != null && cell < 1) {
            throw new ExplainException("The cell size must be at least 1 pixel, got " + cell);
        }
        return switch (this) {
            case AUTOMATIC -> Segmentation.AUTOMATIC;
            case GRID -> (layout, x) -> cell == null ? Segments.defaultFor(layout) : Segments.grid(layout, cell);
            case SLIC -> (layout, x) -> Superpixels.slic(picture(layout), x, Segments.SUPERPIXELS);
            case FELZENSZWALB -> (layout, x) -> Superpixels.felzenszwalb(picture(layout), x);
        };
    }

    private InputLayout picture(InputLayout layout) throws ExplainException {
        if (!layout.isImage()) {
            throw new ExplainException("Superpixels (slic, fh) are for images, and this model takes "
                    + (layout.sequence() ? "a sequence of " + layout.height() + " steps" : "a row of "
                    + layout.width() + " values") + ": leave the segments at auto (each value its own segment)");
        }
        return layout;
    }
}
