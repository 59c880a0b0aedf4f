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
    void aDesignWithKindsNotCoveredIsRefusedAsAWholeNamingEveryOne() {
        Design design = TestDesigns.start().image(8, 8, 1)
                .then("up", "UpSampling2D")
                .then("deconv", "Conv2DTranspose")
                .then("flatten", "Flatten")
                .output();

        assertThatThrownBy(() -> export.export(design))
                .isInstanceOf(CodeExportException.class)
                .hasMessageStartingWith("No PyTorch export for: ")
                .hasMessageContaining("(UpSampling2D)")
                .hasMessageContaining("(Conv2DTranspose)")
                .hasMessageNotContaining("(Flatten)");
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
