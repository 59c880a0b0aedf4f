package dev.netwright.app.data;

import dev.netwright.runtime.data.Examples;
import dev.netwright.runtime.data.ImageAugmenter;
import dev.netwright.runtime.design.Augmentation;
import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.train.TrainingPlans;
import dev.netwright.runtime.design.Node;
import dev.netwright.samples.Samples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;

import static org.assertj.core.api.Assertions.assertThat;

/** The data panel's view model, run on the test thread: reading, errors, fit with the design, superseded reads. */
class DataPanelModelTest {
    @TempDir
    Path dir;

    private final DataPanelModel model = new DataPanelModel(Runnable::run, Runnable::run);

    @Test
    void theBundledSubsetShowsItsSplitSizesAndClassCounts() {
        model.setSource("fashion-mnist-sample");

        DataSummary summary = model.getSummary();
        assertThat(model.getError()).isEmpty();
        assertThat(model.isLoading()).isFalse();
        assertThat(summary.trainSize()).isEqualTo(4500); // 10 % of the 5,000 training images validate
        assertThat(summary.validationSize()).isEqualTo(500);
        assertThat(summary.testSize()).isEqualTo(1000);
        assertThat(summary.numClasses()).isEqualTo(10);
        assertThat(summary.classNames()).startsWith("T-shirt/top", "Trouser").endsWith("Ankle boot");
        assertThat(summary.classes().stream().mapToInt(DataSummary.ClassCount::train).sum()).isEqualTo(4500);
        assertThat(summary.classes().stream().mapToInt(DataSummary.ClassCount::validation).sum()).isEqualTo(500);
        assertThat(summary.classes().stream().mapToInt(DataSummary.ClassCount::test).sum()).isEqualTo(1000);
        assertThat(summary.splitLine()).isEqualTo("4,500 training · 500 validation · 1,000 test · 10 classes");
    }

    @Test
    void anImageSourcePreviewsItsFirstExamplesAsLabelledPictures() {
        model.setSource("fashion-mnist-sample");

        DataPreview.Images preview = (DataPreview.Images) model.getPreview();
        assertThat(preview.samples()).hasSize(DataPanelModel.PREVIEW_IMAGES);
        DataPreview.SampleImage first = preview.samples().get(0);
        assertThat(first.width()).isEqualTo(28);
        assertThat(first.height()).isEqualTo(28);
        assertThat(model.getSummary().classNames()).contains(first.label());
        assertThat(Arrays.stream(first.argb()).anyMatch(p -> (p & 0xFF) > 100)).as("gray pixels, not all black")
                .isTrue();
    }

    @Test
    void theAugmentedPreviewShowsTheSameSamplesChangedByTheDesignsAugmentation() {
        Design cnn = Samples.load("cnn");
        model.setDesign(cnn.withTraining(TrainingPlans.defaults().withAugmentation(Augmentation.parse("shift=3,erase=1"))));
        model.setSource("fashion-mnist-sample");
        DataPreview.Images plain = (DataPreview.Images) model.getPreview();

        model.previewAugmentationProperty().set(true);
        DataPreview.Images augmented = (DataPreview.Images) model.getPreview();
        model.newDraw();
        DataPreview.Images redrawn = (DataPreview.Images) model.getPreview();

        assertThat(augmented.samples()).hasSize(plain.samples().size());
        for (int i = 0; i < plain.samples().size(); i++) {
            assertThat(augmented.samples().get(i).label()).isEqualTo(plain.samples().get(i).label());
            assertThat(augmented.samples().get(i).argb()).as("sample " + i).isNotEqualTo(plain.samples().get(i).argb());
        }
        assertThat(pixels(redrawn)).isNotEqualTo(pixels(augmented));
        assertThat(model.getAugmentationNote()).startsWith("Augmented with shift=3,erase=1 (draw 2)");
        model.previewAugmentationProperty().set(false);
        assertThat(pixels((DataPreview.Images) model.getPreview())).isEqualTo(pixels(plain));
        assertThat(model.getAugmentationNote()).isEmpty();
    }

    @Test
    void theAugmentedPreviewIsWhatTheRuntimeFunctionMakesOfTheSamples() throws Exception {
        Augmentation flip = Augmentation.parse("flip,rotate=20");
        Design cnn = Samples.load("cnn").withTraining(TrainingPlans.defaults().withAugmentation(flip).withSeed(9));
        model.setDesign(cnn);
        model.setSource("fashion-mnist-sample");
        model.previewAugmentationProperty().set(true);

        Examples first = dev.netwright.runtime.data.DataSources.open("fashion-mnist-sample",
                dev.netwright.runtime.layers.kinds.InputKind.shapeOf(cnn).orElseThrow(),
                DataPanelModel.SEED, DataPanelModel.VALIDATION_FRACTION).train()
                .subset(java.util.stream.IntStream.range(0, DataPanelModel.PREVIEW_IMAGES).toArray());
        Examples expected = new ImageAugmenter(flip).augmented(first, new java.util.Random(9 * 31));
        assertThat(pixels((DataPreview.Images) model.getPreview()))
                .isEqualTo(pixels(ImageSamples.first(expected, DataPanelModel.PREVIEW_IMAGES)));
    }

    @Test
    void aChangedAugmentationInTheDesignChangesThePreviewAndNoneShowsTheImagesAsTheyAre() {
        Design cnn = Samples.load("cnn");
        model.setDesign(cnn);
        model.setSource("fashion-mnist-sample");
        DataPreview.Images plain = (DataPreview.Images) model.getPreview();
        model.previewAugmentationProperty().set(true);

        assertThat(pixels((DataPreview.Images) model.getPreview())).isEqualTo(pixels(plain));
        assertThat(model.getAugmentationNote()).startsWith("The design has no augmentation: set one in the Training settings");
        model.setDesign(cnn.withTraining(TrainingPlans.defaults().withAugmentation(Augmentation.parse("crop=4"))));
        assertThat(pixels((DataPreview.Images) model.getPreview())).isNotEqualTo(pixels(plain));
    }

    @Test
    void aDesignEditThatLeavesTheAugmentationAloneKeepsTheAugmentedPreview() {
        Design cnn = Samples.load("cnn").withTraining(TrainingPlans.defaults().withAugmentation(Augmentation.parse("flip")));
        model.setDesign(cnn);
        model.setSource("fashion-mnist-sample");
        model.previewAugmentationProperty().set(true);
        DataPreview shown = model.getPreview();

        model.setDesign(cnn.withName("renamed"));

        assertThat(model.getPreview()).isSameAs(shown);
    }

    /** Every picture's pixels, one after another. */
    private static int[] pixels(DataPreview.Images images) {
        return images.samples().stream().flatMapToInt(s -> Arrays.stream(s.argb())).toArray();
    }

    @Test
    void aMissingCsvFileGivesAMessageNamingTheFileAndNoData() {
        Path missing = dir.resolve("no-such-file.csv");

        model.setSource("csv:" + missing);

        assertThat(model.getError()).contains(missing.toString()).contains("not found");
        assertThat(model.getSummary()).isNull();
        assertThat(model.getPreview()).isNull();
        assertThat(model.isLoading()).isFalse();
    }

    @Test
    void aCsvFileIsPreviewedAsItsFirstRowsUnderItsHeader() throws IOException {
        Path csv = dir.resolve("iris.csv");
        StringBuilder text = new StringBuilder("sepal,petal,species\n");
        for (int i = 0; i < 30; i++) {
            text.append(i).append(".5,").append(i % 7).append(',').append(i % 3 == 0 ? "setosa" : "virginica").append('\n');
        }
        Files.writeString(csv, text);

        model.setSource("csv:" + csv);

        DataPreview.Table table = (DataPreview.Table) model.getPreview();
        assertThat(table.headers()).containsExactly("sepal", "petal", "species (label)");
        assertThat(table.rows()).hasSize(DataPanelModel.PREVIEW_ROWS);
        assertThat(table.rows().get(0)).containsExactly("0.5", "0", "setosa");
        assertThat(model.getSummary().numClasses()).isEqualTo(2);
        assertThat(model.getSummary().trainSize() + model.getSummary().validationSize()).isEqualTo(30);
    }

    @Test
    void anOutputWhoseUnitsDifferFromTheClassCountIsAMismatchUntilFixed() {
        Design cnn = Samples.load("cnn");
        model.setSource("fashion-mnist-sample");
        model.setDesign(cnn);
        assertThat(model.getMismatch()).isEmpty();

        model.setDesign(withOutputUnits(cnn, 5));

        assertThat(model.getMismatch()).contains("10 classes").contains("5 units");

        model.setDesign(cnn);
        assertThat(model.getMismatch()).isEmpty();
    }

    @Test
    void anOutputWithOtherUnitsThanTheClassesAsksForANewHeadOfThatSize() {
        Design cnn = Samples.load("cnn");
        String output = cnn.nodes().stream().filter(n -> n.kind().equals("Output")).findFirst().orElseThrow().id();
        model.setSource("fashion-mnist-sample");
        model.setDesign(cnn);
        assertThat(model.getHeadChange()).isNull();

        model.setDesign(withOutputUnits(cnn, 5));

        assertThat(model.getHeadChange()).isEqualTo(new DataPanelModel.HeadChange(output, 5, 10));
        model.setSource("");
        assertThat(model.getHeadChange()).as("nothing read, nothing to ask").isNull();
    }

    @Test
    void aDesignOpenedBeforeAnySourceIsChosenBringsItsOwnDataReference() {
        model.setDesign(Samples.load("cnn"));

        assertThat(model.getSource()).isEqualTo("fashion-mnist-sample");
        assertThat(model.getSummary().trainSize()).isEqualTo(4500);
    }

    @Test
    void theResultOfAnOlderReadIsDroppedWhenANewerChoiceWasMade() throws IOException {
        Deque<Runnable> pending = new ArrayDeque<>();
        DataPanelModel queued = new DataPanelModel(pending::add, Runnable::run);
        Path missing = dir.resolve("old.csv");

        queued.setSource("csv:" + missing);
        queued.setSource("fashion-mnist-sample");
        assertThat(queued.isLoading()).isTrue();
        assertThat(pending).hasSize(2);

        pending.removeLast().run(); // the newer read finishes first
        assertThat(queued.getSummary().trainSize()).isEqualTo(4500);
        pending.removeFirst().run(); // then the older, failing one

        assertThat(queued.getError()).as("the superseded read's error is not shown").isEmpty();
        assertThat(queued.getSummary().trainSize()).isEqualTo(4500);
        assertThat(queued.isLoading()).isFalse();
    }

    @Test
    void clearingTheSourceClearsThePanelAndDropsAReadInFlight() {
        Deque<Runnable> pending = new ArrayDeque<>();
        DataPanelModel queued = new DataPanelModel(pending::add, Runnable::run);
        queued.setSource("fashion-mnist-sample");

        queued.setSource("");
        pending.remove().run();

        assertThat(queued.getSummary()).isNull();
        assertThat(queued.getPreview()).isNull();
        assertThat(queued.isLoading()).isFalse();
    }

    @Test
    void anImageFolderIsReadAgainAtTheNewSizeWhenTheInputShapeChanges() throws IOException {
        for (String cls : new String[] {"cats", "dogs"}) {
            Files.createDirectories(dir.resolve(cls));
            for (int i = 0; i < 5; i++) {
                ImageIO.write(new BufferedImage(40, 40, BufferedImage.TYPE_INT_RGB), "png",
                        dir.resolve(cls).resolve(i + ".png").toFile());
            }
        }
        Design cnn = Samples.load("cnn").withData(null);
        model.setDesign(cnn);
        model.setSource("images:" + dir);
        assertThat(firstPicture().height()).isEqualTo(28);

        Node input = cnn.requireNode("input");
        model.setDesign(cnn.withNode(input.withParam("height", 14).withParam("width", 14)));

        assertThat(firstPicture().height()).isEqualTo(14);
        assertThat(firstPicture().width()).isEqualTo(14);
    }

    private DataPreview.SampleImage firstPicture() {
        assertThat(model.getError()).isEmpty();
        return ((DataPreview.Images) model.getPreview()).samples().get(0);
    }

    private static Design withOutputUnits(Design design, int units) {
        Node output = design.nodes().stream().filter(n -> n.kind().equals("Output")).findFirst().orElseThrow();
        return design.withNode(output.withParam("units", units));
    }
}
