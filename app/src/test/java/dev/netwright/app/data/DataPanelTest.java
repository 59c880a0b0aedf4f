package dev.netwright.app.data;

import dev.netwright.runtime.design.Augmentation;
import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.design.Node;
import dev.netwright.runtime.train.TrainingPlans;
import dev.netwright.samples.Samples;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.image.ImageView;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import javax.imageio.ImageIO;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;

/** The data panel in a window, reading on a background thread as in the app; file dialogs are replaced. */
@ExtendWith(ApplicationExtension.class)
class DataPanelTest {
    @TempDir
    Path dir;

    private final ExecutorService reader = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "data-reader-test");
        t.setDaemon(true);
        return t;
    });
    private Path chosenPath;
    private DataPanel panel;

    @Start
    void start(Stage stage) {
        DataPanelModel model = new DataPanelModel(reader, Platform::runLater);
        panel = new DataPanel(model, (kind, owner) -> Optional.ofNullable(chosenPath));
        stage.setScene(new Scene(panel, 900, 640));
        stage.show();
    }

    @AfterEach
    void stopReader() {
        reader.shutdownNow();
    }

    @Test
    void theBundledSubsetShowsLabelledPicturesAndTenClassRows(FxRobot robot) throws Exception {
        robot.interact(() -> comboBox(robot).setValue(SourceKind.SAMPLE));
        waitUntilRead(robot);

        Set<VBox> tiles = robot.lookup(".sample-tile").queryAllAs(VBox.class);
        assertThat(tiles).hasSize(DataPanelModel.PREVIEW_IMAGES);
        for (VBox tile : tiles) {
            ImageView picture = (ImageView) tile.getChildren().get(0);
            assertThat(picture.getImage().getWidth()).isEqualTo(28);
            assertThat(picture.getFitWidth()).isEqualTo(56);
            assertThat(((Label) tile.getChildren().get(1)).getText()).isIn(panel.model().getSummary().classNames());
        }
        TableView<?> counts = robot.lookup("#class-counts").queryAs(TableView.class);
        assertThat(counts.getItems()).hasSize(10);
        assertThat(robot.lookup("#data-split").queryAs(Label.class).getText())
                .isEqualTo("4,500 training · 500 validation · 1,000 test · 10 classes");
        assertThat(robot.lookup("#data-error").queryAs(Label.class).isVisible()).isFalse();

        screenshot(robot, "data-panel-fashion-mnist-sample.png");
    }

    @Test
    void classOptionsTypedUnderTheSourceKeepThoseClassesAndAWrongOneSaysWhy(FxRobot robot) throws Exception {
        robot.interact(() -> comboBox(robot).setValue(SourceKind.SAMPLE));
        waitUntilRead(robot);
        TextField options = robot.lookup("#data-classes").queryAs(TextField.class);

        robot.interact(() -> {
            options.setText("#classes=5,6,7,8,9#per-class=50");
            options.fireEvent(new javafx.event.ActionEvent());
        });
        waitUntilRead(robot);

        assertThat(panel.model().getSource()).isEqualTo("fashion-mnist-sample#classes=5,6,7,8,9#per-class=50");
        assertThat(comboBox(robot).getValue()).isEqualTo(SourceKind.SAMPLE);
        assertThat(robot.lookup("#class-counts").queryAs(TableView.class).getItems()).hasSize(5);
        assertThat(robot.lookup("#data-split").queryAs(Label.class).getText())
                .isEqualTo("250 training · 250 validation · 500 test · 5 classes");

        robot.interact(() -> {
            options.setText("#classes=5,12");
            options.fireEvent(new javafx.event.ActionEvent());
        });
        waitUntilRead(robot);
        assertThat(robot.lookup("#data-error").queryAs(Label.class).getText()).contains("no class '12'");
    }

    @Test
    void aCsvFileChosenInTheDialogIsShownAsATableOfItsFirstRows(FxRobot robot) throws Exception {
        chosenPath = dir.resolve("points.csv");
        StringBuilder text = new StringBuilder("x,y,colour\n");
        for (int i = 0; i < 40; i++) {
            text.append(i).append(',').append(i * 2).append(',').append(i % 2 == 0 ? "red" : "blue").append('\n');
        }
        Files.writeString(chosenPath, text);

        robot.interact(() -> comboBox(robot).setValue(SourceKind.CSV));
        waitUntilRead(robot);

        assertThat(panel.model().getSource()).isEqualTo("csv:" + chosenPath.toAbsolutePath());
        TableView<?> rows = robot.lookup("#csv-preview").queryAs(TableView.class);
        assertThat(rows.getColumns()).extracting(c -> c.getText()).containsExactly("x", "y", "colour (label)");
        assertThat(rows.getItems()).hasSize(DataPanelModel.PREVIEW_ROWS);
        assertThat(robot.lookup("#class-counts").queryAs(TableView.class).getItems()).hasSize(2);
        screenshot(robot, "data-panel-csv.png");
    }

    @Test
    void aFileThatCannotBeReadShowsARedMessageNamingItWithoutAStackTrace(FxRobot robot) throws Exception {
        chosenPath = dir.resolve("gone.csv");

        robot.interact(() -> comboBox(robot).setValue(SourceKind.CSV));
        waitUntilRead(robot);

        Label error = robot.lookup("#data-error").queryAs(Label.class);
        assertThat(error.isVisible()).isTrue();
        assertThat(error.getText()).contains(chosenPath.toAbsolutePath().toString()).contains("not found")
                .doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(robot.lookup(".sample-tile").queryAll()).isEmpty();
        screenshot(robot, "data-panel-error.png");
    }

    @Test
    void aCancelledDialogLeavesTheSourceAsItWas(FxRobot robot) throws Exception {
        robot.interact(() -> comboBox(robot).setValue(SourceKind.SAMPLE));
        waitUntilRead(robot);
        chosenPath = null;

        robot.interact(() -> comboBox(robot).setValue(SourceKind.IMAGES));

        assertThat(panel.model().getSource()).isEqualTo("fashion-mnist-sample");
        assertThat(comboBox(robot).getValue()).isEqualTo(SourceKind.SAMPLE);
    }

    @Test
    void aDesignWhoseOutputUnitsDifferFromTheClassesShowsAWarningLine(FxRobot robot) throws Exception {
        Design cnn = Samples.load("cnn");
        Node output = cnn.requireNode(cnn.nodes().stream().filter(n -> n.kind().equals("Output")).findFirst()
                .orElseThrow().id());
        robot.interact(() -> panel.model().setDesign(cnn.withNode(output.withParam("units", 4))));
        waitUntilRead(robot);

        Label warning = robot.lookup("#data-mismatch").queryAs(Label.class);
        assertThat(warning.isVisible()).isTrue();
        assertThat(warning.getText()).contains("10 classes").contains("4 units");
        screenshot(robot, "data-panel-mismatch.png");
    }

    @Test
    void replaceHeadHandsTheOutputAndTheDataClassesToTheWindow(FxRobot robot) throws Exception {
        Design cnn = Samples.load("cnn");
        String output = cnn.nodes().stream().filter(n -> n.kind().equals("Output")).findFirst().orElseThrow().id();
        List<DataPanelModel.HeadChange> asked = new ArrayList<>();
        robot.interact(() -> {
            panel.setOnReplaceHead(asked::add);
            panel.model().setDesign(cnn.withNode(cnn.requireNode(output).withParam("units", 4)));
        });
        waitUntilRead(robot);

        Button replace = robot.lookup("#replace-head").queryAs(Button.class);
        assertThat(replace.isVisible()).isTrue();
        assertThat(replace.getText()).isEqualTo("Replace head for 10 classes");
        robot.clickOn(replace);

        assertThat(asked).containsExactly(new DataPanelModel.HeadChange(output, 4, 10));
        robot.interact(() -> panel.model().setDesign(cnn));
        assertThat(replace.isVisible()).as("units that fit need no new head").isFalse();
    }

    @SuppressWarnings("unchecked")
    @Test
    void thePreviewToggleShowsTheSamplesAugmentedAndANewDrawChangesThemAgain(FxRobot robot) throws Exception {
        Design cnn = Samples.load("cnn").withTraining(TrainingPlans.defaults()
                .withAugmentation(Augmentation.parse("shift=2,flip,rotate=10,erase=0.5")));
        robot.interact(() -> panel.model().setDesign(cnn));
        robot.interact(() -> comboBox(robot).setValue(SourceKind.SAMPLE));
        waitUntilRead(robot);
        List<String> labels = tileLabels(robot);
        int[] plain = gridPixels(robot);
        assertThat(robot.lookup("#augmentation-draw").queryButton().isDisabled()).isTrue();

        robot.clickOn("#preview-augmentation");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !Arrays.equals(gridPixels(robot), plain));
        int[] augmented = gridPixels(robot);
        robot.clickOn("#augmentation-draw");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !Arrays.equals(gridPixels(robot), augmented));

        assertThat(tileLabels(robot)).isEqualTo(labels);
        assertThat(robot.lookup("#augmentation-note").queryAs(Label.class).getText())
                .startsWith("Augmented with shift=2,flip,rotate=10,erase=0.5 (draw 2)");
        robot.clickOn("#preview-augmentation");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> Arrays.equals(gridPixels(robot), plain));
    }

    /** The pixels of every tile's picture, one after another, as the grid shows them now. */
    private int[] gridPixels(FxRobot robot) {
        WaitForAsyncUtils.waitForFxEvents();
        List<ImageView> views = robot.lookup(".sample-tile").queryAllAs(VBox.class).stream()
                .sorted(java.util.Comparator.comparingInt(t -> t.getParent().getChildrenUnmodifiable().indexOf(t)))
                .map(t -> (ImageView) t.getChildren().get(0)).toList();
        return views.stream().flatMapToInt(v -> {
            int w = (int) v.getImage().getWidth();
            int h = (int) v.getImage().getHeight();
            int[] argb = new int[w * h];
            v.getImage().getPixelReader().getPixels(0, 0, w, h, javafx.scene.image.PixelFormat.getIntArgbInstance(),
                    argb, 0, w);
            return Arrays.stream(argb);
        }).toArray();
    }

    private List<String> tileLabels(FxRobot robot) {
        return robot.lookup(".sample-tile").queryAllAs(VBox.class).stream()
                .sorted(java.util.Comparator.comparingInt(t -> t.getParent().getChildrenUnmodifiable().indexOf(t)))
                .map(t -> ((Label) t.getChildren().get(1)).getText()).toList();
    }

    private static ComboBox<SourceKind> comboBox(FxRobot robot) {
        return robot.lookup("#data-source").queryAs(ComboBox.class);
    }

    private void waitUntilRead(FxRobot robot) throws TimeoutException {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !panel.model().isLoading());
        WaitForAsyncUtils.waitForFxEvents();
        // Skins (a scroll pane's content among them) join the scene graph at the next pulse; lookups need them now.
        robot.interact(() -> {
            panel.applyCss();
            panel.layout();
        });
    }

    private void screenshot(FxRobot robot, String name) throws IOException {
        WritableImage[] image = new WritableImage[1];
        robot.interact(() -> image[0] = panel.snapshot(null, null));
        Path target = Path.of("target", "screenshots");
        Files.createDirectories(target);
        ImageIO.write(SwingFXUtils.fromFXImage(image[0], null), "png", target.resolve(name).toFile());
    }
}
