package dev.netwright.app.cli;

import dev.netwright.runtime.data.Examples;
import dev.netwright.runtime.explain.InputLayout;
import dev.netwright.runtime.explain.SegmentBoundaries;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * An explanation as a PNG: the input as the model saw it (after resizing, before normalisation), enlarged, with the
 * attribution over it (red for evidence for the class, blue against, stronger where larger) and a colour scale beside
 * it from −max to +max; for LIME and SHAP on segments, the segments' boundaries as thin yellow lines over it. Drawn
 * with headless AWT.
 */
final class HeatMapPng {
    private static final int TARGET = 280;
    private static final int SCALE_WIDTH = 16;
    private static final int MARGIN = 8;
    private static final int TITLE = 18;
    private static final int LABELS = 64;
    private static final double MAX_ALPHA = 0.65;
    /** The segments' boundaries: the yellow of the Try it panel's, opaque. */
    static final Color BOUNDARY = new Color(255, 212, 0);

    private HeatMapPng() {
    }

    /**
     * Writes the PNG; {@code segmentOf} is the segment of each pixel, whose boundaries are drawn, or null for none
     * (the methods without segments, or when they are not wanted).
     */
    static void write(Path file, Examples raw, int index, InputLayout layout, double[] pixels, int[] segmentOf,
                      String title) throws IOException {
        int cell = Math.max(1, TARGET / Math.max(layout.height(), layout.width()));
        int w = layout.width() * cell;
        int h = layout.height() * cell;
        int width = MARGIN + w + MARGIN + SCALE_WIDTH + LABELS;
        int height = TITLE + Math.max(h, 120) + MARGIN;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            g.drawString(title, MARGIN, TITLE - 5);
            double max = 0;
            for (double v : pixels) {
                max = Math.max(max, Math.abs(v));
            }
            int[] gray = grayscale(raw, index, layout);
            for (int y = 0; y < layout.height(); y++) {
                for (int x = 0; x < layout.width(); x++) {
                    int p = y * layout.width() + x;
                    Color base = new Color(gray[p * 3], gray[p * 3 + 1], gray[p * 3 + 2]);
                    g.setColor(blend(base, max == 0 ? 0 : pixels[p] / max));
                    g.fillRect(MARGIN + x * cell, TITLE + y * cell, cell, cell);
                }
            }
            if (segmentOf != null) {
                boolean[] mask = SegmentBoundaries.mask(segmentOf, layout.height(), layout.width(), cell);
                for (int i = 0; i < mask.length; i++) {
                    if (mask[i]) {
                        image.setRGB(MARGIN + i % w, TITLE + i / w, BOUNDARY.getRGB());
                    }
                }
            }
            int scaleX = MARGIN + w + MARGIN;
            int scaleHeight = Math.max(h, 120);
            for (int y = 0; y < scaleHeight; y++) {
                double value = 1 - 2.0 * y / (scaleHeight - 1);
                g.setColor(blend(Color.WHITE, value));
                g.fillRect(scaleX, TITLE + y, SCALE_WIDTH, 1);
            }
            g.setColor(Color.BLACK);
            g.drawRect(scaleX, TITLE, SCALE_WIDTH, scaleHeight - 1);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
            g.drawString(format(max), scaleX + SCALE_WIDTH + 3, TITLE + 10);
            g.drawString("0", scaleX + SCALE_WIDTH + 3, TITLE + scaleHeight / 2 + 4);
            g.drawString(format(-max), scaleX + SCALE_WIDTH + 3, TITLE + scaleHeight - 2);
        } finally {
            g.dispose();
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        if (!ImageIO.write(image, "png", file.toFile())) {
            throw new IOException("no PNG writer");
        }
    }

    private static String format(double value) {
        return String.format(Locale.ROOT, "%+.3g", value);
    }

    /** Red over the colour for a positive share of the maximum, blue for a negative one. */
    private static Color blend(Color base, double share) {
        double alpha = Math.min(1, Math.abs(share)) * MAX_ALPHA;
        Color over = share >= 0 ? new Color(220, 30, 30) : new Color(30, 80, 230);
        return new Color(mix(base.getRed(), over.getRed(), alpha), mix(base.getGreen(), over.getGreen(), alpha),
                mix(base.getBlue(), over.getBlue(), alpha));
    }

    private static int mix(int a, int b, double alpha) {
        return (int) Math.round(a * (1 - alpha) + b * alpha);
    }

    /**
     * Each pixel as RGB 0..255: images as read (gray or colour), rows of features as gray levels between their
     * smallest and largest value.
     */
    private static int[] grayscale(Examples raw, int index, InputLayout layout) {
        int length = raw.exampleLength();
        float[] f = raw.features();
        int[] rgb = new int[layout.pixels() * 3];
        boolean image = raw.height() == layout.height() && raw.width() == layout.width() && length == layout.values();
        if (image && layout.isImage()) {
            int c = raw.channels();
            for (int p = 0; p < layout.pixels(); p++) {
                for (int k = 0; k < 3; k++) {
                    float v = f[index * length + p * c + (c == 1 ? 0 : k)];
                    rgb[p * 3 + k] = Math.max(0, Math.min(255, Math.round(v)));
                }
            }
            return rgb;
        }
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < length; i++) {
            min = Math.min(min, f[index * length + i]);
            max = Math.max(max, f[index * length + i]);
        }
        for (int p = 0; p < layout.pixels() && p < length; p++) {
            float v = f[index * length + p];
            int level = max > min ? Math.round(255 * (v - min) / (max - min)) : 128;
            rgb[p * 3] = rgb[p * 3 + 1] = rgb[p * 3 + 2] = level;
        }
        return rgb;
    }
}
