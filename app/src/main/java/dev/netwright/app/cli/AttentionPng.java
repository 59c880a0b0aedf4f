package dev.netwright.app.cli;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * An attention matrix as a PNG: one cell per (query token, key token), rows the queries and columns the keys, from
 * white (no weight) to dark blue (the largest weight in the matrix), with token numbers along both axes and a colour
 * scale beside it from 0 to that largest weight. Drawn with headless AWT.
 */
final class AttentionPng {
    private static final int TARGET = 420;
    private static final int MARGIN = 8;
    private static final int TITLE = 18;
    private static final int AXIS = 36;
    private static final int SCALE_WIDTH = 16;
    private static final int LABELS = 56;
    private static final Color DARK = new Color(8, 48, 107);

    private AttentionPng() {
    }

    /** {@code matrix[query][key]}, a square matrix of weights 0..1. */
    static void write(Path file, double[][] matrix, String title) throws IOException {
        int tokens = matrix.length;
        int cell = Math.max(2, TARGET / tokens);
        int side = tokens * cell;
        int left = MARGIN + AXIS;
        int top = TITLE + AXIS;
        int width = left + side + MARGIN + SCALE_WIDTH + LABELS;
        int height = top + side + MARGIN;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            double max = 0;
            for (double[] row : matrix) {
                for (double w : row) {
                    max = Math.max(max, w);
                }
            }
            for (int i = 0; i < tokens; i++) {
                for (int j = 0; j < tokens; j++) {
                    g.setColor(shade(max == 0 ? 0 : matrix[i][j] / max));
                    g.fillRect(left + j * cell, top + i * cell, cell, cell);
                }
            }
            g.setColor(Color.GRAY);
            g.drawRect(left, top, side - 1, side - 1);
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            g.drawString(title, MARGIN, TITLE - 5);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
            g.drawString("key token →", left, TITLE + 12);
            AffineTransform straight = g.getTransform();
            g.rotate(-Math.PI / 2);
            g.drawString("← query token", -(top + side), MARGIN + 10);
            g.setTransform(straight);
            int every = Math.max(1, (int) Math.ceil(tokens / 14.0));
            for (int t = 0; t < tokens; t += every) {
                String label = Integer.toString(t);
                int centre = t * cell + cell / 2;
                g.drawString(label, left + centre - g.getFontMetrics().stringWidth(label) / 2, top - 4);
                g.drawString(label, left - 4 - g.getFontMetrics().stringWidth(label), top + centre + 4);
            }
            int scaleX = left + side + MARGIN;
            for (int y = 0; y < side; y++) {
                g.setColor(shade(1 - (double) y / Math.max(1, side - 1)));
                g.fillRect(scaleX, top + y, SCALE_WIDTH, 1);
            }
            g.setColor(Color.BLACK);
            g.drawRect(scaleX, top, SCALE_WIDTH, side - 1);
            g.drawString(String.format(Locale.ROOT, "%.3g", max), scaleX + SCALE_WIDTH + 3, top + 10);
            g.drawString("0", scaleX + SCALE_WIDTH + 3, top + side - 2);
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

    /** White at 0, {@link #DARK} at 1. */
    static Color shade(double share) {
        double s = Math.max(0, Math.min(1, share));
        return new Color(mix(255, DARK.getRed(), s), mix(255, DARK.getGreen(), s), mix(255, DARK.getBlue(), s));
    }

    private static int mix(int a, int b, double s) {
        return (int) Math.round(a * (1 - s) + b * s);
    }
}
