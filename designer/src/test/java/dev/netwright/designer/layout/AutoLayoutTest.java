package dev.netwright.designer.layout;

import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.design.Edge;
import dev.netwright.runtime.design.Flow;
import dev.netwright.runtime.design.Node;
import dev.netwright.runtime.design.Position;
import dev.netwright.samples.Sample;
import dev.netwright.samples.Samples;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AutoLayoutTest {
    private static final AutoLayout.Size CARD = new AutoLayout.Size(160, 70);

    @Test
    void noCardsOverlapAndEveryWireRunsLeftToRight() {
        for (String sample : List.of("cnn", "lstm", "transformer", "resnet", "rcnn")) {
            Design design = Samples.load(sample).withFlow(Flow.RIGHT); // the samples ship top to bottom
            Map<String, Position> at = AutoLayout.layout(design, id -> CARD);
            assertThat(at.keySet()).containsExactlyInAnyOrderElementsOf(design.nodes().stream().map(n -> n.id()).toList());
            List<String> ids = new ArrayList<>(at.keySet());
            for (int i = 0; i < ids.size(); i++) {
                for (int j = i + 1; j < ids.size(); j++) {
                    assertThat(overlap(at.get(ids.get(i)), at.get(ids.get(j))))
                            .as("%s: %s and %s overlap", sample, ids.get(i), ids.get(j)).isFalse();
                }
            }
            for (Edge edge : design.edges()) {
                assertThat(at.get(edge.to()).x()).as("%s: %s", sample, edge)
                        .isGreaterThanOrEqualTo(at.get(edge.from()).x() + CARD.width());
            }
        }
    }

    @Test
    void flowingDownNoCardsOverlapAndEveryWireRunsTopToBottom() {
        for (String sample : List.of("cnn", "lstm", "transformer", "resnet", "rcnn")) {
            Design design = Samples.load(sample).withFlow(Flow.DOWN);
            Map<String, Position> at = AutoLayout.layout(design, id -> CARD);
            List<String> ids = new ArrayList<>(at.keySet());
            for (int i = 0; i < ids.size(); i++) {
                for (int j = i + 1; j < ids.size(); j++) {
                    assertThat(overlap(at.get(ids.get(i)), at.get(ids.get(j))))
                            .as("%s: %s and %s overlap", sample, ids.get(i), ids.get(j)).isFalse();
                }
            }
            for (Edge edge : design.edges()) {
                assertThat(at.get(edge.to()).y()).as("%s: %s", sample, edge)
                        .isGreaterThanOrEqualTo(at.get(edge.from()).y() + CARD.height());
            }
        }
    }

    @Test
    void anUnplacedLongChainIsLaidOutTopToBottomBecauseItReadsLargerThatWay() {
        // issue 15, defect 7: a long chain laid out left to right fits the view only with 3-5 px text
        for (String sample : List.of("resnet")) {
            Design unplaced = Samples.load(sample);
            for (Node node : List.copyOf(unplaced.nodes())) {
                unplaced = unplaced.withNode(node.withPosition(Position.ORIGIN));
            }
            Design placed = AutoLayout.placedIfUnplaced(unplaced);

            assertThat(placed.flow()).as(sample).isEqualTo(Flow.DOWN);
            assertThat(placed.nodes().stream().map(n -> n.position()).distinct().count()).as(sample)
                    .isEqualTo(placed.nodes().size());
        }
    }

    @Test
    void aShortWideGraphStaysLeftToRight() {
        // four inputs side by side into one Concat: wider than long, it reads larger left to right
        List<Node> nodes = new ArrayList<>();
        List<Edge> edges = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            nodes.add(new Node("in" + i, "Input", "in" + i, Map.of(), Position.ORIGIN));
            edges.add(Edge.of("in" + i, "join"));
        }
        nodes.add(new Node("join", "Concat", "join", Map.of(), Position.ORIGIN));
        nodes.add(new Node("output", "Output", "output", Map.of(), Position.ORIGIN));
        edges.add(Edge.of("join", "output"));

        Design placed = AutoLayout.placedIfUnplaced(Design.of("wide", "", null, nodes, edges));

        assertThat(placed.flow()).isEqualTo(Flow.RIGHT);
    }

    @Test
    void aDesignThatIsAlreadyPlacedKeepsItsFlowAndPlaces() {
        Design placed = AutoLayout.placedIfUnplaced(Samples.load("cnn"));

        assertThat(AutoLayout.placedIfUnplaced(placed.withFlow(Flow.RIGHT))).isEqualTo(placed.withFlow(Flow.RIGHT));
    }

    /** Issue 15, defect 7: the samples open the way they read larger, as the layout would place them from scratch. */
    @Test
    void everySampleShipsLaidOutTheWayItReadsBetter() {
        for (Sample sample : Samples.list()) {
            Design shipped = Samples.load(sample);
            Design unplaced = shipped.withFlow(Flow.RIGHT);
            for (Node node : shipped.nodes()) {
                unplaced = unplaced.withNode(node.withPosition(new Position(0, 0)));
            }

            assertThat(AutoLayout.placedIfUnplaced(unplaced)).as(sample.id()).isEqualTo(shipped);
            assertThat(shipped.flow()).as(sample.id() + ": a chain of layers reads top to bottom").isEqualTo(Flow.DOWN);
        }
    }

    private static boolean overlap(Position a, Position b) {
        return a.x() < b.x() + CARD.width() && b.x() < a.x() + CARD.width()
                && a.y() < b.y() + CARD.height() && b.y() < a.y() + CARD.height();
    }
}
