package dev.netwright.designer.canvas;

import dev.netwright.runtime.check.Checker;
import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.design.Flow;
import dev.netwright.runtime.design.Edge;
import dev.netwright.runtime.design.Node;
import dev.netwright.samples.Samples;
import javafx.geometry.Rectangle2D;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** The drawing as files: the SVG from the design (valid XML, every name, a path per wire on the canvas's curve), the PNG from the canvas. */
@ExtendWith(ApplicationExtension.class)
class DrawingExportTest {
    private CanvasFixture fx;

    @Start
    void start(Stage stage) {
        Design resnet = Samples.load("resnet"); // skip connections: wires into a second port
        Node first = resnet.nodes().stream().skip(1).findFirst().orElseThrow();
        // a name with every character XML needs escaped
        fx = new CanvasFixture(stage, resnet.withNode(first.withName("conv <a> & \"b\" 'c'")));
    }

    private static Document parse(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    private String svg() {
        Design design = fx.document.design();
        return DrawingExport.svg(design, new Checker(CanvasFixture.CATALOG).check(design), CanvasFixture.CATALOG);
    }

    @Test
    void theSvgParsesAsXmlWithEveryNodesNameAndOnePathPerWire() throws Exception {
        Document svg = parse(svg());
        Design design = fx.document.design();

        assertThat(svg.getDocumentElement().getLocalName()).isEqualTo("svg");
        List<String> texts = new ArrayList<>();
        NodeList textNodes = svg.getElementsByTagName("text");
        for (int i = 0; i < textNodes.getLength(); i++) {
            texts.add(textNodes.item(i).getTextContent());
        }
        assertThat(texts).contains("conv <a> & \"b\" 'c'");
        for (Node node : design.nodes()) {
            assertThat(texts).as(node.id()).contains(node.name());
        }
        NodeList paths = ((Element) svg.getElementsByTagName("g").item(0)).getElementsByTagName("path");
        assertThat(paths.getLength()).isEqualTo(design.edges().size());
    }

    @Test
    void eachWireInTheSvgIsTheCurveTheCanvasDraws(FxRobot robot) throws Exception {
        fx.sync(robot);
        Document svg = parse(svg());
        NodeList paths = ((Element) svg.getElementsByTagName("g").item(0)).getElementsByTagName("path");
        for (int i = 0; i < paths.getLength(); i++) {
            Element path = (Element) paths.item(i);
            Edge edge = fx.document.design().edges().stream()
                    .filter(e -> e.from().equals(path.getAttribute("data-from")) && e.to().equals(path.getAttribute("data-to")))
                    .findFirst().orElseThrow();
            WireView wire = fx.canvas.graph().wire(edge);
            String expected = String.format(java.util.Locale.ROOT, "M %s %s C %s %s, %s %s, %s %s",
                    n(wire.getStartX()), n(wire.getStartY()), n(wire.getControlX1()), n(wire.getControlY1()),
                    n(wire.getControlX2()), n(wire.getControlY2()), n(wire.getEndX()), n(wire.getEndY()));
            assertThat(path.getAttribute("d")).as(edge.toString()).isEqualTo(expected);
        }
    }

    private static String n(double v) {
        String text = String.format(java.util.Locale.ROOT, "%.2f", v);
        text = text.replaceAll("0+$", "").replaceAll("\\.$", "");
        return text.equals("-0") ? "0" : text;
    }

    @Test
    void thePngIsTheWholeGraphAtTwiceItsSizeOnWhiteWhateverTheZoom(FxRobot robot, @TempDir Path dir) throws Exception {
        robot.interact(() -> fx.canvas.actions().layOut(Flow.RIGHT)); // the sample opens top to bottom
        fx.sync(robot);
        robot.interact(() -> fx.canvas.zoomProperty().set(3)); // only a part of the graph is in view now
        Path file = dir.resolve("net.png");
        AtomicReference<Exception> failed = new AtomicReference<>();
        robot.interact(() -> {
            try {
                DrawingExport.writePng(fx.canvas, file);
            } catch (Exception e) {
                failed.set(e);
            }
        });
        assertThat(failed.get()).isNull();

        BufferedImage png = ImageIO.read(file.toFile());
        Rectangle2D content = fx.canvas.graph().contentBounds();
        Rectangle2D area = DrawingExport.area(content);
        double scale = DrawingExport.pngScale(area);
        assertThat(png.getWidth()).isEqualTo(DrawingExport.pixels(area.getWidth() * scale));
        assertThat(png.getHeight()).isEqualTo(DrawingExport.pixels(area.getHeight() * scale));
        // this sample laid out left to right is wide: its 2x picture would pass the largest side, so it is drawn at the largest side instead
        assertThat(area.getWidth() * 2).isGreaterThan(DrawingExport.MAX_PNG_SIDE);
        assertThat(png.getWidth()).isEqualTo(DrawingExport.MAX_PNG_SIDE);
        assertThat(png.getRGB(0, 0)).isEqualTo(0xffffffff); // white, not transparent
        // every card is in it: the middle of each card's colour band is the category's colour, not white
        for (NodeCard card : fx.canvas.graph().cards()) {
            Rectangle2D b = card.boundsInCanvas();
            int x = (int) ((b.getMinX() + b.getWidth() / 2 - area.getMinX()) * scale);
            int y = (int) ((b.getMinY() + 3 - area.getMinY()) * scale);
            assertThat(png.getRGB(x, y)).as(card.nodeId()).isNotEqualTo(0xffffffff);
        }
        assertThat(Files.size(file)).isPositive();
    }

    @Test
    void aDesignOfOrdinarySizeIsDrawnAtTwiceItsSize() {
        assertThat(DrawingExport.pngScale(DrawingExport.area(new Rectangle2D(0, 0, 1200, 400)))).isEqualTo(2);
    }

    @Test
    void anEmptyDesignHasNoPicture(FxRobot robot) {
        AtomicReference<WritableImage> image = new AtomicReference<>();
        robot.interact(() -> {
            fx.document.select(fx.document.design().nodes().stream().map(Node::id).toList());
            fx.canvas.actions().delete();
            image.set(DrawingExport.snapshot(fx.canvas));
        });
        assertThat(image.get()).isNull();
    }
}
