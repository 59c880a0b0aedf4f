package dev.netwright.app.window;

import dev.netwright.app.summary.ModelSummaryPanel;
import dev.netwright.designer.canvas.DesignCanvas;
import dev.netwright.designer.layout.AutoLayout;
import dev.netwright.runtime.check.ModelSummary;
import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.design.Node;
import dev.netwright.runtime.design.Position;
import javafx.geometry.Point2D;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableRow;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static dev.netwright.app.window.WindowTestSupport.onFx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** View ▸ Model Summary and its table in the window; File ▸ Export Drawing as PNG and as SVG. */
@ExtendWith(ApplicationExtension.class)
class SummaryAndDrawingWindowTest {
    private MainWindow window;
    private final ScriptedDialogs dialogs = new ScriptedDialogs();

    @Start
    void start(Stage stage) throws Exception {
        window = WindowTestSupport.window(stage, WindowTestSupport.freshHome(), dialogs);
    }

    /**
     * Opens the CNN and lets the FX events that opening queues run first (the runs list read in the background, the
     * panels' first layout): in the full suite a menu item fired before them was sometimes not what showed after.
     */
    private Workspace openCnn() throws Exception {
        Workspace opened = onFx(() -> {
            window.openSample("cnn");
            return window.workspace().orElseThrow();
        });
        WaitForAsyncUtils.waitForFxEvents();
        return opened;
    }

    @Test
    void viewModelSummaryShowsTheLayersTableWithTheTotals(FxRobot robot) throws Exception {
        Workspace w = openCnn();

        WindowTestSupport.fireMenuItem(window, "Model Summary");

        // within this test's window: TestFX's lookup alone also finds windows that earlier test classes left behind
        Tab selected = onFx(() -> robot.from(window.stage().getScene().getRoot()).lookup(".tab-pane").queryAll().stream().filter(TabPane.class::isInstance)
                .map(TabPane.class::cast).map(p -> p.getSelectionModel().getSelectedItem())
                .filter(t -> t != null && "summary-tab".equals(t.getId())).findFirst().orElse(null));
        assertThat(selected).as("the Summary tab is selected").isNotNull();
        ModelSummaryPanel panel = w.summaryPanel();
        assertThat(onFx(() -> selected.getContent())).isSameAs(panel);
        Design design = onFx(() -> w.document().design());
        assertThat(onFx(() -> new ArrayList<>(panel.table().getItems()))).extracting(ModelSummary.Row::nodeId)
                .containsExactlyElementsOf(onFx(() -> w.document().check().topologicalOrder())).hasSize(design.nodes().size());
        assertThat(onFx(() -> panel.table().getColumns().stream().map(c -> c.getText()).toList()))
                .containsExactly("Layer", "Kind", "Output shape", "Parameters", "Trainable");
        assertThat(onFx(() -> panel.totals().getText()))
                .isEqualTo("Total params: 93,322 · Trainable params: 93,322 · Non-trainable params: 0");
    }

    @Test
    void clickingARowSelectsItsNodeAndCentresTheCanvasOnIt(FxRobot robot) throws Exception {
        Workspace w = openCnn();
        WindowTestSupport.fireMenuItem(window, "Model Summary");
        robot.interact(() -> w.designer().canvas().zoomProperty().set(2)); // the output card is out of view now

        // the tab was just selected: its table draws its rows at the next pulse
        WindowTestSupport.waitFor(Duration.ofSeconds(30), "the output's row", () -> outputRow(robot) != null);
        robot.clickOn(onFx(() -> outputRow(robot)));

        assertThat(onFx(() -> List.copyOf(w.document().selection()))).containsExactly("output");
        DesignCanvas canvas = w.designer().canvas();
        Point2D centre = onFx(() -> {
            Position at = w.document().design().node("output").orElseThrow().position();
            return canvas.canvasToView(at.x() + AutoLayout.CARD.width() / 2, at.y() + AutoLayout.CARD.height() / 2);
        });
        assertThat(centre.getX()).isCloseTo(onFx(canvas::getWidth) / 2, within(1.0));
        assertThat(centre.getY()).isCloseTo(onFx(canvas::getHeight) / 2, within(1.0));
    }

    private static TableRow<?> outputRow(FxRobot robot) {
        return robot.lookup("#summary-table .table-row-cell").queryAll().stream()
                .map(n -> (TableRow<?>) n)
                .filter(r -> r.getItem() instanceof ModelSummary.Row row && row.nodeId().equals("output"))
                .findFirst().orElse(null);
    }

    @Test
    void exportDrawingAsSvgWritesTheFileChosenWithEveryNameAndAPathPerWire(FxRobot robot) throws Exception {
        Workspace w = openCnn();
        Path file = Files.createTempDirectory("netwright-drawing-").resolve("net.svg");
        dialogs.exportAnswer = file;

        WindowTestSupport.fireMenuItem(window, "Drawing as SVG…");

        assertThat(dialogs.errors).isEmpty();
        assertThat(dialogs.asked).anyMatch(a -> a.startsWith("export ") && a.endsWith(".svg"));
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Document svg = factory.newDocumentBuilder().parse(file.toFile());
        assertThat(svg.getDocumentElement().getLocalName()).isEqualTo("svg");
        List<String> texts = new ArrayList<>();
        NodeList textNodes = svg.getElementsByTagName("text");
        for (int i = 0; i < textNodes.getLength(); i++) {
            texts.add(textNodes.item(i).getTextContent());
        }
        Design design = onFx(() -> w.document().design());
        for (Node node : design.nodes()) {
            assertThat(texts).as(node.id()).contains(node.name());
        }
        assertThat(svg.getElementsByTagName("path").getLength() - design.nodes().size())
                .as("paths besides each card's colour band").isEqualTo(design.edges().size());
    }

    @Test
    void exportDrawingAsPngWritesTheWholeGraphOnWhite(FxRobot robot) throws Exception {
        openCnn();
        Path file = Files.createTempDirectory("netwright-drawing-").resolve("net.png");
        dialogs.exportAnswer = file;

        WindowTestSupport.fireMenuItem(window, "Drawing as PNG…");

        assertThat(dialogs.errors).isEmpty();
        BufferedImage png = ImageIO.read(file.toFile());
        // nine cards of 80 units one above the other, twice over: far taller than the window
        assertThat(png.getHeight()).isGreaterThan(9 * 80 * 2);
        assertThat(png.getRGB(0, 0)).isEqualTo(0xffffffff);
        long drawn = 0;
        for (int y = 0; y < png.getHeight(); y += 4) {
            drawn += png.getRGB(png.getWidth() / 2, y) != 0xffffffff ? 1 : 0;
        }
        assertThat(drawn).as("pixels down the middle that are not background").isPositive();
    }

    @Test
    void exportCodeAsPyTorchWritesTheScriptTheCommandLineWrites(FxRobot robot) throws Exception {
        Workspace w = openCnn();
        Path file = Files.createTempDirectory("netwright-code-").resolve("seed-cnn.py");
        dialogs.exportAnswer = file;

        WindowTestSupport.fireMenuItem(window, "PyTorch…");

        assertThat(dialogs.errors).isEmpty();
        assertThat(Files.readString(file)).contains("nn.Module").contains("def forward(")
                .isEqualTo(new dev.netwright.runtime.codegen.PyTorchExport().export(onFx(() -> w.document().design())));
    }
}
