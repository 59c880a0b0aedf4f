package dev.netwright.runtime.data;

import dev.netwright.runtime.design.Augmentation;

import java.util.Objects;
import java.util.Random;

/**
 * Applies an {@link Augmentation} to images, in plain Java on float arrays: the worker to each training minibatch
 * (laid out as the network takes it, {@code [n, C, H, W]}, see {@link Views}), the data panel's preview to its
 * samples ({@link #augmented}), so that the preview shows what training sees. Each image gets its own {@link Draw}
 * from the {@link Random} it is given, so the same seed gives the same images.
 *
 * <p>The steps, in order, as torchvision's transforms would apply them one after another: the random crop of the
 * padded image, the shift, the rotation (bilinear), the flip, then the erasing. Every pixel that a step uncovers is 0;
 * the steps are computed together in one pass over the output, each pixel looked up through them backwards.
 */
public final class ImageAugmenter {
    /** RandomErasing's defaults: the rectangle's share of the image and its aspect ratio, and the tries to fit one. */
    static final double ERASE_MIN_AREA = 0.02;
    static final double ERASE_MAX_AREA = 0.33;
    static final double ERASE_MIN_RATIO = 0.3;
    static final double ERASE_MAX_RATIO = 3.3;
    static final int ERASE_TRIES = 10;

    private final Augmentation augmentation;

    public ImageAugmenter(Augmentation augmentation) {
        this.augmentation = Objects.requireNonNull(augmentation, "augmentation");
    }

    public Augmentation augmentation() {
        return augmentation;
    }

    /**
     * What one image of {@code height × width} gets, drawn from {@code random}: the crop's offset, the shift, the
     * angle, whether it is flipped, the erased rectangle. Only the settings that are on draw numbers.
     */
    public Draw draw(Random random, int height, int width) {
        int cropX = 0;
        int cropY = 0;
        int shiftX = 0;
        int shiftY = 0;
        double angle = 0;
        boolean flip = false;
        int crop = augmentation.crop();
        if (crop > 0) {
            cropX = random.nextInt(2 * crop + 1) - crop;
            cropY = random.nextInt(2 * crop + 1) - crop;
        }
        int shift = augmentation.shift();
        if (shift > 0) {
            shiftX = random.nextInt(2 * shift + 1) - shift;
            shiftY = random.nextInt(2 * shift + 1) - shift;
        }
        if (augmentation.rotate() > 0) {
            angle = (random.nextDouble() * 2 - 1) * augmentation.rotate();
        }
        if (augmentation.flip()) {
            flip = random.nextBoolean();
        }
        int[] erased = augmentation.erase() > 0 && random.nextDouble() < augmentation.erase()
                ? eraseRectangle(random, height, width) : null;
        return erased == null ? new Draw(cropX, cropY, shiftX, shiftY, angle, flip, 0, 0, 0, 0)
                : new Draw(cropX, cropY, shiftX, shiftY, angle, flip, erased[0], erased[1], erased[2], erased[3]);
    }

    /** RandomErasing's rectangle {top, left, height, width}, or null when none of its tries fits in the image. */
    private static int[] eraseRectangle(Random random, int height, int width) {
        double area = (double) height * width;
        for (int attempt = 0; attempt < ERASE_TRIES; attempt++) {
            double target = area * (ERASE_MIN_AREA + random.nextDouble() * (ERASE_MAX_AREA - ERASE_MIN_AREA));
            double logLow = Math.log(ERASE_MIN_RATIO);
            double ratio = Math.exp(logLow + random.nextDouble() * (Math.log(ERASE_MAX_RATIO) - logLow));
            int h = (int) Math.round(Math.sqrt(target * ratio));
            int w = (int) Math.round(Math.sqrt(target / ratio));
            if (h < height && w < width && h > 0 && w > 0) {
                return new int[] {random.nextInt(height - h + 1), random.nextInt(width - w + 1), h, w};
            }
        }
        return null;
    }

    /**
     * Augments {@code n} images in place, each with its own draw from {@code random}. {@code images} holds them one
     * after another, each channels first ({@code [n, C, H, W]}, row-major), as the network's image input takes them.
     */
    public void augment(float[] images, int n, int channels, int height, int width, Random random) {
        int length = channels * height * width;
        if ((long) n * length != images.length) {
            throw new IllegalArgumentException(n + " images of " + channels + "×" + height + "×" + width + " need "
                    + (long) n * length + " values, got " + images.length);
        }
        if (augmentation.isNone()) {
            return;
        }
        float[] source = new float[length];
        for (int i = 0; i < n; i++) {
            System.arraycopy(images, i * length, source, 0, length);
            draw(random, height, width).apply(source, images, i * length, channels, height, width);
        }
    }

    /**
     * An augmented copy of image examples as {@link Examples} stores them (channels last), for previews: each is
     * turned to channels first, augmented by {@link #augment} as the worker does, and turned back. Labels are kept.
     */
    public Examples augmented(Examples examples, Random random) {
        int h = examples.height();
        int w = examples.width();
        int c = examples.channels();
        int length = examples.exampleLength();
        int n = examples.size();
        float[] stored = examples.features();
        float[] chw = new float[stored.length];
        for (int i = 0; i < n; i++) {
            for (int p = 0; p < h * w; p++) {
                for (int ch = 0; ch < c; ch++) {
                    chw[i * length + ch * h * w + p] = stored[i * length + p * c + ch];
                }
            }
        }
        augment(chw, n, c, h, w, random);
        float[] hwc = new float[stored.length];
        for (int i = 0; i < n; i++) {
            for (int p = 0; p < h * w; p++) {
                for (int ch = 0; ch < c; ch++) {
                    hwc[i * length + p * c + ch] = chw[i * length + ch * h * w + p];
                }
            }
        }
        return new Examples(hwc, examples.labels().clone(), h, w, c, examples.classNames());
    }

    /**
     * What one image gets: the crop's offset into the padded image and the shift (pixels, each axis), the angle
     * (degrees), the flip, and the erased rectangle (0 × 0 for none).
     */
    public record Draw(int cropX, int cropY, int shiftX, int shiftY, double angle, boolean flip,
                       int eraseTop, int eraseLeft, int eraseHeight, int eraseWidth) {
        /** Changes nothing. */
        public static final Draw NOTHING = new Draw(0, 0, 0, 0, 0, false, 0, 0, 0, 0);

        /**
         * Writes the changed image into {@code target} from {@code offset}; {@code source} is one image, channels
         * first, and is not changed.
         */
        public void apply(float[] source, float[] target, int offset, int channels, int height, int width) {
            int plane = height * width;
            double radians = Math.toRadians(angle);
            double cos = Math.cos(radians);
            double sin = Math.sin(radians);
            double cx = (width - 1) / 2.0;
            double cy = (height - 1) / 2.0;
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    int rx = flip ? width - 1 - x : x; // the flip is the last step, so undone first
                    for (int c = 0; c < channels; c++) {
                        float value;
                        if (angle == 0) {
                            value = beforeRotation(source, c * plane, rx, y, height, width);
                        } else {
                            // where the rotation took this pixel from: turned back by the angle around the centre
                            double u = cos * (rx - cx) + sin * (y - cy) + cx;
                            double v = -sin * (rx - cx) + cos * (y - cy) + cy;
                            value = bilinear(source, c * plane, u, v, height, width);
                        }
                        target[offset + c * plane + y * width + x] = value;
                    }
                }
            }
            for (int y = eraseTop; y < eraseTop + eraseHeight; y++) {
                for (int c = 0; c < channels; c++) {
                    int row = offset + c * plane + y * width;
                    java.util.Arrays.fill(target, row + eraseLeft, row + eraseLeft + eraseWidth, 0f);
                }
            }
        }

        private float bilinear(float[] source, int plane, double u, double v, int height, int width) {
            int x0 = (int) Math.floor(u);
            int y0 = (int) Math.floor(v);
            double fx = u - x0;
            double fy = v - y0;
            double top = (1 - fx) * beforeRotation(source, plane, x0, y0, height, width)
                    + fx * beforeRotation(source, plane, x0 + 1, y0, height, width);
            double bottom = (1 - fx) * beforeRotation(source, plane, x0, y0 + 1, height, width)
                    + fx * beforeRotation(source, plane, x0 + 1, y0 + 1, height, width);
            return (float) ((1 - fy) * top + fy * bottom);
        }

        /** The pixel at (x, y) of the image after the crop and the shift: 0 wherever a step left it uncovered. */
        private float beforeRotation(float[] source, int plane, int x, int y, int height, int width) {
            int shiftedFromX = x - shiftX;
            int shiftedFromY = y - shiftY;
            if (!inside(x, y, height, width) || !inside(shiftedFromX, shiftedFromY, height, width)) {
                return 0f;
            }
            // the crop at offset (p + cropX, p + cropY) of the image padded by p on every side
            int sx = shiftedFromX + cropX;
            int sy = shiftedFromY + cropY;
            return inside(sx, sy, height, width) ? source[plane + sy * width + sx] : 0f;
        }

        private static boolean inside(int x, int y, int height, int width) {
            return x >= 0 && y >= 0 && x < width && y < height;
        }
    }
}
