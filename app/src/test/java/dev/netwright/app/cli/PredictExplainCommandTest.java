package dev.netwright.app.cli;

import dev.netwright.runtime.train.RunFolder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code netwright predict} and {@code netwright explain} on a small trained run and a CSV run (issue 20). */
class PredictExplainCommandTest {
    @TempDir
    static Path dir;
    private static Path run;
    private static Path csvRun;
    private static Path transformerRun;

    private final CapturedCli cli = new CapturedCli();

    @BeforeAll
    static void train() throws Exception {
        run = dir.resolve("run");
        CapturedCli trainer = new CapturedCli();
        assertThat(trainer.run("train", "sample:cnn", "--max-train", "64", "--max-validation", "32", "--epochs", "1",
                "--batch", "32", "--backend", "cpu", "--out", run.toString())).as(trainer.err.toString())
                .isEqualTo(ExitCodes.OK);
        transformerRun = dir.resolve("transformer-run");
        assertThat(trainer.run("train", "sample:transformer", "--max-train", "64", "--max-validation", "32", "--epochs",
                "1", "--batch", "32", "--backend", "cpu", "--out", transformerRun.toString())).as(trainer.err.toString())
                .isEqualTo(ExitCodes.OK);
        Path data = SmallCsvProblem.csv(dir.resolve("points.csv"), "a,b,c,d,species", 150, 0);
        Path design = SmallCsvProblem.design(dir.resolve("small.json"), 8);
        csvRun = dir.resolve("csv-run");
        assertThat(trainer.run("train", design.toString(), "--data", "csv:" + data, "--epochs", "2", "--batch", "16",
                "--lr", "0.01", "--backend", "cpu", "--optimizer", "adam", "--out", csvRun.toString()))
                .as(trainer.err.toString()).isEqualTo(ExitCodes.OK);
    }

    @Test
    void predictShowsTheTopFiveClassesOfAnImageWithTheirProbabilities() throws Exception {
        Path image = gray(dir.resolve("gray.png"), 28, 28);
        assertThat(cli.run("predict", run.toString(), image.toString())).as(cli.err.toString()).isEqualTo(ExitCodes.OK);
        String[] lines = cli.out.toString().split("\\R");
        assertThat(lines[0]).isEqualTo("gray");
        assertThat(lines).hasSize(6);
        double sum = 0;
        double previous = 1;
        for (int i = 1; i < 6; i++) {
            Matcher m = Pattern.compile("^  (.+?) +(0\\.\\d{4}|1\\.0000)$").matcher(lines[i]);
            assertThat(m.matches()).as(lines[i]).isTrue();
            double p = Double.parseDouble(m.group(2));
            assertThat(p).isLessThanOrEqualTo(previous);
            previous = p;
            sum += p;
        }
        assertThat(sum).isLessThanOrEqualTo(1.0001);
        assertThat(cli.err.toString()).isEmpty();
    }

    @Test
    void anImageOfAnotherSizeAndColourIsResizedWithANote() throws Exception {
        BufferedImage rgb = new BufferedImage(60, 45, BufferedImage.TYPE_INT_RGB);
        Path file = dir.resolve("photo.jpg");
        ImageIO.write(rgb, "jpg", file.toFile());
        assertThat(cli.run("predict", run.toString(), file.toString())).isEqualTo(ExitCodes.OK);
        assertThat(cli.err.toString()).contains("Note: photo.jpg is 60×45 pixels: resized to the model's 28×28")
                .contains("Note: photo.jpg is in colour: read as grayscale");
    }

    @Test
    void aSampleOfTheRunsOwnTestSetIsPredictedWithItsActualClass() {
        assertThat(cli.run("predict", run.toString(), "--sample", "3", "--top", "2")).isEqualTo(ExitCodes.OK);
        assertThat(cli.out.toString()).startsWith("test-3 (actual: ");
        assertThat(cli.out.toString().split("\\R")).hasSize(3);
        assertThat(cli.run("predict", run.toString(), "--sample", "32")).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(cli.err.toString()).contains("--sample 32 is out of range: the run's test set has 32 examples (0 to 31)");
    }

    @Test
    void badInputsAreRefusedByNameWithExitCode2() throws Exception {
        Path broken = dir.resolve("broken.png");
        Files.writeString(broken, "not a picture");
        assertThat(cli.run("predict", run.toString(), broken.toString())).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(cli.err.toString()).contains(broken + ": not a readable image");

        assertThat(cli.run("predict", run.toString(), dir.resolve("nothing.png").toString())).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(cli.err.toString()).contains("nothing.png: no such file or folder");

        Path rows = dir.resolve("rows.csv");
        Files.writeString(rows, "1,2,3,4\n");
        assertThat(cli.run("predict", run.toString(), rows.toString())).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(cli.err.toString()).contains("this run was trained on images; give a PNG, JPEG, GIF or BMP file");

        assertThat(cli.run("predict", run.toString())).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(cli.err.toString()).contains("or pick one of the run's own with --sample N");
    }

    @Test
    void aRunWithoutAModelIsRefused() throws Exception {
        Path unfinished = dir.resolve("unfinished");
        Files.createDirectories(unfinished);
        Files.copy(run.resolve("run.json"), unfinished.resolve("run.json"));
        assertThat(cli.run("predict", unfinished.toString(), "--sample", "0")).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(cli.err.toString()).contains("has no saved model (" + RunFolder.MODEL + ")");
        assertThat(cli.run("explain", dir.resolve("nowhere").toString(), "--sample", "0", "--method", "gradient"))
                .isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(cli.err.toString()).contains("No run folder at");
    }

    @Test
    void csvRowsArePredictedAndExplainedFeatureByFeatureAndABadValueIsNamed() throws Exception {
        Path rows = dir.resolve("new-points.csv");
        Files.writeString(rows, "a,b,c,d\n5.1,0.2,0.1,-0.3\n2.0,5.0,2.1,1.9\n");
        assertThat(cli.run("predict", csvRun.toString(), rows.toString())).as(cli.err.toString()).isEqualTo(ExitCodes.OK);
        assertThat(cli.out.toString()).contains("new-points-row1", "new-points-row2", "setosa", "versicolor", "virginica");

        Path out = dir.resolve("csv-maps");
        assertThat(cli.run("explain", csvRun.toString(), rows.toString(), "--method", "shap", "--out", out.toString()))
                .as(cli.err.toString()).isEqualTo(ExitCodes.OK);
        assertThat(cli.out.toString()).contains("  a ", "  d ", "deletion AUC", "E[f] ", "f(x) ");
        assertThat(out.resolve("new-points-row1-shap.png")).isRegularFile();

        Files.writeString(rows, "5.1,,0.1,-0.3\n");
        assertThat(cli.run("predict", csvRun.toString(), rows.toString())).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(cli.err.toString()).contains(rows + ", line 1, column 2: the value is missing");
        Files.writeString(rows, "5.1,abc,0.1,-0.3\n");
        assertThat(cli.run("predict", csvRun.toString(), rows.toString())).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(cli.err.toString()).contains(rows + ", line 1, column 2: 'abc' is not a number");
    }

    @Test
    void explainWritesAHeatMapPngAndPrintsTheAreasBesideRandomOrderings() throws Exception {
        Path png = dir.resolve("heat.png");
        assertThat(cli.run("explain", run.toString(), "--sample", "0", "--method", "gradcam", "--out", png.toString()))
                .as(cli.err.toString()).isEqualTo(ExitCodes.OK);
        assertThat(cli.out.toString()).contains("gradcam at conv3 for ")
                .containsPattern("deletion AUC 0\\.\\d{4} \\(random 0\\.\\d{4}\\), insertion AUC 0\\.\\d{4} \\(random 0\\.\\d{4}\\)")
                .contains("heat map: " + png);
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isGreaterThan(280);
        assertThat(image.getHeight()).isGreaterThan(280);
    }

    @Test
    void aFolderOfImagesGivesOneHeatMapEachAndNeedsAFolderToWriteThem() throws Exception {
        Path inputs = dir.resolve("inputs");
        Files.createDirectories(inputs);
        gray(inputs.resolve("a.png"), 28, 28);
        gray(inputs.resolve("b.png"), 28, 28);
        Path maps = dir.resolve("maps");
        assertThat(cli.run("explain", run.toString(), inputs.toString(), "--method", "occlusion", "--patch", "7",
                "--stride", "7", "--out", maps.toString())).as(cli.err.toString()).isEqualTo(ExitCodes.OK);
        assertThat(maps.resolve("a-occlusion.png")).isRegularFile();
        assertThat(maps.resolve("b-occlusion.png")).isRegularFile();

        assertThat(cli.run("explain", run.toString(), inputs.toString(), "--method", "gradient", "--out",
                dir.resolve("one.png").toString())).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(cli.err.toString()).contains("is a PNG file, but there are 2 inputs: name a folder");
    }

    @Test
    void wrongOptionsAreRefusedNamingWhatIsRight() {
        assertThat(cli.run("explain", run.toString(), "--sample", "0", "--method", "saliency")).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(cli.err.toString()).contains("--method").contains("gradcam");
        assertThat(cli.run("explain", run.toString(), "--sample", "0", "--method", "gradient", "--class", "Boots"))
                .isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(cli.err.toString()).contains("--class Boots: no such class; the classes are T-shirt/top, Trouser");
        assertThat(cli.run("explain", run.toString(), "--sample", "0", "--method", "ig", "--steps", "0"))
                .isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(cli.err.toString()).contains("--steps must be at least 1, got 0");
        assertThat(cli.run("explain", run.toString(), "--sample", "0", "--method", "gradcam", "--layer", "dense1"))
                .isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(cli.err.toString()).contains("'dense1' is not a convolution layer of this network; its convolution "
                + "layers: conv1, conv2, conv3");
    }

    @Test
    void limeOnFelzenszwalbSegmentsWritesItsMapAndWrongSegmentsAreRefusedByName() throws Exception {
        Path png = dir.resolve("lime-fh.png");
        assertThat(cli.run("explain", run.toString(), "--sample", "0", "--method", "lime", "--segments", "fh",
                "--samples", "100", "--out", png.toString())).as(cli.err.toString()).isEqualTo(ExitCodes.OK);
        assertThat(cli.out.toString()).containsPattern("; lime on \\d+ segments \\(Felzenszwalb–Huttenlocher\\) for ")
                .contains("heat map: " + png);
        assertThat(boundaryPixels(png)).as("the segments' boundaries, drawn by default").isPositive();
        Path plain = dir.resolve("lime-fh-plain.png");
        assertThat(cli.run("explain", run.toString(), "--sample", "0", "--method", "lime", "--segments", "fh",
                "--samples", "100", "--no-boundaries", "--out", plain.toString())).as(cli.err.toString())
                .isEqualTo(ExitCodes.OK);
        assertThat(boundaryPixels(plain)).as("--no-boundaries").isZero();
        assertThat(cli.run("explain", run.toString(), "--sample", "0", "--method", "lime", "--segments", "watershed"))
                .isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(cli.err.toString()).contains("--segments: Unknown segments 'watershed': auto, grid, slic or fh");
        assertThat(cli.run("explain", run.toString(), "--sample", "0", "--method", "shap", "--segments", "fh", "--cell",
                "4")).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(cli.err.toString()).contains("--cell is for --segments grid, not --segments fh");
        assertThat(cli.run("explain", csvRun.toString(), "--sample", "0", "--method", "shap", "--segments", "slic"))
                .isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(cli.err.toString()).contains("Superpixels (slic, fh) are for images, and this model takes a row of "
                + "4 values");
    }

    @Test
    void attentionOfTheTransformerSampleWritesItsTokenMatrixAndASummary() throws Exception {
        Path png = dir.resolve("attention.png");
        assertThat(cli.run("explain", transformerRun.toString(), "--sample", "1", "--method", "attention", "--layer",
                "encoder1", "--head", "2", "--out", png.toString())).as(cli.err.toString()).isEqualTo(ExitCodes.OK);
        assertThat(cli.out.toString()).startsWith("test-1: predicted ")
                .contains("; attention at encoder1/attn, head 2 of 4")
                .contains("28 tokens (rows: queries, columns: keys; each row sums to 1); most attended")
                .containsPattern("strongest weight: query token \\d+ gives [01]\\.\\d{3} to token \\d+ \\(0\\.036 each if uniform\\)")
                .contains("attention map: " + png);
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isGreaterThan(28 * 15);
        assertThat(image.getHeight()).isGreaterThan(28 * 15);

        assertThat(cli.run("explain", transformerRun.toString(), "--sample", "1", "--method", "attention", "--out",
                png.toString())).as(cli.err.toString()).isEqualTo(ExitCodes.OK);
        assertThat(cli.out.toString()).contains("attention at encoder2/attn, mean of 4 heads");
    }

    @Test
    void attentionIsRefusedForADesignWithoutItAndForAHeadOrLayerThatIsNotThere() {
        assertThat(cli.run("explain", run.toString(), "--sample", "0", "--method", "attention")).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(cli.err.toString()).contains("Attention maps need a design with self-attention (a Self-attention "
                + "layer or a Transformer encoder block), and this model has none");
        assertThat(cli.run("explain", transformerRun.toString(), "--sample", "0", "--method", "attention", "--head",
                "4")).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(cli.err.toString()).contains("--head 4: encoder2/attn has 4 heads (0 to 3)");
        assertThat(cli.run("explain", transformerRun.toString(), "--sample", "0", "--method", "attention", "--layer",
                "pool")).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(cli.err.toString()).contains("'pool' is not a self-attention layer of this network; its attention "
                + "layers: encoder1/attn, encoder2/attn");
        assertThat(cli.run("explain", run.toString(), "--sample", "0", "--method", "gradcam", "--head", "1"))
                .isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(cli.err.toString()).contains("--head is for --method attention only");
        assertThat(cli.run("explain", transformerRun.toString(), "--sample", "0", "--method", "attention", "--class",
                "Trouser")).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(cli.err.toString()).contains("--class does not apply to --method attention");
    }

    @Test
    void helpExitsZeroAndListsTheOptions() {
        assertThat(cli.run("explain", "--help")).isEqualTo(ExitCodes.OK);
        assertThat(cli.out.toString()).contains("--method", "--class", "--out", "--sample", "--steps", "--patch", "--head",
                "--segments", "--cell", "--[no-]boundaries");
        assertThat(cli.run("predict", "--help")).isEqualTo(ExitCodes.OK);
        assertThat(cli.out.toString()).contains("--top");
    }

    private static int boundaryPixels(Path png) throws Exception {
        BufferedImage image = ImageIO.read(png.toFile());
        int count = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                count += image.getRGB(x, y) == HeatMapPng.BOUNDARY.getRGB() ? 1 : 0;
            }
        }
        return count;
    }

    private static Path gray(Path file, int width, int height) throws Exception {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 8; y < 20; y++) {
            for (int x = 6; x < 22; x++) {
                image.getRaster().setSample(x, y, 0, 220);
            }
        }
        ImageIO.write(image, "png", file.toFile());
        return file;
    }
}
