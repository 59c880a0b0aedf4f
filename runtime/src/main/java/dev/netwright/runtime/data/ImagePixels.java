package dev.netwright.runtime.data;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;

/** Resizes a decoded image and writes its pixels as floats 0..255, channels last, grayscale or RGB. Headless AWT only. */
final class ImagePixels {

    private ImagePixels() {
    }

    /** Writes {@code height × width × channels} values (channels 1 or 3) into {@code out} from {@code offset}. */
    static void write(BufferedImage source, int height, int width, int channels, float[] out, int offset) {
        BufferedImage rgb = resize(toRgb(source), width, height);
        int i = offset;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int p = rgb.getRGB(x, y);
                int r = (p >> 16) & 0xff;
                int g = (p >> 8) & 0xff;
                int b = p & 0xff;
                if (channels == 1) {
                    // ITU-R BT.601 luma in integers, so that a gray pixel keeps its exact value
                    out[i++] = (299 * r + 587 * g + 114 * b + 500) / 1000;
                } else {
                    out[i++] = r;
                    out[i++] = g;
                    out[i++] = b;
                }
            }
        }
    }

    /**
     * Copies into plain sRGB. Gray images are copied sample by sample: Java's colour conversion treats their
     * gray as linear and would brighten every pixel. Transparent pixels become black.
     */
    static BufferedImage toRgb(BufferedImage source) {
        int w = source.getWidth();
        int h = source.getHeight();
        BufferedImage rgb = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Raster raster = source.getRaster();
        boolean gray = raster.getNumBands() <= 2 && source.getColorModel().getNumColorComponents() == 1
                && source.getColorModel().getPixelSize() >= 8;
        int maxSample = gray ? (1 << source.getColorModel().getComponentSize(0)) - 1 : 255;
        boolean alpha = source.getColorModel().hasAlpha();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int r;
                int g;
                int b;
                int a;
                if (gray) {
                    r = g = b = Math.round(raster.getSample(x, y, 0) * 255f / maxSample);
                    a = alpha ? Math.round(raster.getSample(x, y, 1) * 255f / maxSample) : 255;
                } else {
                    int argb = source.getRGB(x, y);
                    a = alpha ? (argb >>> 24) : 255;
                    r = (argb >> 16) & 0xff;
                    g = (argb >> 8) & 0xff;
                    b = argb & 0xff;
                }
                if (a < 255) {
                    r = r * a / 255;
                    g = g * a / 255;
                    b = b * a / 255;
                }
                rgb.setRGB(x, y, r << 16 | g << 8 | b);
            }
        }
        return rgb;
    }

    /**
     * Bilinear, in halving steps while the image is more than twice the target: a single bilinear step from a
     * much larger image samples only a few source pixels and aliases.
     */
    static BufferedImage resize(BufferedImage rgb, int width, int height) {
        BufferedImage current = rgb;
        while (current.getWidth() > 2 * width || current.getHeight() > 2 * height) {
            int w = Math.max(width, current.getWidth() / 2);
            int h = Math.max(height, current.getHeight() / 2);
            current = draw(current, w, h);
        }
        return current.getWidth() == width && current.getHeight() == height ? current : draw(current, width, height);
    }

    private static BufferedImage draw(BufferedImage source, int width, int height) {
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(source, 0, 0, width, height, null);
        } finally {
            g.dispose();
        }
        return out;
    }
}
