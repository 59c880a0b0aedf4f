package dev.netwright.runtime.weights;

import dev.netwright.runtime.TestDesigns;
import dev.netwright.runtime.check.Diagnostic;
import dev.netwright.runtime.check.DiagnosticCode;
import dev.netwright.runtime.check.Severity;
import dev.netwright.runtime.compile.DesignCompiler;
import dev.netwright.runtime.compile.TrainingSettings;
import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.design.Position;
import org.junit.jupiter.api.BeforeEach;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class WeightsCheckTest {
    @TempDir
    Path dir;
    Path file;
    final WeightsCheck check = new WeightsCheck();

    static Design cnn(int conv2Filters, int dense1Units, int classes) {
        return TestDesigns.start().image(8, 8, 1).then("conv1", "Conv2D", "filters", 4)
                .then("conv2", "Conv2D", "filters", conv2Filters).then("flat", "Flatten")
                .then("dense1", "Dense", "units", dense1Units).then("output", "Output", "units", classes).build();
    }

    @BeforeEach
    void writeWeights() throws Exception {
        file = dir.resolve("cnn.weights.npz");
        DesignWeights.extract(new DesignCompiler().compile(cnn(8, 6, 3), TrainingSettings.defaults()).newNetwork(),
                cnn(8, 6, 3)).write(file);
    }

    @Test
    void everyNodeWithParametersKeepsWeightsThatFitAndNothingIsWarned() {
        WeightsStatus status = check.status(cnn(8, 6, 3).withWeights(file.toString()));

        assertThat(status.pretrained()).containsExactlyInAnyOrder("conv1", "conv2", "dense1", "output");
        assertThat(status.originOf("conv1")).isEqualTo(WeightsStatus.Origin.PRETRAINED);
        assertThat(status.originOf("flat")).isEqualTo(WeightsStatus.Origin.NONE);
        assertThat(status.fileName()).isEqualTo("cnn.weights.npz");
        assertThat(status.diagnostics()).isEmpty();
    }

    @Test
    void aPrunedNodesZeroWeightsAreCountedAndBiasesAreNot() throws Exception {
        DesignWeights dense = DesignWeights.read(file);
        Map<String, Map<String, INDArray>> pruned = new LinkedHashMap<>();
        for (String node : dense.nodeIds()) {
            Map<String, INDArray> params = new LinkedHashMap<>();
            dense.node(node).forEach((name, value) -> params.put(name, value.dup()));
            pruned.put(node, params);
        }
        INDArray w = pruned.get("dense1").get("W"); // 8*4*4 = 128 inputs by 6 units: zero the first 700 of 768
        for (long i = 0; i < 700; i++) {
            w.putScalar(i, 0f);
        }
        pruned.get("dense1").get("b").assign(0); // a bias of zeros is not a pruned weight
        Path prunedFile = dir.resolve("pruned.weights.npz");
        DesignWeights.of(pruned).write(prunedFile);

        WeightsStatus status = check.status(cnn(8, 6, 3).withWeights(prunedFile.toString()));

        assertThat(status.sparseNode("dense1")).contains(new WeightSparsity("dense1", 768, 68));
        assertThat(status.sparseNode("dense1").orElseThrow().zeroShare()).isEqualTo("91.1%");
        assertThat(status.sparseNode("conv1")).isEmpty();
        assertThat(status.sparseNode("flat")).isEmpty();
        assertThat(status.zeroWeights()).isEqualTo(700);
    }

    @Test
    void movingOrRenamingALayerReusesTheAnswerAndChangingAShapeDoesNot() {
        Design design = cnn(8, 6, 3).withWeights(file.toString());
        WeightsStatus first = check.status(design);

        Design moved = design.withNode(design.requireNode("conv2").withPosition(new Position(400, 300))
                .withName("Renamed"));
        assertThat(check.status(moved)).isSameAs(first);
        WeightsStatus wider = check.status(cnn(16, 6, 3).withWeights(file.toString()));
        assertThat(wider).isNotSameAs(first);
        assertThat(wider.pretrained()).doesNotContain("conv2");
    }

    @Test
    void nodesWhoseShapesChangedAreNamedInOneWarning() {
        // more filters in conv2 change conv2 and the Dense after the Flatten; more classes change the Output
        WeightsStatus status = check.status(cnn(16, 6, 5).withWeights(file.toString()));

        assertThat(status.pretrained()).containsExactly("conv1");
        assertThat(status.changed()).containsExactly("conv2", "dense1", "output");
        assertThat(status.originOf("conv2")).isEqualTo(WeightsStatus.Origin.NEW);
        assertThat(status.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.code()).isEqualTo(DiagnosticCode.WEIGHTS_REINITIALISED);
            assertThat(d.severity()).isEqualTo(Severity.WARNING);
            assertThat(d.nodeId()).isEqualTo("conv2");
            assertThat(d.message()).isEqualTo("conv2, dense1 and output will start from random weights (their shapes "
                    + "changed since the weights were made).");
        });
    }

    @Test
    void aNewNodeIsNamedAsHavingNoWeightsInTheFile() {
        Design withExtra = TestDesigns.start().image(8, 8, 1).then("conv1", "Conv2D", "filters", 4)
                .then("conv2", "Conv2D", "filters", 8).then("flat", "Flatten").then("dense1", "Dense", "units", 6)
                .then("dense2", "Dense", "units", 6).then("output", "Output", "units", 3).build();

        WeightsStatus status = check.status(withExtra.withWeights(file.toString()));

        assertThat(status.missing()).containsExactly("dense2");
        assertThat(status.diagnostics()).extracting(Diagnostic::message)
                .containsExactly("dense2 will start from random weights (cnn.weights.npz has no weights for it).");
    }

    @Test
    void aMissingFileIsAWarningNamingItAndEveryNodeStartsFromRandomWeights() throws Exception {
        Files.delete(file);

        WeightsStatus status = check.status(cnn(8, 6, 3).withWeights(file.toString()));

        assertThat(status.problem()).isEqualTo("it is missing");
        assertThat(status.pretrained()).isEmpty();
        assertThat(status.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.code()).isEqualTo(DiagnosticCode.WEIGHTS_UNREADABLE);
            assertThat(d.severity()).isEqualTo(Severity.WARNING);
            assertThat(d.message()).isEqualTo("The weights file cnn.weights.npz cannot be read (it is missing): every "
                    + "layer will start from random weights.");
        });
    }

    @Test
    void aDamagedFileIsAWarningNamingIt() throws Exception {
        Files.write(file, new byte[]{1, 2, 3, 'n', 'o', 't', ' ', 'a', ' ', 'z', 'i', 'p'});

        WeightsStatus status = check.status(cnn(8, 6, 3).withWeights(file.toString()));

        assertThat(status.problem()).isNotNull().doesNotContain(dir.toString());
        assertThat(status.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.code()).isEqualTo(DiagnosticCode.WEIGHTS_UNREADABLE);
            assertThat(d.message()).startsWith("The weights file cnn.weights.npz cannot be read (")
                    .endsWith("every layer will start from random weights.");
        });
    }

    @Test
    void aFileRewrittenSinceItWasReadIsReadAgain() throws Exception {
        assertThat(check.status(cnn(16, 6, 3).withWeights(file.toString())).changed()).contains("conv2");
        DesignWeights.extract(new DesignCompiler().compile(cnn(16, 6, 3), TrainingSettings.defaults()).newNetwork(),
                cnn(16, 6, 3)).write(file);
        Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5000));

        assertThat(check.status(cnn(16, 6, 3).withWeights(file.toString())).changed()).isEmpty();
    }

    @Test
    void aDesignWithErrorsSaysNothingPerNodeAndADesignWithoutWeightsHasNoStatus() {
        Design broken = TestDesigns.start().image(8, 8, 1).then("conv1", "Conv2D", "filters", 4).build()
                .withWeights(file.toString());

        assertThat(check.status(broken).known()).isFalse();
        assertThat(check.status(broken).diagnostics()).isEmpty();
        assertThat(check.status(cnn(8, 6, 3))).isEqualTo(WeightsStatus.none());
        assertThat(WeightsStatus.none().hasWeights()).isFalse();
    }
}
