package dev.netwright.designer.layout;

import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.design.Edge;
import dev.netwright.runtime.design.Position;
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
        for (String sample : List.of("cnn", "lstm", "transformer", "resnet")) {
            Design design = Samples.load(sample);
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

    private static boolean overlap(Position a, Position b) {
        return a.x() < b.x() + CARD.width() && b.x() < a.x() + CARD.width()
                && a.y() < b.y() + CARD.height() && b.y() < a.y() + CARD.height();
    }
}
