package dev.netwright.runtime.check;

import dev.netwright.runtime.TestDesigns;
import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.layers.Fix;
import dev.netwright.runtime.layers.LayerKind;
import dev.netwright.runtime.layers.Shape;
import dev.netwright.runtime.layers.kinds.StandardKinds;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The shape rules and messages of Reshape, UpSampling2D, Conv2DTranspose, and a Conv1D feeding an LSTM. */
class ReshapeAndUpsamplingRulesTest {
    private final Checker checker = new Checker();

    private Diagnostic onlyErrorOn(Design design, String nodeId) {
        List<Diagnostic> errors = checker.check(design).errors();
        assertThat(errors).as("errors of %s", design).hasSize(1);
        assertThat(errors.get(0).nodeId()).isEqualTo(nodeId);
        assertThat(errors.get(0).code()).isEqualTo(DiagnosticCode.SHAPE_RULE);
        return errors.get(0);
    }

    private Shape shapeOf(Design design, String nodeId) {
        CheckResult result = checker.check(design);
        assertThat(result.errors()).isEmpty();
        return result.output(nodeId).orElseThrow();
    }

    @Test
    void reshapeGivesTheTargetShapeWithoutParameters() {
        Design design = TestDesigns.start().image(28, 28, 1).then("re", "Reshape", "form", "sequence", "steps", 49,
                "features", 16).then("lstm", "LSTM", "units", 8).output();
        assertThat(shapeOf(design, "re")).isEqualTo(new Shape.Sequence(49, 16));
        assertThat(checker.check(design).nodes().get("re").params()).isZero();
    }

    @Test
    void reshapeToADifferentValueCountNamesBothShapesAndOffersTheFittingLastSize() {
        Design design = TestDesigns.start().image(28, 28, 1).then("re", "Reshape", "form", "sequence", "steps", 28,
                "features", 27).then("lstm", "LSTM", "units", 8).output();
        Diagnostic error = onlyErrorOn(design, "re");
        assertThat(error.message()).contains("a 28×28×1 image (784 values) from input")
                .contains("a sequence of 28 steps × 27 features (756 values)").contains("same number of values");
        assertThat(error.fix()).isEqualTo(new Fix.SetParam("re", "features", 28));
        assertThat(checker.check(error.fix().apply(design, StandardKinds.catalog())).errors()).isEmpty();
    }

    @Test
    void reshapeWithoutAWholeFittingSizeOffersNoFix() {
        Design design = TestDesigns.start().vector(10).then("re", "Reshape", "form", "image", "height", 3,
                "width", 3, "channels", 1).then("flat", "Flatten").output();
        Diagnostic error = onlyErrorOn(design, "re");
        assertThat(error.message()).contains("a vector of 10 (10 values)").contains("a 3×3×1 image (9 values)");
        assertThat(error.fix()).isNull();
    }

    @Test
    void upSamplingRepeatsEachPixelAndNeedsAnImage() {
        Design design = TestDesigns.start().image(7, 5, 3).then("up", "UpSampling2D", "size", 3)
                .then("flat", "Flatten").output();
        assertThat(shapeOf(design, "up")).isEqualTo(new Shape.Image(21, 15, 3));

        Design onSequence = TestDesigns.start().sequence(7, 5).then("up", "UpSampling2D")
                .then("pool", "GlobalPooling").output();
        assertThat(onlyErrorOn(onSequence, "up").message()).contains("UpSampling2D needs an image")
                .contains("a sequence of 7 steps × 5 features");
    }

    @Test
    void conv2DTransposeEnlargesAsDl4jComputes() {
        // same: input × stride; valid: (input − 1) × stride + kernel
        Design same = TestDesigns.start().image(7, 7, 4).then("deconv", "Conv2DTranspose", "filters", 8)
                .then("flat", "Flatten").output();
        assertThat(shapeOf(same, "deconv")).isEqualTo(new Shape.Image(14, 14, 8));
        assertThat(checker.check(same).nodes().get("deconv").params()).isEqualTo(3 * 3 * 4 * 8 + 8);

        Design valid = TestDesigns.start().image(7, 5, 4).then("deconv", "Conv2DTranspose", "filters", 2,
                "kernelHeight", 4, "kernelWidth", 2, "strideHeight", 2, "strideWidth", 3, "padding", "valid")
                .then("flat", "Flatten").output();
        assertThat(shapeOf(valid, "deconv")).isEqualTo(new Shape.Image(16, 14, 2));
    }

    @Test
    void conv2DTransposeCostsItsParametersOncePerInputPixel() {
        Design design = TestDesigns.start().image(4, 5, 2).then("deconv", "Conv2DTranspose", "filters", 3)
                .then("flat", "Flatten").output();
        CheckResult check = checker.check(design);
        LayerKind kind = StandardKinds.catalog().require("Conv2DTranspose");
        long params = check.nodes().get("deconv").params();

        assertThat(check.output("deconv")).contains(new Shape.Image(8, 10, 3));
        assertThat(kind.multiplyAdds(kind.read(design.requireNode("deconv")), new Shape.Image(8, 10, 3), params))
                .isEqualTo(params * 4 * 5);
        Design valid = TestDesigns.start().image(4, 5, 2).then("deconv", "Conv2DTranspose", "filters", 3,
                "kernelHeight", 4, "padding", "valid").then("flat", "Flatten").output();
        Shape.Image out = (Shape.Image) checker.check(valid).output("deconv").orElseThrow();
        assertThat(kind.multiplyAdds(kind.read(valid.requireNode("deconv")), out, params)).isEqualTo(params * 4 * 5);
    }

    @Test
    void conv2DTransposeOnAVectorNeedsAnImage() {
        Design design = TestDesigns.start().vector(16).then("deconv", "Conv2DTranspose").then("flat", "Flatten").output();
        assertThat(onlyErrorOn(design, "deconv").message()).contains("Conv2DTranspose needs an image")
                .contains("a vector of 16");
    }

    @Test
    void aConv1DGivesASequenceAnLstmReads() {
        Design design = TestDesigns.start().sequence(28, 28).then("conv", "Conv1D", "filters", 16, "kernel", 3)
                .then("lstm", "LSTM", "units", 8).output();
        assertThat(shapeOf(design, "conv")).isEqualTo(new Shape.Sequence(26, 16));
        assertThat(shapeOf(design, "lstm")).isEqualTo(new Shape.Vector(8));
    }
}
