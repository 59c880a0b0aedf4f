package dev.netwright.designer.canvas;

import dev.netwright.runtime.check.Diagnostic;
import dev.netwright.runtime.check.DiagnosticCode;
import dev.netwright.runtime.layers.Fix;
import dev.netwright.runtime.layers.Shape;
import dev.netwright.runtime.design.Edge;
import dev.netwright.runtime.weights.WeightSparsity;
import dev.netwright.runtime.weights.WeightsStatus.Origin;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class CardTextTest {

    @Test
    void parameterCountsStayShort() {
        assertThat(CardText.params(0)).isEqualTo("0 params");
        assertThat(CardText.params(1)).isEqualTo("1 param");
        assertThat(CardText.params(9_999)).isEqualTo("9999 params");
        assertThat(CardText.params(18_496)).isEqualTo("18.5k params");
        assertThat(CardText.params(3_250_000)).isEqualTo("3.3M params");
    }

    @Test
    void aFrozenNodesKindLineSaysSo() {
        assertThat(CardText.kind("Conv2D", true)).isEqualTo("Conv2D \u00b7 frozen");
        assertThat(CardText.kind("Conv2D", false)).isEqualTo("Conv2D");
    }

    @Test
    void theWeightsTagSaysWhereANodeStartsFrom() {
        assertThat(CardText.weights(Origin.PRETRAINED, Optional.empty())).isEqualTo("pretrained");
        assertThat(CardText.weights(Origin.NEW, Optional.empty())).isEqualTo("new weights");
        assertThat(CardText.weights(Origin.NONE, Optional.empty())).isEmpty();
    }

    @Test
    void aPrunedNodesTagSaysHowManyOfItsWeightsAreZero() {
        assertThat(CardText.weights(Origin.PRETRAINED, Optional.of(new WeightSparsity("dense1", 1000, 100))))
                .isEqualTo("pretrained \u00b7 90% zero");
        assertThat(CardText.weights(Origin.PRETRAINED, Optional.of(new WeightSparsity("conv1", 320, 280))))
                .isEqualTo("pretrained \u00b7 12.5% zero");
    }

    @Test
    void shapesUseTheCheckersLabelOrAQuestionMark() {
        assertThat(CardText.shape(new Shape.Image(26, 26, 32))).isEqualTo("→ 26×26×32");
        assertThat(CardText.shape(null)).isEqualTo("shape ?");
    }

    @Test
    void theTooltipListsErrorsFirstWithTheirFixes() {
        Fix flatten = new Fix.InsertLayer(Edge.of("conv1", "dense1"), "Flatten");
        String text = CardText.tooltip(List.of(
                Diagnostic.of(DiagnosticCode.OUTPUT_UNUSED, "dense1", "The output of dense1 is not used."),
                new Diagnostic(DiagnosticCode.SHAPE_RULE, "dense1", "Dense needs a vector.", flatten)));
        assertThat(text).isEqualTo("Error: Dense needs a vector.\n    Fix: insert Flatten between conv1 and dense1\n"
                + "Warning: The output of dense1 is not used.");
    }
}
