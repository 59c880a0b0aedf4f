package dev.netwright.runtime.data;

import dev.netwright.runtime.layers.Shape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.DeflaterOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ImageFolderSourceTest {
    private static final Shape GRAY_4 = new Shape.Image(4, 4, 1);

    @TempDir
    Path dir;

    private static BufferedImage filled(int w, int h, int type, int rgb) {
        BufferedImage image = new BufferedImage(w, h, type);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                image.setRGB(x, y, rgb);
            }
        }
        return image;
    }

    private void save(String classFolder, String file, BufferedImage image) throws IOException {
        Path folder = Files.createDirectories(dir.resolve(classFolder));
        String format = file.endsWith(".png") ? "png" : "jpg";
        assertThat(ImageIO.write(image, format, folder.resolve(file).toFile())).isTrue();
    }

    /** Sets the stored gray samples directly: setRGB on a gray image would convert sRGB to linear gray. */
    private static BufferedImage gray(int w, int h, int value) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                image.getRaster().setSample(x, y, 0, value);
            }
        }
        return image;
    }

    /** Two classes of four images each: "dark" (gray 40) and "light" (gray 200), 8×8 gray PNGs. */
    private void twoGrayClasses() throws IOException {
        for (int i = 0; i < 4; i++) {
            save("light", "l" + i + ".png", gray(8, 8, 200));
            save("dark", "d" + i + ".png", gray(8, 8, 40));
        }
    }

    @Test
    void classesAreTheSortedSubFolders() throws Exception {
        twoGrayClasses();

        TrainValidation data = DataSources.open("images:" + dir, GRAY_4, 1, 0.25);

        assertThat(data.train().classNames()).containsExactly("dark", "light");
        assertThat(data.train().classCounts()).containsExactly(3, 3);
        assertThat(data.validation().classCounts()).containsExactly(1, 1);
        assertThat(data.description()).startsWith("Images in " + dir + ": 6 training, 2 validation images "
                + "(2 classes, resized to 4×4 grayscale");
    }

    @Test
    void grayImagesKeepTheirExactValuesWhenResized() throws Exception {
        twoGrayClasses();

        Examples train = DataSources.open("images:" + dir, GRAY_4, 1, 0.25).train();

        assertThat(train.exampleLength()).isEqualTo(16);
        for (int i = 0; i < train.size(); i++) {
            float expected = train.labels()[i] == 0 ? 40 : 200;
            for (int p = 0; p < 16; p++) {
                assertThat(train.features()[i * 16 + p]).isEqualTo(expected);
            }
        }
    }

    @Test
    void rgbInputsGetThreeChannelsInRgbOrder() throws Exception {
        for (int i = 0; i < 2; i++) {
            save("red", "r" + i + ".png", filled(6, 3, BufferedImage.TYPE_INT_RGB, 0xff0000));
            save("teal", "t" + i + ".png", filled(6, 3, BufferedImage.TYPE_INT_ARGB, 0xff008080));
        }

        Examples train = DataSources.open("images:" + dir, new Shape.Image(2, 4, 3), 1, 0.5).train();

        assertThat(train.channels()).isEqualTo(3);
        assertThat(train.exampleLength()).isEqualTo(24);
        int red = train.labels()[0] == 0 ? 0 : 1;
        assertThat(new float[] {train.features()[red * 24], train.features()[red * 24 + 1], train.features()[red * 24 + 2]})
                .containsExactly(255f, 0f, 0f);
        int teal = 1 - red;
        assertThat(train.features()[teal * 24 + 23]).isEqualTo(128f);
    }

    @Test
    void colourBecomesLumaForGrayscaleInputs() throws Exception {
        save("a", "x.jpg", filled(8, 8, BufferedImage.TYPE_INT_RGB, 0x00ff00));
        save("a", "y.jpg", filled(8, 8, BufferedImage.TYPE_INT_RGB, 0x00ff00));
        save("b", "x.png", filled(8, 8, BufferedImage.TYPE_INT_RGB, 0x0000ff));
        save("b", "y.png", filled(8, 8, BufferedImage.TYPE_INT_RGB, 0x0000ff));

        TrainValidation data = DataSources.open("images:" + dir, GRAY_4, 1, 0.5);

        Examples train = data.train();
        int green = train.labels()[0] == 0 ? 0 : 1;
        // JPEG is lossy: green luma 0.587 * 255 = 150 give or take a little
        assertThat(train.features()[green * 16 + 5]).isCloseTo(150f, within(4f));
        assertThat(train.features()[(1 - green) * 16 + 5]).isEqualTo(29f);
    }

    @Test
    void sequenceInputsReadImagesAsGrayscaleRows() throws Exception {
        twoGrayClasses();

        Examples train = DataSources.open("images:" + dir, new Shape.Sequence(5, 3), 1, 0.25).train();

        assertThat(new int[] {train.height(), train.width(), train.channels()}).containsExactly(5, 3, 1);
    }

    @Test
    void anUnreadableFileIsNamed() throws Exception {
        twoGrayClasses();
        Path broken = Files.writeString(dir.resolve("dark").resolve("broken.png"), "not a png");

        assertThatThrownBy(() -> DataSources.open("images:" + dir, GRAY_4, 1, 0.25))
                .isInstanceOf(DataException.class)
                .hasMessageStartingWith(broken + ": not a readable image");
    }

    /** A PNG that declares {@code width} × {@code height} 8-bit gray pixels and holds one row of them. */
    private static byte[] pngHeader(int width, int height) throws IOException {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        png.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(width).putInt(height).put(new byte[] {8, 0, 0, 0, 0});
        chunk(png, "IHDR", ihdr.array());
        ByteArrayOutputStream row = new ByteArrayOutputStream();
        try (DeflaterOutputStream deflate = new DeflaterOutputStream(row)) {
            deflate.write(new byte[1 + width]);
        }
        chunk(png, "IDAT", row.toByteArray());
        chunk(png, "IEND", new byte[0]);
        return png.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream png, String type, byte[] data) throws IOException {
        CRC32 crc = new CRC32();
        crc.update(type.getBytes(StandardCharsets.US_ASCII));
        crc.update(data);
        png.write(ByteBuffer.allocate(4).putInt(data.length).array());
        png.write(type.getBytes(StandardCharsets.US_ASCII));
        png.write(data);
        png.write(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    @Test
    void anImageOverThePixelLimitIsRefusedBeforeItIsDecoded() throws Exception {
        twoGrayClasses();
        Path huge = Files.write(dir.resolve("dark").resolve("huge.png"), pngHeader(20_000, 20_000));

        assertThatThrownBy(() -> DataSources.open("images:" + dir, GRAY_4, 1, 0.25))
                .isInstanceOf(DataException.class)
                .hasMessage(huge + " is 20000×20000 pixels, more than the 50-megapixel limit");
    }

    @Test
    void anImageCutShortIsDescribedInWords() throws Exception {
        twoGrayClasses();
        byte[] whole = Files.readAllBytes(dir.resolve("dark").resolve("d0.png"));
        Path cut = Files.write(dir.resolve("dark").resolve("cut.png"), Arrays.copyOf(whole, 20));

        assertThatThrownBy(() -> DataSources.open("images:" + dir, GRAY_4, 1, 0.25))
                .hasMessageStartingWith(cut + ": not a readable image (")
                .hasMessageNotContaining("null")
                .hasMessageNotContaining("Exception");
    }

    @Test
    void otherFilesAreSkipped() throws Exception {
        twoGrayClasses();
        Files.writeString(dir.resolve("dark").resolve("notes.txt"), "taken on a sunny day");
        Files.writeString(dir.resolve("dark").resolve(".DS_Store"), "junk");

        assertThat(DataSources.open("images:" + dir, GRAY_4, 1, 0.25).train().size()).isEqualTo(6);
    }

    @Test
    void anEmptyFolderSaysHowToArrangeImages() {
        assertThatThrownBy(() -> DataSources.open("images:" + dir, GRAY_4, 1, 0.25))
                .hasMessage(dir + ": no class folders; put the images of each class in a sub-folder named after "
                        + "the class, at least 2 classes");
    }

    @Test
    void oneClassIsNotEnough() throws Exception {
        save("only", "a.png", gray(4, 4, 0));

        assertThatThrownBy(() -> DataSources.open("images:" + dir, GRAY_4, 1, 0.25))
                .hasMessageContaining("only one class folder (only)");
    }

    @Test
    void aClassFolderWithoutImagesIsNamed() throws Exception {
        twoGrayClasses();
        Files.createDirectories(dir.resolve("empty"));

        assertThatThrownBy(() -> DataSources.open("images:" + dir, GRAY_4, 1, 0.25))
                .hasMessage(dir.resolve("empty") + ": no PNG or JPEG images in this class folder");
    }

    @Test
    void aVectorInputCannotSayHowToResize() throws Exception {
        twoGrayClasses();

        assertThatThrownBy(() -> DataSources.open("images:" + dir, new Shape.Vector(784), 1, 0.25))
                .hasMessageContaining("the design's Input is a vector of 784");
    }
}
