package dev.netwright.designer.thumbnail;

import dev.netwright.runtime.layers.kinds.StandardKinds;
import dev.netwright.designer.PngFiles;
import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.design.Edge;
import dev.netwright.runtime.design.Position;
import dev.netwright.runtime.layers.LayerCatalog;
import dev.netwright.samples.Samples;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Thumbnails of the samples show every node's category colour; each is also written to
 * {@code target/thumbnail-<sample>.png} to look at.
 */
@ExtendWith(ApplicationExtension.class)
class DesignThumbnailTest {
    private static final LayerCatalog CATALOG = StandardKinds.catalog();
    private static final int WIDTH = 320;
    private static final int HEIGHT = 200;

    @Start
    void start(Stage stage) {
        // No window: the toolkit just has to be running for snapshots.
    }

    @ParameterizedTest
    @ValueSource(strings = {"cnn", "lstm", "transformer", "resnet", "rcnn"})
    void everySampleShowsEachOfItsCategoryColours(String sample, FxRobot robot) throws Exception {
        Design design = Samples.load(sample);
        WritableImage image = render(robot, design);

        Set<Integer> pixels = argbs(image);
        assertThat(image.getWidth()).isEqualTo(WIDTH);
        assertThat(image.getHeight()).isEqualTo(HEIGHT);
        for (var node : design.nodes()) {
            Color colour = DesignThumbnail.colour(CATALOG, node);
            assertThat(pixels).as("%s: %s (%s)", sample, node.id(), colour).contains(argb(colour));
        }
        Files.createDirectories(Path.of("target"));
        PngFiles.write(image, Path.of("target", "thumbnail-" + sample + ".png"));
    }

    @Test
    void anEmptyDesignIsJustTheBackground(FxRobot robot) {
        WritableImage image = render(robot, Design.empty("nothing yet"));

        assertThat(argbs(image)).containsExactly(argb(DesignThumbnail.BACKGROUND));
    }

    @Test
    void aLaidOutDesignKeepsItsOwnPositions() {
        Design design = Design.of("t", "", null, List.of(
                CATALOG.require("Input").newNode("input", new Position(0, 0)),
                CATALOG.require("Dense").newNode("dense1", new Position(300, 40))),
                List.of(Edge.of("input", "dense1")));

        assertThat(DesignThumbnail.positions(design)).containsEntry("dense1", new Position(300, 40));
    }

    @Test
    void aDesignWithoutPositionsIsLaidOutTheWayItReadsBetter() {
        Design cnn = Samples.load("cnn");
        Design unplaced = cnn;
        for (dev.netwright.runtime.design.Node node : cnn.nodes()) {
            unplaced = unplaced.withNode(node.withPosition(new dev.netwright.runtime.design.Position(0, 0)));
        }
        var positions = DesignThumbnail.positions(unplaced);

        assertThat(positions.get("conv1").y()).isGreaterThan(positions.get("input").y()); // a chain: top to bottom
        assertThat(Set.copyOf(positions.values())).hasSize(positions.size());
    }

    @Test
    void anImageOffTheFxThreadIsRefusedWithAWayOut() {
        assertThatThrownBy(() -> DesignThumbnail.image(Samples.load("cnn"), WIDTH, HEIGHT))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("DesignThumbnail.canvas");
    }

    private static WritableImage render(FxRobot robot, Design design) {
        AtomicReference<WritableImage> image = new AtomicReference<>();
        robot.interact(() -> image.set(DesignThumbnail.image(design, CATALOG, WIDTH, HEIGHT)));
        return image.get();
    }

    private static Set<Integer> argbs(WritableImage image) {
        PixelReader reader = image.getPixelReader();
        Set<Integer> seen = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                seen.add(reader.getArgb(x, y));
            }
        }
        return seen;
    }

    private static int argb(Color c) {
        return 0xff << 24 | (int) Math.round(c.getRed() * 255) << 16 | (int) Math.round(c.getGreen() * 255) << 8
                | (int) Math.round(c.getBlue() * 255);
    }
}
