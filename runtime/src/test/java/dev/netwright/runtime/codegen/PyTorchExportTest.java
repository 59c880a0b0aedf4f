package dev.netwright.runtime.codegen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.netwright.runtime.TestDesigns;
import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.design.TrainingPlan;
import org.junit.jupiter.api.Test;

class PyTorchExportTest {
    private final PyTorchExport export = new PyTorchExport();

    @Test
    void aSmallCnnBecomesAModuleWithChannelsFirstInputAndAChannelsFirstFlatten() {
        Design design = TestDesigns.start().image(28, 28, 1)
                .then("conv1", "Conv2D", "filters", 8, "padding", "same", "activation", "relu")
                .then("pool1", "MaxPool2D")
                .then("flatten", "Flatten")
                .then("dense1", "Dense", "units", 16, "activation", "relu")
                .output();

        String code = export.export(design);

        assertThat(code).contains("class Test(nn.Module):", "input_shape = (1, 28, 28)",
                "self.conv1 = nn.Conv2d(1, 8, (3, 3), padding=\"same\")",
                "x_conv1 = F.relu(self.conv1(x_input))",
                "x_pool1 = F.max_pool2d(x_conv1, 2, 2)",
                "x_flatten = torch.flatten(x_pool1, 1)",
                "self.dense1 = nn.Linear(1568, 16)",
                "self.output = nn.Linear(16, 3)",
                "return x_output",
                "nn.CrossEntropyLoss()",
                "if __name__ == \"__main__\":");
        assertThat(code).doesNotContain("\t");
    }

    @Test
    void aSkipConnectionAddsTheTwoBranchesAndConcatJoinsChannels() {
        Design design = TestDesigns.start().image(8, 8, 4)
                .then("a", "Conv2D", "filters", 4, "padding", "same")
                .then("sum", "Add").wire("input", "sum")
                .then("cat", "Concat").wire("input", "cat")
                .then("gap", "GlobalPooling", "mode", "max")
                .output();

        String code = export.export(design);

        assertThat(code).containsAnyOf("x_sum = x_a + x_input", "x_sum = x_input + x_a");
        assertThat(code).containsAnyOf("torch.cat([x_sum, x_input], dim=1)", "torch.cat([x_input, x_sum], dim=1)");
        assertThat(code).contains("x_gap = x_cat.amax(dim=(2, 3))", "self.output = nn.Linear(8, 3)");
    }

    @Test
    void batchNormMomentumIsTurnedIntoPyTorchsShareOfTheNewBatch() {
        Design design = TestDesigns.start().image(8, 8, 2)
                .then("bn", "BatchNorm", "momentum", 0.9, "epsilon", 1e-3)
                .then("flatten", "Flatten")
                .output();

        assertThat(export.export(design)).contains("self.bn = nn.BatchNorm2d(2, eps=0.001, momentum=0.1)");
    }

    @Test
    void stackedLstmsReadBatchFirstAndTheLastOneKeepsTheLastStep() {
        Design design = TestDesigns.start().sequence(28, 28)
                .then("lstm1", "LSTM", "units", 32, "returnSequences", true)
                .then("lstm2", "LSTM", "units", 16, "returnSequences", false)
                .output();

        String code = export.export(design);

        assertThat(code).contains("input_shape = (28, 28)",
                "self.lstm1 = single_bias(nn.LSTM(28, 32, batch_first=True))",
                "x_lstm1 = self.lstm1(x_input)[0]",
                "x_lstm2 = self.lstm2(x_lstm1)[0][:, -1, :]");
    }

    @Test
    void theSavedTrainingSettingsGoIntoTheLoop() {
        Design design = TestDesigns.start().vector(10).then("dense", "Dense", "units", 4).output()
                .withTraining(new TrainingPlan("SGD", 0.05, 128, 7, 1e-4, false, 0.5, 0, 3, "AUTO", 0, 0));

        String code = export.export(design);

        assertThat(code).contains("torch.optim.SGD(trainable, lr=0.05, weight_decay=0.0001)",
                "def train(model, epochs=7, batch_size=128):", "torch.manual_seed(3)");
    }

    @Test
    void aDesignWithSettingsPyTorchCannotExpressIsRefusedAsAWholeNamingEveryOne() {
        Design design = TestDesigns.start().image(8, 8, 1)
                .then("pool", "MaxPool2D", "padding", "same")
                .then("deconv", "Conv2DTranspose", "kernelHeight", 1, "kernelWidth", 1, "strideHeight", 3,
                        "strideWidth", 3, "padding", "same")
                .then("flatten", "Flatten")
                .output();

        assertThatThrownBy(() -> export.export(design))
                .isInstanceOf(CodeExportException.class)
                .hasMessageStartingWith("No PyTorch export for: ")
                .hasMessageContaining("(MaxPool2D with padding 'same')")
                .hasMessageContaining("(Conv2DTranspose with padding 'same' and a kernel of 1 for a stride of 3")
                .hasMessageNotContaining("(Flatten)");
    }

    @Test
    void tokenIdsArriveAsFloatsOneFeaturePerStepAndTheDocstringSaysSo() {
        Design design = TestDesigns.start().sequence(12, 1)
                .then("embed", "Embedding", "vocabulary", 50, "dimensions", 8)
                .then("conv", "Conv1D", "filters", 4, "kernel", 3, "stride", 2, "padding", "same")
                .then("pool", "GlobalPooling")
                .output();

        String code = export.export(design);

        assertThat(code).contains("input_shape = (12, 1)",
                "self.embed = nn.Embedding(50, 8)",
                "x_embed = self.embed(x_input[:, :, 0].long())",
                "self.conv = nn.Conv1d(8, 4, 3, stride=2)",
                "x_conv = F.relu(self.conv(F.pad(x_embed.transpose(1, 2), (0, 1))).transpose(1, 2))",
                "token ids 0 to 49 as whole-number floats, one feature per step");
    }

    @Test
    void upsamplingRepeatsPixelsAndASameTransposedConvolutionIsCutFromTheFullOutput() {
        Design design = TestDesigns.start().image(5, 5, 2)
                .then("up", "UpSampling2D", "size", 2)
                .then("deconv", "Conv2DTranspose", "filters", 4, "kernelHeight", 3, "kernelWidth", 3)
                .then("shape", "Reshape", "form", "sequence", "steps", 20, "features", 80)
                .then("pool", "GlobalPooling")
                .output();

        String code = export.export(design);

        assertThat(code).contains("x_up = x_input.repeat_interleave(2, dim=2).repeat_interleave(2, dim=3)",
                "self.deconv = nn.ConvTranspose2d(2, 4, (3, 3), stride=(2, 2))",
                "x_deconv = F.relu(self.deconv(x_up)[:, :, 0:20, 0:20])",
                "x_shape = x_deconv.permute(0, 2, 3, 1).reshape(x_deconv.shape[0], -1).reshape(x_deconv.shape[0], 20, 80)");
    }

    @Test
    void aTransformerEncoderBlockAndPositionsBecomeTheScriptsOwnModules() {
        Design design = TestDesigns.start().sequence(10, 8)
                .then("embed", "Dense", "units", 16)
                .then("pos", "PositionalEncoding")
                .then("enc", "TransformerEncoderBlock", "heads", 2, "feedForward", 32)
                .then("pool", "GlobalPooling")
                .output();

        String code = export.export(design);

        assertThat(code).contains("class PositionalEncoding(nn.Module):", "class EncoderBlock(nn.Module):",
                "self.pos = PositionalEncoding(10, 16, learned=False)",
                "self.enc = EncoderBlock(16, 2, 32, dropout=0.1, eps=0.00001)",
                "x_pool = x_enc.mean(dim=1)");
    }

    @Test
    void theHelperModulesAreLeftOutWhereNoNodeNeedsThem() {
        String code = export.export(TestDesigns.start().vector(4).then("dense", "Dense").output());

        assertThat(code).doesNotContain("class PositionalEncoding", "class EncoderBlock");
    }

    @Test
    void aSettingPyTorchCannotExpressIsRefusedWithTheSetting() {
        Design design = TestDesigns.start().sequence(10, 8)
                .then("lstm", "LSTM", "units", 4, "activation", "relu")
                .output();

        assertThatThrownBy(() -> export.export(design))
                .isInstanceOf(CodeExportException.class)
                .hasMessageContaining("(LSTM with activation 'relu')");
    }

    @Test
    void aSoftmaxAcrossAConvolutionsFiltersIsRefusedForDl4jTakesItAlongAnotherAxis() {
        Design design = TestDesigns.start().image(8, 8, 1)
                .then("conv", "Conv2D", "filters", 4, "activation", "softmax")
                .then("flat", "Flatten").output();

        assertThatThrownBy(() -> export.export(design))
                .isInstanceOf(CodeExportException.class)
                .hasMessageContaining("(Conv2D with activation 'softmax')");
    }

    @Test
    void aDesignWithErrorsIsRefused() {
        Design design = TestDesigns.start().vector(10).then("flatten", "Flatten").output();

        assertThatThrownBy(() -> export.export(design))
                .isInstanceOf(CodeExportException.class)
                .hasMessageStartingWith("The design has errors");
    }

    @Test
    void classNamesAndAttributesAreValidPython() {
        assertThat(PyTorchExport.className("Seed CNN")).isEqualTo("SeedCnn");
        assertThat(PyTorchExport.className("3 layers")).isEqualTo("Net3Layers");
    }
}
