import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;

/**
 * Draws Netwright's icon, a small layered network on a rounded square, as a PNG.
 * Run with Java's single-file launcher: {@code java DrawIcon.java OUT.png [SIZE]}.
 */
public final class DrawIcon {
    private static final int[] LAYERS = {3, 4, 4, 2};

    public static void main(String[] args) throws IOException {
        int size = args.length > 1 ? Integer.parseInt(args[1]) : 256;
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        double s = size / 256.0;
        g.setPaint(new GradientPaint(0, 0, new Color(0x2B4C7E), size, size, new Color(0x1B8A8F)));
        g.fill(new RoundRectangle2D.Double(8 * s, 8 * s, 240 * s, 240 * s, 56 * s, 56 * s));

        double[][][] nodes = new double[LAYERS.length][][];
        for (int layer = 0; layer < LAYERS.length; layer++) {
            nodes[layer] = new double[LAYERS[layer]][];
            double x = (48 + layer * 160.0 / (LAYERS.length - 1)) * s;
            for (int i = 0; i < LAYERS[layer]; i++) {
                double y = (128 + (i - (LAYERS[layer] - 1) / 2.0) * 46) * s;
                nodes[layer][i] = new double[] {x, y};
            }
        }
        g.setStroke(new BasicStroke((float) (3.5 * s)));
        g.setColor(new Color(255, 255, 255, 120));
        for (int layer = 0; layer + 1 < nodes.length; layer++) {
            for (double[] from : nodes[layer]) {
                for (double[] to : nodes[layer + 1]) {
                    g.draw(new Line2D.Double(from[0], from[1], to[0], to[1]));
                }
            }
        }
        double r = 14 * s;
        for (int layer = 0; layer < nodes.length; layer++) {
            g.setColor(layer == nodes.length - 1 ? new Color(0xFFC857) : Color.WHITE);
            for (double[] node : nodes[layer]) {
                g.fill(new Ellipse2D.Double(node[0] - r, node[1] - r, 2 * r, 2 * r));
            }
        }
        g.dispose();
        File out = new File(args[0]);
        if (out.getParentFile() != null) {
            out.getParentFile().mkdirs();
        }
        ImageIO.write(image, "png", out);
    }
}
