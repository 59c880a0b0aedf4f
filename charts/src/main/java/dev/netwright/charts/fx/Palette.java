package dev.netwright.charts.fx;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Stroke;

/** Colours and strokes shared by the charts, so training and validation read the same everywhere. */
final class Palette {
    static final Color TRAIN = new Color(0x1f, 0x77, 0xb4);
    static final Color TRAIN_RAW = new Color(0x1f, 0x77, 0xb4, 70);
    static final Color VALIDATION = new Color(0xd6, 0x27, 0x28);
    static final Color EPOCH = new Color(0, 0, 0, 40);
    static final Color GRID = new Color(0xe0, 0xe0, 0xe0);
    static final Stroke THIN = new BasicStroke(1.0f);
    /** Solid, light grid lines: JFreeChart's default dashes cost more to rasterise than the curves themselves. */
    static final Stroke GRID_LINE = new BasicStroke(0.5f);
    static final Stroke LINE = new BasicStroke(2.0f);
    static final Stroke DASHED = new BasicStroke(1.0f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
            new float[] {4f, 4f}, 0f);
    /** A run compared with the live one: same colours, long dashes, hollow markers. */
    static final Stroke COMPARED = new BasicStroke(2.0f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f,
            new float[] {8f, 5f}, 0f);
    static final Color COMPARED_LEGEND = new Color(0x55, 0x55, 0x55);

    private Palette() {
    }
}
