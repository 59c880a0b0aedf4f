package dev.netwright.runtime.data;

import dev.netwright.runtime.layers.Shape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** One input read for a prediction: an image resized and converted with a note, CSV rows checked value by value. */
class InputFilesTest {
    @TempDir
    Path dir;

    private static final Shape.Image GRAY_28 = new Shape.Image(28, 28, 1);

    @Test
    void anImageOfTheInputsSizeIsReadAsItIsWithoutNotes() throws Exception {
        Path file = gray(28, 28, 200);
        InputFiles.Read read = InputFiles.image(file, GRAY_28);
        assertThat(read.notes()).isEmpty();
        assertThat(read.examples().size()).isEqualTo(1);
        assertThat(read.examples().features()).hasSize(784).containsOnly(200f);
    }

    @Test
    void anImageOfAnotherSizeOrColourIsResizedAndConvertedWithANoteSayingSo() throws Exception {
        BufferedImage rgb = new BufferedImage(56, 40, BufferedImage.TYPE_INT_RGB);
        Path file = dir.resolve("photo.png");
        ImageIO.write(rgb, "png", file.toFile());
        InputFiles.Read read = InputFiles.image(file, GRAY_28);
        assertThat(read.notes()).containsExactly("photo.png is 56×40 pixels: resized to the model's 28×28",
                "photo.png is in colour: read as grayscale, as the model takes 1 channel");
        assertThat(read.examples().features()).hasSize(784);
    }

    @Test
    void aFileThatIsNoImageIsRefusedByName() throws Exception {
        Path file = dir.resolve("broken.png");
        Files.writeString(file, "not an image");
        assertThatThrownBy(() -> InputFiles.image(file, GRAY_28)).isInstanceOf(DataException.class)
                .hasMessage(file + ": not a readable image (no PNG or JPEG data found)");
        assertThatThrownBy(() -> InputFiles.image(dir.resolve("missing.png"), GRAY_28))
                .isInstanceOf(DataException.class).hasMessageContaining("missing.png");
    }

    @Test
    void csvRowsAreReadAfterAHeaderAndALabelColumnIsLeftOutWithANote() throws Exception {
        Path file = dir.resolve("rows.csv");
        Files.writeString(file, "a,b,c\n1,2,3\n\n4.5,-1,2e1\n");
        InputFiles.Read read = InputFiles.csvRows(file, 3);
        assertThat(read.notes()).isEmpty();
        assertThat(read.examples().size()).isEqualTo(2);
        assertThat(read.examples().features()).containsExactly(1f, 2f, 3f, 4.5f, -1f, 20f);

        Files.writeString(file, "1,2,3,setosa\n");
        assertThat(InputFiles.csvRows(file, 3).notes()).containsExactly(
                "rows.csv: rows have 4 values; the last is taken as the label column and left out");
    }

    @Test
    void aMissingOrNonNumericValueOrAWrongCountIsRefusedNamingLineAndColumn() throws Exception {
        Path file = dir.resolve("bad.csv");
        Files.writeString(file, "1,2,3\n1,,3\n");
        assertThatThrownBy(() -> InputFiles.csvRows(file, 3)).isInstanceOf(DataException.class)
                .hasMessage(file + ", line 2, column 2: the value is missing");
        Files.writeString(file, "1,2,x3\n");
        assertThatThrownBy(() -> InputFiles.csvRows(file, 3)).hasMessage(file + ", line 1, column 3: 'x3' is not a number");
        Files.writeString(file, "1,2\n");
        assertThatThrownBy(() -> InputFiles.csvRows(file, 3))
                .hasMessage(file + ", line 1: 2 values, but the model takes 3 features per row");
        Files.writeString(file, "a,b,c\n");
        assertThatThrownBy(() -> InputFiles.csvRows(file, 3)).hasMessage(file + ": no rows of values");
    }

    @Test
    void fittedNormalisationTransformsAnotherInputAsTheTrainingPartWas() {
        Examples train = new Examples(new float[] {1, 10, 3, 30}, new int[] {0, 1}, 1, 2, 1, java.util.List.of("a", "b"));
        Examples other = new Examples(new float[] {2, 20}, new int[] {0}, 1, 2, 1, java.util.List.of("?"));
        Normalisation.Fitted fitted = Normalisation.SCALE_0_1.fit(train);
        assertThat(fitted.apply(other).features()).containsExactly(0.5f, 0.5f);
        assertThat(Normalisation.NONE.fit(train).apply(other).features()).containsExactly(2f, 20f);
    }

    private Path gray(int width, int height, int value) throws Exception {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.getRaster().setSample(x, y, 0, value);
            }
        }
        Path file = dir.resolve("gray.png");
        ImageIO.write(image, "png", file.toFile());
        return file;
    }

    @Test
    void aTypedRowIsReadAndAMissingOrNonNumericValueIsRefusedNamingItsColumn() throws Exception {
        java.util.List<String> names = java.util.List.of("sepal_length", "sepal_width");
        InputFiles.Read read = InputFiles.row(java.util.List.of("5.1", " -2e-1 "), names);
        assertThat(read.examples().features()).containsExactly(5.1f, -0.2f);
        assertThat(read.examples().width()).isEqualTo(2);
        assertThatThrownBy(() -> InputFiles.row(java.util.List.of("5.1", ""), names))
                .isInstanceOf(DataException.class).hasMessage("Column 'sepal_width': the value is missing");
        assertThatThrownBy(() -> InputFiles.row(java.util.List.of("abc", "1"), names))
                .isInstanceOf(DataException.class).hasMessageStartingWith("Column 'sepal_length': 'abc' is not a number");
        assertThatThrownBy(() -> InputFiles.row(java.util.List.of("NaN", "1"), names))
                .hasMessageStartingWith("Column 'sepal_length': 'NaN' is not a number");
        assertThatThrownBy(() -> InputFiles.row(java.util.List.of("1"), names))
                .hasMessageStartingWith("1 values, but the model takes 2 features per row (sepal_length, sepal_width)");
    }
}
