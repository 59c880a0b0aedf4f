package dev.netwright.designer.canvas;

import dev.netwright.designer.layout.AutoLayout;
import dev.netwright.designer.style.CategoryColors;
import dev.netwright.runtime.check.Diagnostic;
import dev.netwright.runtime.weights.WeightSparsity;
import dev.netwright.runtime.weights.WeightsStatus;
import dev.netwright.runtime.check.NodeReport;
import dev.netwright.runtime.design.Flow;
import dev.netwright.runtime.design.Node;
import dev.netwright.runtime.layers.Category;
import dev.netwright.runtime.layers.LayerKind;
import dev.netwright.runtime.layers.PortSpec;
import javafx.css.PseudoClass;
import javafx.geometry.Point2D;
import javafx.geometry.Pos;
import javafx.geometry.VPos;
import javafx.geometry.Rectangle2D;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.Background;
import javafx.scene.layout.BackgroundFill;
import javafx.scene.layout.CornerRadii;
import javafx.scene.layout.Region;
import javafx.scene.text.Text;
import javafx.util.Duration;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The skin of one node: a card with its name, kind, output shape and parameter count, a band in its
 * category's colour, input ports on the left and an output port on the right. A node with errors gets a
 * red border, a badge and a tooltip with the messages; a frozen node a dashed border and "· frozen" after its kind; in a design with trained weights, a tag on the bottom edge
 * says whether the node starts from them ("pretrained") or from random weights ("new weights"); a node the training
 * doctor found something wrong with in the run in view, a "doctor" tag on its top edge whose tooltip says what. The card has a fixed size, so layout and wires
 * never wait for text to be measured and 500 cards lay out in one cheap pass.
 */
final class NodeCard extends Region {
    static final double WIDTH = AutoLayout.CARD.width();
    static final double HEIGHT = AutoLayout.CARD.height();
    private static final double PAD = 12;
    private static final PseudoClass SELECTED = PseudoClass.getPseudoClass("selected");
    private static final PseudoClass ERROR = PseudoClass.getPseudoClass("error");
    private static final PseudoClass WARNING = PseudoClass.getPseudoClass("warning");
    private static final PseudoClass FROZEN = PseudoClass.getPseudoClass("frozen");
    private static final PseudoClass PRETRAINED = PseudoClass.getPseudoClass("pretrained");
    private static final PseudoClass NEW_WEIGHTS = PseudoClass.getPseudoClass("new");
    private static final Map<Category, Background> BANDS = new EnumMap<>(Category.class);

    private final String nodeId;
    private final LayerKind kind;
    // The frame draws the card's background, border and selection ring and carries the card's states.
    // States on a leaf, not on the card: a state change restyles the node and all its descendants, and
    // an edit may turn hundreds of cards red at once.
    private final Region frame = new Region();
    private final Region band = new Region();
    private final Label name = label("card-name");
    // Plain Text rather than Labels for the lines that change with every re-check: no skin, no ellipsis
    // work, and a third of the nodes to restyle when an edit turns hundreds of cards red at once.
    private final Text kindLabel = text("card-kind");
    private final String kindName;
    private final Text shape = text("card-shape");
    private final Text params = text("card-params");
    private final Label badge = label("card-badge");
    /** "pretrained" or "new weights" on the card's bottom edge, for a design with trained weights; hidden otherwise. */
    private final Label weightsTag = label("card-weights");
    /** "doctor" on the card's top edge while the training doctor has something to say about the node; hidden otherwise. */
    private final Label doctorTag = label("card-doctor");
    private String shownNote = "";
    private WeightsStatus.Origin shownOrigin = WeightsStatus.Origin.NONE;
    private String shownWeights = "";
    private final List<PortView> inputs = new ArrayList<>();
    private final PortView output;
    private final Flow flow;
    private Node shown;
    private NodeReport shownReport;
    private List<Diagnostic> shownDiagnostics = List.of();
    private Tooltip tooltip;

    NodeCard(LayerKind kind, String nodeId, Flow flow) {
        this.flow = flow;
        this.kind = kind;
        this.nodeId = nodeId;
        setId("node-" + nodeId);
        getStyleClass().addAll("node-card", CategoryColors.styleClass(kind.category()));
        band.setBackground(BANDS.computeIfAbsent(kind.category(), c -> new Background(
                new BackgroundFill(CategoryColors.of(c), new CornerRadii(5, 5, 0, 0, false), null))));
        band.setManaged(false);
        frame.getStyleClass().add("card-frame");
        frame.setManaged(false);
        kindName = kind.displayName();
        kindLabel.setText(kindName);
        badge.setAlignment(Pos.CENTER);
        badge.setVisible(false);
        getChildren().addAll(frame, band, name, kindLabel, shape, params);
        for (PortSpec spec : kind.inputPorts()) {
            PortView port = new PortView(this, spec.name(), PortView.Side.IN);
            inputs.add(port);
            getChildren().add(port);
        }
        output = kind.hasOutput() ? new PortView(this, "out", PortView.Side.OUT) : null;
        if (output != null) {
            getChildren().add(output);
        }
        weightsTag.setVisible(false);
        weightsTag.setAlignment(Pos.CENTER);
        doctorTag.setText("doctor");
        doctorTag.setAlignment(Pos.CENTER);
        doctorTag.setVisible(false);
        getChildren().addAll(weightsTag, doctorTag, badge);
        addEventHandler(MouseEvent.MOUSE_ENTERED, e -> installTooltipOnDemand());
        // A card is drawn once into a bitmap and blitted while the view pans: rounded borders and text
        // are the costly part of a frame, and a pan changes neither.
        setCache(true);
        // Ports sit at fixed places (the card's size is fixed), set here so wires are right before any layout.
        // Flowing right, inputs are spread down the left side and the output is on the right; flowing down, inputs
        // are spread along the top and the output is at the bottom.
        for (int i = 0; i < inputs.size(); i++) {
            Point2D in = inputOffset(i, inputs.size(), flow);
            inputs.get(i).setLayoutX(in.getX());
            inputs.get(i).setLayoutY(in.getY());
        }
        if (output != null) {
            Point2D out = outputOffset(flow);
            output.setLayoutX(out.getX());
            output.setLayoutY(out.getY());
        }
    }

    private static Text text(String styleClass) {
        Text text = new Text();
        text.getStyleClass().add(styleClass);
        text.setTextOrigin(VPos.TOP);
        text.setManaged(false);
        return text;
    }

    private static Label label(String styleClass) {
        Label label = new Label();
        label.getStyleClass().add(styleClass);
        label.setManaged(false);
        return label;
    }

    String nodeId() {
        return nodeId;
    }

    LayerKind kind() {
        return kind;
    }

    List<PortView> inputPorts() {
        return inputs;
    }

    /** The output port, or null for a kind without one (Output). */
    PortView outputPort() {
        return output;
    }

    /** Shows a node's current state; does nothing when nothing the card shows has changed. */
    void show(Node node, NodeReport report, List<Diagnostic> diagnostics) {
        show(node, report, diagnostics, WeightsStatus.Origin.NONE, Optional.empty());
    }

    /**
     * As {@link #show(Node, NodeReport, List)}, with where the node's weights will come from and, for a pruned node,
     * how many of them are zero.
     */
    void show(Node node, NodeReport report, List<Diagnostic> diagnostics, WeightsStatus.Origin origin,
              Optional<WeightSparsity> sparsity) {
        String weightsText = CardText.weights(origin, sparsity);
        if (origin != shownOrigin || !weightsText.equals(shownWeights)) {
            shownOrigin = origin;
            shownWeights = weightsText;
            weightsTag.setText(weightsText);
            weightsTag.setVisible(origin != WeightsStatus.Origin.NONE);
            weightsTag.pseudoClassStateChanged(PRETRAINED, origin == WeightsStatus.Origin.PRETRAINED);
            weightsTag.pseudoClassStateChanged(NEW_WEIGHTS, origin == WeightsStatus.Origin.NEW);
            requestLayout();
        }
        if (shown == null || !shown.position().equals(node.position())) {
            relocate(node.position().x(), node.position().y());
        }
        if (shown == null || !shown.name().equals(node.name())) {
            name.setText(node.name());
        }
        boolean frozenChanged = shown == null || shown.trainable() != node.trainable();
        shown = node;
        if (!Objects.equals(report, shownReport) || frozenChanged) {
            shownReport = report;
            boolean known = report != null && report.output() != null;
            shape.setText(CardText.shape(known ? report.output() : null));
            // Without a shape the count is not known either; "0 params" would be a wrong answer.
            params.setText(known ? CardText.params(report.params()) : "");
            kindLabel.setText(CardText.kind(kindName, !node.trainable()));
            frame.pseudoClassStateChanged(FROZEN, !node.trainable());
            kindLabel.pseudoClassStateChanged(FROZEN, !node.trainable());
            requestLayout(); // the count is right-aligned to its new width
        }
        if (!diagnostics.equals(shownDiagnostics)) {
            shownDiagnostics = List.copyOf(diagnostics);
            showDiagnostics();
        }
    }

    /**
     * Shows what the training doctor found on this node, in words, as a tag with a tooltip; an empty note hides it.
     * The tooltip is made only for a card with a note: few cards have one.
     */
    void showDoctorNote(String note) {
        if (note.equals(shownNote)) {
            return;
        }
        shownNote = note;
        doctorTag.setVisible(!note.isEmpty());
        if (note.isEmpty()) {
            doctorTag.setTooltip(null);
        } else {
            Tooltip tip = new Tooltip(note);
            tip.setShowDelay(Duration.millis(300));
            tip.setWrapText(true);
            tip.setMaxWidth(420);
            doctorTag.setTooltip(tip);
        }
        requestLayout();
    }

    /** What the doctor tag's tooltip says; empty while the card has no tag. */
    String doctorNote() {
        return doctorTag.isVisible() ? shownNote : "";
    }

    private void showDiagnostics() {
        long errors = shownDiagnostics.stream().filter(Diagnostic::isError).count();
        boolean warning = errors == 0 && !shownDiagnostics.isEmpty();
        frame.pseudoClassStateChanged(ERROR, errors > 0);
        frame.pseudoClassStateChanged(WARNING, warning);
        badge.pseudoClassStateChanged(WARNING, warning);
        badge.setVisible(!shownDiagnostics.isEmpty());
        badge.setText(errors > 0 ? "!" : "?");
        if (tooltip != null) {
            tooltip.setText(CardText.tooltip(shownDiagnostics));
        }
    }

    /**
     * Makes the tooltip when the mouse first comes over a card that has something to say. A Tooltip is
     * a popup window underneath: making one for each of hundreds of red cards would stall the edit that
     * turned them red, and most of them are never hovered.
     */
    private void installTooltipOnDemand() {
        if (tooltip == null && !shownDiagnostics.isEmpty()) {
            tooltip = new Tooltip(CardText.tooltip(shownDiagnostics));
            tooltip.setShowDelay(Duration.millis(300));
            tooltip.setWrapText(true);
            tooltip.setMaxWidth(420);
            Tooltip.install(this, tooltip);
        }
    }

    /** The tooltip, once the mouse has been over a card with diagnostics; null before. */
    Tooltip tooltip() {
        return tooltip;
    }

    /** The text the tooltip shows: this node's diagnostics; empty when it has none. */
    String diagnosticsText() {
        return CardText.tooltip(shownDiagnostics);
    }

    /** The weights tag's words ("pretrained", "new weights"); empty when it is hidden. */
    String weightsText() {
        return weightsTag.isVisible() ? weightsTag.getText() : "";
    }

    boolean hasErrors() {
        return frame.getPseudoClassStates().contains(ERROR);
    }

    void setSelected(boolean on) {
        frame.pseudoClassStateChanged(SELECTED, on);
    }

    boolean isSelected() {
        return frame.getPseudoClassStates().contains(SELECTED);
    }

    /** The card's rectangle in canvas coordinates. */
    Rectangle2D boundsInCanvas() {
        return new Rectangle2D(getLayoutX(), getLayoutY(), WIDTH, HEIGHT);
    }

    Flow flow() {
        return flow;
    }

    /** Where the output port sits on a card, from its top left corner. */
    static Point2D outputOffset(Flow flow) {
        return flow == Flow.DOWN ? new Point2D(WIDTH / 2, HEIGHT) : new Point2D(WIDTH, HEIGHT / 2);
    }

    /** Where input port {@code index} of {@code count} sits on a card: spread along its input side. */
    static Point2D inputOffset(int index, int count, Flow flow) {
        double along = (double) (index + 1) / (count + 1);
        return flow == Flow.DOWN ? new Point2D(WIDTH * along, 0) : new Point2D(0, HEIGHT * along);
    }

    Point2D outputCentre() {
        return outputOffset(flow).add(getLayoutX(), getLayoutY());
    }

    /** Where a wire into {@code port} ends; the middle of the input side when the kind has no such port. */
    Point2D inputCentre(String port) {
        for (PortView view : inputs) {
            if (view.port().equals(port)) {
                return view.centreInCanvas();
            }
        }
        return flow == Flow.DOWN ? new Point2D(getLayoutX() + WIDTH / 2, getLayoutY())
                : new Point2D(getLayoutX(), getLayoutY() + HEIGHT / 2);
    }

    @Override
    protected double computePrefWidth(double height) {
        return WIDTH;
    }

    @Override
    protected double computePrefHeight(double width) {
        return HEIGHT;
    }

    @Override
    protected double computeMinWidth(double height) {
        return WIDTH;
    }

    @Override
    protected double computeMinHeight(double width) {
        return HEIGHT;
    }

    @Override
    protected double computeMaxWidth(double height) {
        return WIDTH;
    }

    @Override
    protected double computeMaxHeight(double width) {
        return HEIGHT;
    }

    @Override
    protected void layoutChildren() {
        frame.resizeRelocate(0, 0, WIDTH, HEIGHT);
        band.resizeRelocate(0, 0, WIDTH, 6);
        double text = WIDTH - 2 * PAD;
        name.resizeRelocate(PAD, 11, text - 10, 19);
        kindLabel.relocate(PAD, 32);
        shape.relocate(PAD, 56);
        params.relocate(WIDTH - PAD - params.getLayoutBounds().getWidth(), 57);
        badge.resizeRelocate(WIDTH - 12, -8, 20, 20);
        // on the top edge, left of the error badge, clear of the name
        double doctorWidth = Math.ceil(doctorTag.prefWidth(-1));
        doctorTag.resizeRelocate(WIDTH - 18 - doctorWidth, -8, doctorWidth, 16);
        // on the bottom edge, left of a downward flow's output port: below the text, clear of every port
        double tagWidth = Math.ceil(weightsTag.prefWidth(-1));
        weightsTag.resizeRelocate(PAD, HEIGHT - 8, tagWidth, 16);
    }
}
