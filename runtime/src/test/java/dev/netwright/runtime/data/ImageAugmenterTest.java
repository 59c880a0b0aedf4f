package dev.netwright.runtime.data;

import dev.netwright.runtime.design.Augmentation;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The image transform's own properties, on small images laid out as the network takes them ([n, C, H, W]). */
class ImageAugmenterTest {
    private static final int H = 6;
    private static final int W = 5;

    /** Pixel (x, y) of channel c is 1 + c·100 + y·10 + x: every value tells where it came from, none is 0. */
    private static float[] numbered(int n, int channels) {
        float[] images = new float[n * channels * H * W];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < channels; c++) {
                for (int y = 0; y < H; y++) {
                    for (int x = 0; x < W; x++) {
                        images[((i * channels + c) * H + y) * W + x] = 1 + c * 100 + y * 10 + x + i * 1000;
                    }
                }
            }
        }
        return images;
    }

    private static float[] applied(ImageAugmenter.Draw draw, float[] image, int channels) {
        float[] out = new float[image.length];
        draw.apply(image, out, 0, channels, H, W);
        return out;
    }

    private static float at(float[] image, int c, int y, int x) {
        return image[(c * H + y) * W + x];
    }

    private static ImageAugmenter.Draw shift(int dx, int dy) {
        return new ImageAugmenter.Draw(0, 0, dx, dy, 0, false, 0, 0, 0, 0);
    }

    @Test
    void flippingTwiceGivesTheImageBack() {
        float[] image = numbered(1, 2);
        ImageAugmenter.Draw flip = new ImageAugmenter.Draw(0, 0, 0, 0, 0, true, 0, 0, 0, 0);

        float[] once = applied(flip, image, 2);

        assertThat(at(once, 1, 3, 0)).isEqualTo(at(image, 1, 3, W - 1));
        assertThat(once).isNotEqualTo(image);
        assertThat(applied(flip, once, 2)).isEqualTo(image);
    }

    @Test
    void aShiftMovesAPixelByItsOffsetAndFillsWhatItUncoversWithZero() {
        float[] image = numbered(1, 1);

        float[] shifted = applied(shift(2, 1), image, 1);

        assertThat(at(shifted, 0, 1 + 1, 1 + 2)).isEqualTo(at(image, 0, 1, 1));
        assertThat(at(shifted, 0, 0, 3)).isZero(); // the top row came from above the image
        assertThat(at(shifted, 0, 4, 1)).isZero(); // the two left columns came from its left
    }

    @Test
    void theCropIsTheWindowOfThePaddedImageAtItsOffset() {
        float[] image = numbered(1, 1);
        // padding p and window corner (p + 1, p - 2): output (x, y) shows input (x + 1, y - 2)
        ImageAugmenter.Draw crop = new ImageAugmenter.Draw(1, -2, 0, 0, 0, false, 0, 0, 0, 0);

        float[] cropped = applied(crop, image, 1);

        assertThat(at(cropped, 0, 2, 0)).isEqualTo(at(image, 0, 0, 1));
        assertThat(at(cropped, 0, 1, 0)).isZero();
        assertThat(at(cropped, 0, 3, W - 1)).isZero();
    }

    @Test
    void aQuarterTurnMovesTheCornersAroundAndKeepsTheCentre() {
        float[] image = new float[7 * 7];
        image[3 * 7 + 3] = 5; // the centre
        image[3] = 9; // the middle of the top row
        ImageAugmenter.Draw turn = new ImageAugmenter.Draw(0, 0, 0, 0, 90, false, 0, 0, 0, 0);

        float[] out = new float[image.length];
        turn.apply(image, out, 0, 1, 7, 7);

        assertThat(out[3 * 7 + 3]).isEqualTo(5f, org.assertj.core.api.Assertions.within(1e-5f));
        float movedTo = Math.max(out[3 * 7], out[3 * 7 + 6]); // the middle of the left or right column
        assertThat(movedTo).isEqualTo(9f, org.assertj.core.api.Assertions.within(1e-4f));
        assertThat(out[3]).isEqualTo(0f, org.assertj.core.api.Assertions.within(1e-4f));
    }

    @Test
    void erasingWithProbabilityOneZeroesARectangleOfEveryImageInEveryChannel() {
        float[] images = numbered(20, 3);
        new ImageAugmenter(Augmentation.NONE.withErase(1)).augment(images, 20, 3, H, W, new Random(3));

        for (int i = 0; i < 20; i++) {
            int zeros = 0;
            for (int p = 0; p < H * W; p++) {
                int base = i * 3 * H * W + p;
                boolean erased = images[base] == 0;
                assertThat(images[base + H * W] == 0).isEqualTo(erased);
                assertThat(images[base + 2 * H * W] == 0).isEqualTo(erased);
                zeros += erased ? 1 : 0;
            }
            assertThat(zeros).as("image " + i).isBetween(1, H * W - 1);
        }
    }

    @Test
    void erasingWithProbabilityZeroChangesNothing() {
        float[] images = numbered(20, 1);
        new ImageAugmenter(Augmentation.NONE.withErase(0).withFlip(false)).augment(images, 20, 1, H, W, new Random(3));

        assertThat(images).isEqualTo(numbered(20, 1));
    }

    @Test
    void theSameSeedGivesTheSameImagesAndAnotherSeedOthers() {
        ImageAugmenter augmenter = new ImageAugmenter(Augmentation.parse("shift=2,flip,rotate=15,crop=2,erase=0.5"));
        float[] a = numbered(16, 2);
        float[] b = numbered(16, 2);
        float[] c = numbered(16, 2);

        augmenter.augment(a, 16, 2, H, W, new Random(42));
        augmenter.augment(b, 16, 2, H, W, new Random(42));
        augmenter.augment(c, 16, 2, H, W, new Random(43));

        assertThat(a).isEqualTo(b).isNotEqualTo(numbered(16, 2));
        assertThat(c).isNotEqualTo(a);
    }

    @Test
    void eachImageGetsItsOwnDraw() {
        ImageAugmenter augmenter = new ImageAugmenter(Augmentation.NONE.withShift(3));
        Random random = new Random(7);
        List<ImageAugmenter.Draw> draws = java.util.stream.Stream.generate(() -> augmenter.draw(random, H, W))
                .limit(20).toList();

        assertThat(draws.stream().distinct().count()).as("different draws among 20 of 49 shifts").isGreaterThan(10);
        assertThat(draws).allSatisfy(d -> {
            assertThat(d.shiftX()).isBetween(-3, 3);
            assertThat(d.shiftY()).isBetween(-3, 3);
            assertThat(d.cropX()).isZero();
            assertThat(d.flip()).isFalse();
        });
    }

    @Test
    void previewExamplesKeepTheirShapeAndLabelsAndAreAugmentedAsTheWorkerDoes() {
        // two 6×5×2 examples stored channels last
        float[] stored = new float[2 * H * W * 2];
        for (int i = 0; i < stored.length; i++) {
            stored[i] = i + 1;
        }
        Examples examples = new Examples(stored, new int[] {1, 0}, H, W, 2, List.of("a", "b"));
        ImageAugmenter augmenter = new ImageAugmenter(Augmentation.parse("shift=1,flip,erase=0.5"));

        Examples out = augmenter.augmented(examples, new Random(5));

        assertThat(out.height()).isEqualTo(H);
        assertThat(out.width()).isEqualTo(W);
        assertThat(out.channels()).isEqualTo(2);
        assertThat(out.labels()).containsExactly(1, 0);
        assertThat(out.classNames()).containsExactly("a", "b");
        assertThat(examples.features()).isEqualTo(stored.clone()); // the source is not changed
        // the same draws on the channels-first layout give the same pixels
        float[] chw = new float[stored.length];
        for (int i = 0; i < 2; i++) {
            for (int p = 0; p < H * W; p++) {
                for (int c = 0; c < 2; c++) {
                    chw[i * H * W * 2 + c * H * W + p] = stored[i * H * W * 2 + p * 2 + c];
                }
            }
        }
        augmenter.augment(chw, 2, 2, H, W, new Random(5));
        for (int i = 0; i < 2; i++) {
            for (int p = 0; p < H * W; p++) {
                for (int c = 0; c < 2; c++) {
                    assertThat(out.features()[i * H * W * 2 + p * 2 + c]).isEqualTo(chw[i * H * W * 2 + c * H * W + p]);
                }
            }
        }
    }
}
