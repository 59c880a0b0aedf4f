package dev.netwright.designer.canvas;

import dev.netwright.designer.layout.AutoLayout;
import dev.netwright.designer.style.CategoryColors;
import dev.netwright.runtime.check.CheckResult;
import dev.netwright.runtime.check.Diagnostic;
import dev.netwright.runtime.check.NodeReport;
import dev.netwright.runtime.design.AtomicFiles;
import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.design.Edge;
import dev.netwright.runtime.design.Flow;
import dev.netwright.runtime.design.Node;
import dev.netwright.runtime.layers.LayerCatalog;
import dev.netwright.runtime.layers.LayerKind;
import dev.netwright.runtime.layers.PortSpec;
import javafx.geometry.Point2D;
import javafx.geometry.Rectangle2D;
import javafx.scene.SnapshotParameters;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import javafx.scene.transform.Affine;
import javafx.scene.transform.NonInvertibleTransformException;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The network drawing as a file: a PNG taken from the canvas as drawn (the whole graph, not only the part in view, at
 * twice its size on white), or an SVG written from the design itself (a card per node with its name, kind, output
 * shape and parameter count, a path per wire shaped by the canvas's own curve, {@link WireView#controlPoints}).
 */
public final class DrawingExport {
    /** Room around the cards: a wire that runs backwards strays up to {@link WireView#MARGIN} beyond them. */
    static final double MARGIN = WireView.MARGIN + 8;
    /** The PNG is drawn at this scale for crisp text, unless that would pass {@link #MAX_PNG_SIDE}. */
    static final double PNG_SCALE = 2;
    /** The longest side of a PNG, in pixels: a huge design is drawn smaller rather than failing. */
    static final int MAX_PNG_SIDE = 8192;
    private static final double PAD = 12;

    private DrawingExport() {
    }

    /** Writes the canvas's graph as a PNG (atomically); call on the JavaFX application thread. */
    public static void writePng(DesignCanvas canvas, Path file) throws IOException {
        byte[] png = png(snapshot(canvas));
        AtomicFiles.write(file, png);
    }

    /** Writes the design as an SVG (atomically), laid out first where it has never been placed. */
    public static void writeSvg(Design design, CheckResult check, LayerCatalog catalog, Path file) throws IOException {
        AtomicFiles.write(file, svg(design, check, catalog).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The canvas's cards and wires as one image, whatever part of them is in view and at whatever zoom: at
     * {@link #PNG_SCALE} canvas units per pixel on white, with {@link #MARGIN} around the cards. Null for an empty
     * design. Call on the JavaFX application thread.
     */
    public static WritableImage snapshot(DesignCanvas canvas) {
        GraphView graph = canvas.graph();
        graph.flush();
        Rectangle2D content = graph.contentBounds();
        if (content == null) {
            return null;
        }
        Rectangle2D area = area(content);
        double scale = pngScale(area);
        // A snapshot draws a node with its own transform (here the canvas's zoom and pan): undo it, then scale.
        Affine transform = new Affine();
        transform.appendScale(scale, scale);
        try {
            transform.append(graph.getLocalToParentTransform().createInverse());
        } catch (NonInvertibleTransformException e) {
            throw new IllegalStateException("the canvas's zoom cannot be undone: " + e.getMessage(), e);
        }
        SnapshotParameters parameters = new SnapshotParameters();
        parameters.setFill(Color.WHITE);
        parameters.setTransform(transform);
        // on whole pixels: a viewport starting between two pixels would come back a pixel wider and taller
        parameters.setViewport(new Rectangle2D(Math.floor(area.getMinX() * scale), Math.floor(area.getMinY() * scale),
                pixels(area.getWidth() * scale), pixels(area.getHeight() * scale)));
        return graph.snapshot(parameters, null);
    }

    /** What a drawing shows: the cards and {@link #MARGIN} around them. */
    static Rectangle2D area(Rectangle2D cards) {
        return new Rectangle2D(cards.getMinX() - MARGIN, cards.getMinY() - MARGIN,
                cards.getWidth() + 2 * MARGIN, cards.getHeight() + 2 * MARGIN);
    }

    /** {@link #PNG_SCALE}, or less where the picture's longer side would pass {@link #MAX_PNG_SIDE} pixels. */
    static double pngScale(Rectangle2D area) {
        return Math.min(PNG_SCALE, MAX_PNG_SIDE / Math.max(area.getWidth(), area.getHeight()));
    }

    /** Whole pixels covering a length (a hair over a whole number, from rounding, is not one pixel more). */
    static int pixels(double length) {
        return (int) Math.ceil(length - 1e-6);
    }

    /** An image's pixels as PNG bytes (through java.awt.image, so no JavaFX-Swing bridge is needed). */
    static byte[] png(WritableImage image) throws IOException {
        Objects.requireNonNull(image, "image: the design has no layers to draw");
        int width = (int) image.getWidth();
        int height = (int) image.getHeight();
        BufferedImage buffered = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        PixelReader pixels = image.getPixelReader();
        int[] row = new int[width];
        for (int y = 0; y < height; y++) {
            pixels.getPixels(0, y, width, 1, javafx.scene.image.PixelFormat.getIntArgbInstance(), row, 0, width);
            buffered.setRGB(0, y, width, 1, row, 0, width);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (!ImageIO.write(buffered, "png", out)) {
            throw new IOException("no PNG writer in this Java");
        }
        return out.toByteArray();
    }

    /** The design as an SVG document: white background, cards as on the canvas, wires as cubic paths. */
    public static String svg(Design design, CheckResult check, LayerCatalog catalog) {
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(catalog, "catalog");
        Design placed = AutoLayout.placedIfUnplaced(Objects.requireNonNull(design, "design"));
        Flow flow = placed.flow();
        Map<String, Node> nodes = new HashMap<>();
        placed.nodes().forEach(n -> nodes.put(n.id(), n));
        double minX = 0;
        double minY = 0;
        double maxX = 0;
        double maxY = 0;
        boolean first = true;
        for (Node node : placed.nodes()) {
            Rectangle2D card = card(node);
            minX = first ? card.getMinX() : Math.min(minX, card.getMinX());
            minY = first ? card.getMinY() : Math.min(minY, card.getMinY());
            maxX = first ? card.getMaxX() : Math.max(maxX, card.getMaxX());
            maxY = first ? card.getMaxY() : Math.max(maxY, card.getMaxY());
            first = false;
        }
        double x0 = minX - MARGIN;
        double y0 = minY - MARGIN;
        double width = maxX - minX + 2 * MARGIN;
        double height = maxY - minY + 2 * MARGIN;

        StringBuilder svg = new StringBuilder(4096 + 1024 * placed.nodes().size());
        svg.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"").append(n(width))
                .append("\" height=\"").append(n(height)).append("\" viewBox=\"").append(n(x0)).append(' ').append(n(y0))
                .append(' ').append(n(width)).append(' ').append(n(height)).append("\" font-family=\"sans-serif\">\n");
        svg.append("<title>").append(Xml.text(placed.name())).append("</title>\n");
        svg.append("<rect x=\"").append(n(x0)).append("\" y=\"").append(n(y0)).append("\" width=\"").append(n(width))
                .append("\" height=\"").append(n(height)).append("\" fill=\"#ffffff\"/>\n");
        svg.append("<g class=\"wires\" fill=\"none\" stroke=\"#7b8494\" stroke-width=\"2\">\n");
        for (Edge edge : placed.edges()) {
            Node from = nodes.get(edge.from());
            Node to = nodes.get(edge.to());
            if (from == null || to == null) {
                continue; // a wire to a missing node is the checker's finding, not something to draw
            }
            Point2D a = NodeCard.outputOffset(flow).add(from.position().x(), from.position().y());
            Point2D b = inputCentre(to, edge.toPort(), catalog, flow);
            double[] c = WireView.controlPoints(a, b, flow, card(from), card(to));
            svg.append("<path data-from=\"").append(Xml.attribute(edge.from())).append("\" data-to=\"")
                    .append(Xml.attribute(edge.to())).append("\" d=\"M ").append(n(a.getX())).append(' ').append(n(a.getY()))
                    .append(" C ").append(n(c[0])).append(' ').append(n(c[1])).append(", ").append(n(c[2])).append(' ')
                    .append(n(c[3])).append(", ").append(n(b.getX())).append(' ').append(n(b.getY())).append("\"/>\n");
        }
        svg.append("</g>\n");
        for (Node node : placed.nodes()) {
            card(svg, node, flow, check, catalog);
        }
        svg.append("</svg>\n");
        return svg.toString();
    }

    private static void card(StringBuilder svg, Node node, Flow flow, CheckResult check, LayerCatalog catalog) {
        LayerKind kind = catalog.find(node.kind()).orElse(null);
        List<Diagnostic> diagnostics = check.diagnosticsFor(node.id());
        boolean error = diagnostics.stream().anyMatch(Diagnostic::isError);
        String border = error ? "#d32f2f" : diagnostics.isEmpty() ? "#c5cad3" : "#f59e0b";
        double w = NodeCard.WIDTH;
        svg.append("<g class=\"node\" data-id=\"").append(Xml.attribute(node.id())).append("\" transform=\"translate(")
                .append(n(node.position().x())).append(' ').append(n(node.position().y())).append(")\">\n");
        svg.append("  <rect width=\"").append(n(w)).append("\" height=\"").append(n(NodeCard.HEIGHT))
                .append("\" rx=\"6\" fill=\"#ffffff\" stroke=\"").append(border).append("\" stroke-width=\"")
                .append(diagnostics.isEmpty() ? 1 : 2).append("\"/>\n");
        Color band = kind == null ? Color.web("#9ca3af") : CategoryColors.of(kind.category());
        svg.append("  <path d=\"M 0 6 V 5 Q 0 0 5 0 H ").append(n(w - 5)).append(" Q ").append(n(w)).append(" 0 ")
                .append(n(w)).append(" 5 V 6 Z\" fill=\"").append(hex(band)).append("\"/>\n");
        text(svg, PAD, 25, "13", "bold", "#111827", null, node.name());
        text(svg, PAD, 43, "11", null, "#6b7280", null, kind == null ? node.kind() : kind.displayName());
        NodeReport report = check.node(node.id()).orElse(null);
        boolean known = report != null && report.output() != null;
        text(svg, PAD, 68, "12", null, known ? "#1f2937" : "#d32f2f", null, CardText.shape(known ? report.output() : null));
        if (known) {
            text(svg, w - PAD, 68, "11", null, "#6b7280", "end", CardText.params(report.params()));
        }
        ports(svg, kind, flow);
        svg.append("</g>\n");
    }

    /** The ports as the canvas draws them: small white circles on the card's sides. */
    private static void ports(StringBuilder svg, LayerKind kind, Flow flow) {
        if (kind == null) {
            return;
        }
        int count = kind.inputPorts().size();
        for (int i = 0; i < count; i++) {
            port(svg, NodeCard.inputOffset(i, count, flow));
        }
        if (kind.hasOutput()) {
            port(svg, NodeCard.outputOffset(flow));
        }
    }

    private static void port(StringBuilder svg, Point2D at) {
        svg.append("  <circle cx=\"").append(n(at.getX())).append("\" cy=\"").append(n(at.getY())).append("\" r=\"")
                .append(n(PortView.RADIUS)).append("\" fill=\"#ffffff\" stroke=\"#6b7280\" stroke-width=\"1.5\"/>\n");
    }

    private static void text(StringBuilder svg, double x, double y, String size, String weight, String fill, String anchor,
                             String content) {
        svg.append("  <text x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" font-size=\"").append(size)
                .append('"');
        if (weight != null) {
            svg.append(" font-weight=\"").append(weight).append('"');
        }
        if (anchor != null) {
            svg.append(" text-anchor=\"").append(anchor).append('"');
        }
        svg.append(" fill=\"").append(fill).append("\">").append(Xml.text(content)).append("</text>\n");
    }

    private static Rectangle2D card(Node node) {
        return new Rectangle2D(node.position().x(), node.position().y(), NodeCard.WIDTH, NodeCard.HEIGHT);
    }

    /** Where a wire into {@code port} ends, as {@link NodeCard#inputCentre} puts it. */
    private static Point2D inputCentre(Node node, String port, LayerCatalog catalog, Flow flow) {
        List<PortSpec> ports = catalog.find(node.kind()).map(LayerKind::inputPorts).orElse(List.of());
        Point2D offset = null;
        for (int i = 0; i < ports.size() && offset == null; i++) {
            if (ports.get(i).name().equals(port)) {
                offset = NodeCard.inputOffset(i, ports.size(), flow);
            }
        }
        if (offset == null) {
            offset = flow == Flow.DOWN ? new Point2D(NodeCard.WIDTH / 2, 0) : new Point2D(0, NodeCard.HEIGHT / 2);
        }
        return offset.add(node.position().x(), node.position().y());
    }

    private static String hex(Color colour) {
        return String.format(Locale.ROOT, "#%02x%02x%02x", Math.round(colour.getRed() * 255),
                Math.round(colour.getGreen() * 255), Math.round(colour.getBlue() * 255));
    }

    /** A coordinate with at most two decimals, in the dot notation SVG reads whatever the locale. */
    private static String n(double value) {
        String text = String.format(Locale.ROOT, "%.2f", value);
        text = text.contains(".") ? text.replaceAll("0+$", "").replaceAll("\\.$", "") : text;
        return text.equals("-0") ? "0" : text;
    }

    /** XML escaping for text and attribute values; characters XML 1.0 cannot hold become U+FFFD. */
    static final class Xml {
        private Xml() {
        }

        static String text(String value) {
            return escape(value, false);
        }

        static String attribute(String value) {
            return escape(value, true);
        }

        private static String escape(String value, boolean attribute) {
            StringBuilder out = new StringBuilder(value.length() + 16);
            value.codePoints().forEach(c -> {
                switch (c) {
                    case '&' -> out.append("&amp;");
                    case '<' -> out.append("&lt;");
                    case '>' -> out.append("&gt;");
                    case '"' -> out.append(attribute ? "&quot;" : "\"");
                    case '\'' -> out.append(attribute ? "&apos;" : "'");
                    case '\n' -> out.append(attribute ? "&#10;" : "\n");
                    case '\t' -> out.append(attribute ? "&#9;" : "\t");
                    case '\r' -> out.append("&#13;");
                    default -> {
                        boolean allowed = c >= 0x20 && c <= 0xD7FF || c >= 0xE000 && c <= 0xFFFD || c >= 0x10000 && c <= 0x10FFFF;
                        out.appendCodePoint(allowed ? c : 0xFFFD);
                    }
                }
            });
            return out.toString();
        }
    }
}
