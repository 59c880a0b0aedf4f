package dev.netwright.runtime.format;

import dev.netwright.runtime.TestDesigns;
import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.design.DesignFormatException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A node's "trainable" and "learnRateFactor" in the design file. */
class NodeTrainingFieldsTest {
    private final DesignJson json = new DesignJson();

    private static final String OLD = """
            {
              "formatVersion" : 1,
              "name" : "tiny",
              "nodes" : [ {
                "id" : "input", "kind" : "Input", "params" : { "form" : "vector", "size" : 4 }
              }, {
                "id" : "dense", "kind" : "Dense", "params" : { "units" : 5 }
              }, {
                "id" : "output", "kind" : "Output", "params" : { "units" : 3 }
              } ],
              "edges" : [ { "from" : "input", "to" : "dense" }, { "from" : "dense", "to" : "output" } ]
            }
            """;

    private static Design design() {
        return TestDesigns.start().image(28, 28, 1).then("conv1", "Conv2D", "filters", 8)
                .then("flat", "Flatten").then("dense1", "Dense", "units", 16).output();
    }

    @Test
    void frozenNodesAndLearningRateFactorsReadBackEqualAndRewriteByteForByte() throws Exception {
        Design design = design();
        design = design.withNode(design.requireNode("conv1").withTrainable(false))
                .withNode(design.requireNode("dense1").withLearnRateFactor(10));
        String text = json.write(design);
        assertThat(text).contains("\"trainable\" : false").contains("\"learnRateFactor\" : 10.0");
        Design read = json.read(text, "mem");
        assertThat(read).isEqualTo(design);
        assertThat(read.requireNode("conv1").trainable()).isFalse();
        assertThat(read.requireNode("dense1").learnRateFactor()).isEqualTo(10.0);
        assertThat(json.write(read)).isEqualTo(text);
    }

    @Test
    void nodesWithTheDefaultsAreWrittenWithoutTheFields() {
        String text = json.write(design());
        assertThat(text).doesNotContain("trainable").doesNotContain("learnRateFactor");
    }

    @Test
    void aFileWithoutTheFieldsReadsAsTrainableAtFactorOne() throws Exception {
        Design read = json.read(OLD, "old.json");
        assertThat(read.nodes()).allSatisfy(n -> {
            assertThat(n.trainable()).isTrue();
            assertThat(n.learnRateFactor()).isEqualTo(1.0);
        });
    }

    @Test
    void aWrongTrainableValueIsRefusedNamingTheNode() {
        String text = OLD.replace("\"kind\" : \"Dense\",", "\"kind\" : \"Dense\", \"trainable\" : \"no\",");
        assertThatThrownBy(() -> json.read(text, "bad.json")).isInstanceOf(DesignFormatException.class)
                .hasMessageContaining("bad.json").hasMessageContaining("id 'dense'").hasMessageContaining("'trainable'");
    }

    @Test
    void aFactorOfZeroIsRefusedNamingTheNode() {
        String text = OLD.replace("\"kind\" : \"Dense\",", "\"kind\" : \"Dense\", \"learnRateFactor\" : 0,");
        assertThatThrownBy(() -> json.read(text, "bad.json")).isInstanceOf(DesignFormatException.class)
                .hasMessageContaining("id 'dense'").hasMessageContaining("'learnRateFactor' must be a positive number");
    }
}
