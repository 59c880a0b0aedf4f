package dev.netwright.runtime.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.netwright.runtime.TestDesigns;
import dev.netwright.runtime.data.DataSplit;
import dev.netwright.runtime.design.Augmentation;
import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.design.FineTuning;
import dev.netwright.runtime.design.LearningRateSchedule;
import dev.netwright.runtime.layers.LstmEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The run file keeps the run's engine choices; one written before they were recorded reads with the defaults. */
class RunRequestJsonTest {
    private static final Design LSTM = TestDesigns.start().sequence(28, 28).then("lstm", "LSTM", "units", 16)
            .then("output", "Output", "units", 10).build();

    @TempDir
    Path dir;

    private final RunRequestJson json = new RunRequestJson();

    @Test
    void theEngineChoicesAreWrittenAndReadBack() throws Exception {
        RunRequest request = RunRequest.of(LSTM, "fashion-mnist-sample")
                .withEngine(new EngineChoices(LstmEngine.DL4J, false, 3));

        json.write(request, dir);

        assertThat(json.read(dir)).isEqualTo(request);
        assertThat(Files.readString(dir.resolve(RunRequestJson.FILE_NAME)))
                .contains("\"lstmEngine\" : \"DL4J\"", "\"oneDnn\" : false", "\"threads\" : 3");
    }

    @Test
    void theLearningRateScheduleIsWrittenAndReadBack() throws Exception {
        RunRequest request = RunRequest.of(LSTM, "fashion-mnist-sample")
                .withLrSchedule(new LearningRateSchedule.Cosine(1, 0.01));

        json.write(request, dir);

        assertThat(json.read(dir)).isEqualTo(request);
        assertThat(Files.readString(dir.resolve(RunRequestJson.FILE_NAME)))
                .contains("\"lrSchedule\" : {\n    \"type\" : \"cosine\",\n    \"warmup\" : 1.0,\n    \"floor\" : 0.01\n  }");
    }

    @Test
    void aConstantRateWritesNoScheduleAndAFileWithoutOneReadsAsConstant() throws Exception {
        json.write(RunRequest.of(LSTM, "fashion-mnist-sample"), dir);

        assertThat(Files.readString(dir.resolve(RunRequestJson.FILE_NAME))).doesNotContain("lrSchedule");
        assertThat(json.read(dir).lrSchedule()).isEqualTo(LearningRateSchedule.constant());
    }

    @Test
    void whereTheWeightsCameFromAndTheFrozenNodesAreWrittenAndReadBack() throws Exception {
        Design frozen = LSTM.withNode(LSTM.requireNode("lstm").withTrainable(false).withLearnRateFactor(0.5))
                .withWeights(dir.resolve("initial.weights.npz").toString());
        RunRequest request = RunRequest.of(LSTM, "fashion-mnist-sample").initialisedFrom(frozen, "/runs/first");

        json.write(request, dir);

        assertThat(json.read(dir)).isEqualTo(request);
        assertThat(json.read(dir).design().requireNode("lstm").trainable()).isFalse();
        assertThat(Files.readString(dir.resolve(RunRequestJson.FILE_NAME))).contains("\"initFrom\" : \"/runs/first\"");
    }

    @Test
    void aRunFromRandomWeightsWritesNoInitFrom() throws Exception {
        json.write(RunRequest.of(LSTM, "fashion-mnist-sample"), dir);

        assertThat(Files.readString(dir.resolve(RunRequestJson.FILE_NAME))).doesNotContain("initFrom")
                .doesNotContain("trainable");
        assertThat(json.read(dir).initFrom()).isNull();
    }

    @Test
    void aWrongScheduleIsRefusedNamingTheFileAndTheField() throws Exception {
        json.write(RunRequest.of(LSTM, "fashion-mnist-sample").withLrSchedule(new LearningRateSchedule.Step(2, 0.5)), dir);
        Path file = dir.resolve(RunRequestJson.FILE_NAME);
        Files.writeString(file, Files.readString(file).replace("\"every\" : 2", "\"every\" : 0"));

        assertThatThrownBy(() -> json.read(dir))
                .hasMessage(file + ": lrSchedule: 'every' must be a whole number from 1 to 10000, not 0");
    }

    @Test
    void theAugmentationIsWrittenAndReadBack() throws Exception {
        RunRequest request = RunRequest.of(LSTM, "fashion-mnist-sample")
                .withAugmentation(Augmentation.parse("flip,rotate=12.5"));

        json.write(request, dir);

        assertThat(json.read(dir)).isEqualTo(request);
        assertThat(Files.readString(dir.resolve(RunRequestJson.FILE_NAME)))
                .contains("\"augmentation\" : {\n    \"shift\" : 0,\n    \"flip\" : true,\n    \"rotate\" : 12.5,");
    }

    @Test
    void aRunWithoutAugmentationWritesNoneAndAFileWithoutItReadsAsNone() throws Exception {
        json.write(RunRequest.of(LSTM, "fashion-mnist-sample"), dir);

        assertThat(Files.readString(dir.resolve(RunRequestJson.FILE_NAME))).doesNotContain("augmentation");
        assertThat(json.read(dir).augmentation()).isEqualTo(Augmentation.NONE);
    }

    @Test
    void aWrongAugmentationIsRefusedNamingTheFileAndTheField() throws Exception {
        json.write(RunRequest.of(LSTM, "fashion-mnist-sample").withAugmentation(Augmentation.parse("crop=4")), dir);
        Path file = dir.resolve(RunRequestJson.FILE_NAME);
        Files.writeString(file, Files.readString(file).replace("\"crop\" : 4", "\"crop\" : 1.5"));

        assertThatThrownBy(() -> json.read(dir)).hasMessage(file + ": augmentation: 'crop' must be a whole number, not 1.5");
    }

    @Test
    void theFineTuningSettingsAreWrittenAndReadBack() throws Exception {
        RunRequest request = RunRequest.of(LSTM, "fashion-mnist-sample").withFineTuning(new FineTuning(0.1, 2, 3));

        json.write(request, dir);

        assertThat(json.read(dir)).isEqualTo(request);
        String written = Files.readString(dir.resolve(RunRequestJson.FILE_NAME));
        assertThat(written).contains("\"fineTuning\" : {\n    \"pretrainedRateFactor\" : 0.1,\n    "
                + "\"headFirstEpochs\" : 2,\n    \"unfreezeEvery\" : 3\n  }");
        json.write(json.read(dir), dir);
        assertThat(Files.readString(dir.resolve(RunRequestJson.FILE_NAME))).isEqualTo(written);
    }

    @Test
    void aRunWithoutFineTuningWritesNoneAndAFileWithoutItReadsAsNone() throws Exception {
        json.write(RunRequest.of(LSTM, "fashion-mnist-sample"), dir);

        assertThat(Files.readString(dir.resolve(RunRequestJson.FILE_NAME))).doesNotContain("fineTuning");
        assertThat(json.read(dir).fineTuning()).isEqualTo(FineTuning.NONE);
    }

    @Test
    void aWrongFineTuningSettingIsRefusedNamingTheFileAndTheField() throws Exception {
        json.write(RunRequest.of(LSTM, "fashion-mnist-sample").withFineTuning(new FineTuning(0.5, 1, 0)), dir);
        Path file = dir.resolve(RunRequestJson.FILE_NAME);
        Files.writeString(file, Files.readString(file).replace("\"headFirstEpochs\" : 1", "\"headFirstEpochs\" : -1"));

        assertThatThrownBy(() -> json.read(dir))
                .hasMessage(file + ": fineTuning: 'headFirstEpochs' must be a whole number from 0 to 10000, not -1");
    }

    @Test
    void aRunFileIsTheSameWhenReadAndWrittenAgain() throws Exception {
        json.write(RunRequest.of(LSTM, "fashion-mnist-sample"), dir);
        String first = Files.readString(dir.resolve(RunRequestJson.FILE_NAME));

        json.write(json.read(dir), dir);

        assertThat(Files.readString(dir.resolve(RunRequestJson.FILE_NAME))).isEqualTo(first);
    }

    @Test
    void aRunFileWithoutEngineChoicesReadsWithTheDesignsDefaults() throws Exception {
        json.write(RunRequest.of(LSTM, "fashion-mnist-sample").withEngine(new EngineChoices(LstmEngine.NATIVE, false, 5)), dir);
        ObjectNode old = (ObjectNode) new ObjectMapper().readTree(dir.resolve(RunRequestJson.FILE_NAME).toFile());
        old.remove("engine");
        Files.writeString(dir.resolve(RunRequestJson.FILE_NAME), old.toString());

        assertThat(json.read(dir).engine()).isEqualTo(EngineChoices.forDesign(LSTM))
                .isEqualTo(new EngineChoices(LstmEngine.ONEDNN, true, 1));
    }

    @Test
    void theDataSplitIsWrittenAndAFileWithoutOneReadsAsValidatingOnTheTestFiles() throws Exception {
        json.write(RunRequest.of(LSTM, "fashion-mnist-sample"), dir);
        assertThat(json.read(dir).split()).isEqualTo(DataSplit.HOLD_OUT_TEST);

        ObjectNode old = (ObjectNode) new ObjectMapper().readTree(dir.resolve(RunRequestJson.FILE_NAME).toFile());
        old.remove("split");
        Files.writeString(dir.resolve(RunRequestJson.FILE_NAME), old.toString());

        assertThat(json.read(dir).split()).isEqualTo(DataSplit.VALIDATE_ON_TEST); // how runs before the test split ran
    }

    @Test
    void anUnknownLstmEngineIsRefusedNamingTheFile() throws Exception {
        json.write(RunRequest.of(LSTM, "fashion-mnist-sample"), dir);
        Path file = dir.resolve(RunRequestJson.FILE_NAME);
        Files.writeString(file, Files.readString(file).replace("\"ONEDNN\"", "\"FAST\""));

        assertThatThrownBy(() -> json.read(dir)).hasMessageContaining(file.toString()).hasMessageContaining("FAST");
    }

    @Test
    void aThreadCountThatIsNotAWholeNumberIsRefused() throws Exception {
        json.write(RunRequest.of(LSTM, "fashion-mnist-sample"), dir);
        Path file = dir.resolve(RunRequestJson.FILE_NAME);
        Files.writeString(file, Files.readString(file).replace("\"threads\" : 1", "\"threads\" : \"many\""));

        assertThatThrownBy(() -> json.read(dir)).hasMessageContaining(file.toString()).hasMessageContaining("threads");
    }
}
