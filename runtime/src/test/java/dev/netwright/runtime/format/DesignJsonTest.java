package dev.netwright.runtime.format;

import dev.netwright.runtime.design.Augmentation;
import dev.netwright.runtime.design.FineTuning;
import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.design.DesignFormatException;
import dev.netwright.runtime.design.DataRef;
import dev.netwright.runtime.design.Node;
import dev.netwright.runtime.design.Edge;
import dev.netwright.runtime.design.Flow;
import dev.netwright.runtime.design.Position;
import dev.netwright.runtime.design.LearningRateSchedule;
import dev.netwright.runtime.design.TrainingPlan;
import dev.netwright.runtime.TestDesigns;
import dev.netwright.runtime.layers.LayerKind;
import dev.netwright.runtime.layers.ParamSpec;
import dev.netwright.runtime.layers.kinds.StandardKinds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DesignJsonTest {
    private final DesignJson json = new DesignJson();

    private static final String VALID = """
            {
              "formatVersion" : 1,
              "name" : "tiny",
              "nodes" : [ {
                "id" : "input", "kind" : "Input", "params" : { "form" : "vector", "size" : 4 }
              }, {
                "id" : "output", "kind" : "Output", "x" : 200.0, "params" : { "units" : 3 }
              } ],
              "edges" : [ { "from" : "input", "to" : "output" } ]
            }
            """;

    @Test
    void writtenDesignReadsBackEqualAndRewritesByteForByte() throws Exception {
        Design design = TestDesigns.start().image(28, 28, 1).then("conv1", "Conv2D", "filters", 8)
                .then("flat", "Flatten").then("drop", "Dropout", "rate", 0.25).output().withData(new DataRef("fashion-mnist-sample"));
        String text = json.write(design);
        Design read = json.read(text, "mem");
        assertThat(read).isEqualTo(design);
        assertThat(json.write(read)).isEqualTo(text);
    }

    static List<LayerKind> kinds() {
        return List.copyOf(StandardKinds.catalog().kinds());
    }

    /** Every kind's node, each parameter set away from its default, reads back equal and rewrites byte for byte. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void everyKindsParametersReadBackEqual(LayerKind kind) throws Exception {
        Node node = kind.newNode("n1", new Position(10, 20));
        for (ParamSpec spec : kind.params()) {
            node = node.withParam(spec.name(), otherThanDefault(spec));
        }
        Design design = Design.empty("one " + kind.id()).withNode(node);
        String text = json.write(design);
        Design read = json.read(text, "mem");
        assertThat(read).isEqualTo(design);
        assertThat(json.write(read)).isEqualTo(text);
    }

    private static Object otherThanDefault(ParamSpec spec) {
        return switch (spec.type()) {
            case INT -> (Integer) spec.defaultValue() == (int) spec.max() ? (int) spec.min() : (int) spec.max();
            case DOUBLE -> (Double) spec.defaultValue() == spec.max() ? spec.min() : spec.max();
            case BOOLEAN -> !(Boolean) spec.defaultValue();
            case CHOICE -> spec.choices().stream().filter(c -> !c.equals(spec.defaultValue())).findFirst()
                    .orElse((String) spec.defaultValue());
        };
    }

    @Test
    void aDesignDrawnTopToBottomKeepsItsFlowAndOneWithoutTheFieldFlowsRight() throws Exception {
        Design design = json.read(VALID, "tiny.json");
        assertThat(design.flow()).isEqualTo(Flow.RIGHT);
        assertThat(json.write(design)).doesNotContain("flow"); // files of earlier releases stay byte for byte

        String down = json.write(design.withFlow(Flow.DOWN));

        assertThat(down).contains("\"flow\" : \"down\"");
        assertThat(json.read(down, "mem")).isEqualTo(design.withFlow(Flow.DOWN));
        assertThat(design.withFlow(Flow.DOWN)).isNotEqualTo(design);
    }

    private static final TrainingPlan PLAN = new TrainingPlan("SGD", 0.05, 32, 3, 1e-4, true, 0.3, 2, 7, "CPU", 1000, 100);

    @Test
    void aDesignsTrainingSettingsReadBackEqualAndRewriteByteForByte() throws Exception {
        Design design = json.read(VALID, "tiny.json").withTraining(PLAN);
        String text = json.write(design);

        assertThat(text).contains("\"training\" : {").contains("\"optimizer\" : \"sgd\"").contains("\"epochs\" : 3")
                .contains("\"backend\" : \"cpu\"");
        Design read = json.read(text, "mem");
        assertThat(read.training()).contains(PLAN);
        assertThat(read).isEqualTo(design);
        assertThat(json.write(read)).isEqualTo(text);
    }

    @Test
    void aDesignWithoutTrainingSettingsHasNoneAndIsWrittenAsBefore() throws Exception {
        Design design = json.read(VALID, "tiny.json");
        assertThat(design.training()).isEmpty();
        assertThat(json.write(design)).doesNotContain("training"); // files of earlier releases stay byte for byte
        assertThat(design.withTraining(PLAN)).isNotEqualTo(design);
        assertThat(design.withTraining(PLAN).withTraining(null)).isEqualTo(design);
    }

    @Test
    void aWrongTrainingValueIsRefusedNamingTheField() throws Exception {
        String text = json.write(json.read(VALID, "tiny.json").withTraining(PLAN));

        assertThatThrownBy(() -> json.read(text.replace("\"epochs\" : 3", "\"epochs\" : 0"), "f.json"))
                .hasMessage("f.json: training: 'epochs' must be a whole number from 1 to 10000, not 0");
        assertThatThrownBy(() -> json.read(text.replace("\"batchSize\" : 32", "\"batchSize\" : 5000"), "f.json"))
                .hasMessage("f.json: training: 'batchSize' must be a whole number from 1 to 4096, not 5000");
        assertThatThrownBy(() -> json.read(text.replace("\"epochs\" : 3", "\"epochs\" : \"three\""), "f.json"))
                .hasMessage("f.json: training: 'epochs' must be a whole number, not \"three\"");
        assertThatThrownBy(() -> json.read(text.replace("\"sgd\"", "\"adamw\""), "f.json"))
                .hasMessage("f.json: training: 'optimizer' must be one of [adam, sgd, nesterov, rmsprop], not 'ADAMW'");
        assertThatThrownBy(() -> json.read(text.replace("\"learningRate\" : 0.05", "\"learningRate\" : -1"), "f.json"))
                .hasMessageContaining("training: 'learningRate' must be a number above 0");
        assertThatThrownBy(() -> json.read(text.replace("\"dropoutRate\" : 0.3", "\"dropoutRate\" : 0.99"), "f.json"))
                .hasMessageContaining("training: 'dropoutRate' must be between 0 and 0.95");
        assertThatThrownBy(() -> json.read(text.replace("\"seed\" : 7,", ""), "f.json"))
                .hasMessage("f.json: training: missing field 'seed'");
        assertThatThrownBy(() -> json.read(text.replace("\"seed\" : 7,", "\"seed\" : 7, \"momentum\" : 0.9,"), "f.json"))
                .hasMessageContaining("training: unknown field 'momentum'");
        assertThatThrownBy(() -> json.read(VALID.replace("\"name\" : \"tiny\",", "\"name\" : \"tiny\", \"training\" : 3,"), "f.json"))
                .hasMessage("f.json: 'training' must be an object, not 3");
    }

    @Test
    void aLearningRateScheduleIsSavedWithTheTrainingSettingsAndReadBack() throws Exception {
        TrainingPlan plan = PLAN.withLrSchedule(new LearningRateSchedule.OneCycle(10, 0.3));
        Design design = json.read(VALID, "tiny.json").withTraining(plan);
        String text = json.write(design);

        assertThat(text).contains("\"lrSchedule\" : {").contains("\"type\" : \"onecycle\"").contains("\"peak\" : 10.0");
        Design read = json.read(text, "mem");
        assertThat(read.training()).contains(plan);
        assertThat(json.write(read)).isEqualTo(text);
    }

    @Test
    void settingsWithAConstantRateAreWrittenWithoutASchedule() throws Exception {
        String text = json.write(json.read(VALID, "tiny.json").withTraining(PLAN));

        assertThat(text).doesNotContain("lrSchedule"); // files saved before schedules stay byte for byte
        assertThat(json.read(text, "mem").training().orElseThrow().lrSchedule()).isEqualTo(LearningRateSchedule.constant());
    }

    @Test
    void anAugmentationIsSavedWithTheTrainingSettingsAndReadBack() throws Exception {
        TrainingPlan plan = PLAN.withAugmentation(Augmentation.parse("shift=2,flip,rotate=10,crop=4,erase=0.25"));
        Design design = json.read(VALID, "tiny.json").withTraining(plan);
        String text = json.write(design);

        assertThat(text).contains("\"augmentation\" : {").contains("\"shift\" : 2").contains("\"flip\" : true")
                .contains("\"erase\" : 0.25");
        Design read = json.read(text, "mem");
        assertThat(read.training()).contains(plan);
        assertThat(json.write(read)).isEqualTo(text);
    }

    @Test
    void settingsWithoutAugmentationAreWrittenWithoutItAndReadAsNone() throws Exception {
        String text = json.write(json.read(VALID, "tiny.json").withTraining(PLAN));

        assertThat(text).doesNotContain("augmentation"); // files saved before augmentation stay byte for byte
        assertThat(json.read(text, "mem").training().orElseThrow().augmentation()).isEqualTo(Augmentation.NONE);
    }

    @Test
    void aWrongAugmentationIsRefusedNamingTheField() throws Exception {
        String text = json.write(json.read(VALID, "tiny.json")
                .withTraining(PLAN.withAugmentation(Augmentation.parse("shift=2,erase=0.5"))));

        assertThatThrownBy(() -> json.read(text.replace("\"erase\" : 0.5", "\"erase\" : 2"), "f.json"))
                .hasMessage("f.json: training: augmentation: 'erase' must be a probability from 0 to 1, not 2.0");
        assertThatThrownBy(() -> json.read(text.replace("\"flip\" : false", "\"flip\" : \"no\""), "f.json"))
                .hasMessage("f.json: training: augmentation: 'flip' must be true or false, not \"no\"");
        assertThatThrownBy(() -> json.read(text.replace("\"shift\" : 2", "\"zoom\" : 2"), "f.json"))
                .hasMessage("f.json: training: augmentation: unknown field 'zoom' (its fields: shift, flip, rotate, crop, erase)");
    }

    @Test
    void fineTuningSettingsAreSavedWithTheTrainingSettingsAndReadBack() throws Exception {
        TrainingPlan plan = PLAN.withFineTuning(new FineTuning(0.1, 2, 1));
        String text = json.write(json.read(VALID, "tiny.json").withTraining(plan));

        assertThat(text).contains("\"fineTuning\" : {").contains("\"pretrainedRateFactor\" : 0.1")
                .contains("\"headFirstEpochs\" : 2").contains("\"unfreezeEvery\" : 1");
        Design read = json.read(text, "mem");
        assertThat(read.training()).contains(plan);
        assertThat(json.write(read)).isEqualTo(text);
    }

    @Test
    void settingsWithoutFineTuningAreWrittenWithoutItAndReadAsNone() throws Exception {
        String text = json.write(json.read(VALID, "tiny.json").withTraining(PLAN));

        assertThat(text).doesNotContain("fineTuning"); // files saved before fine-tuning stay byte for byte
        assertThat(json.read(text, "mem").training().orElseThrow().fineTuning()).isEqualTo(FineTuning.NONE);
    }

    @Test
    void aWrongFineTuningSettingIsRefusedNamingTheField() throws Exception {
        String text = json.write(json.read(VALID, "tiny.json").withTraining(PLAN.withFineTuning(new FineTuning(0.5, 0, 2))));

        assertThatThrownBy(() -> json.read(text.replace("\"unfreezeEvery\" : 2", "\"unfreezeEvery\" : -2"), "f.json"))
                .hasMessage("f.json: training: fineTuning: 'unfreezeEvery' must be a whole number from 0 to 10000, not -2");
        assertThatThrownBy(() -> json.read(text.replace("\"pretrainedRateFactor\" : 0.5", "\"pretrainedRateFactor\" : 0"),
                "f.json")).hasMessage("f.json: training: fineTuning: 'pretrainedRateFactor' must be a number above 0, not 0.0");
    }

    @Test
    void aWrongScheduleIsRefusedNamingTheField() throws Exception {
        String text = json.write(json.read(VALID, "tiny.json")
                .withTraining(PLAN.withLrSchedule(new LearningRateSchedule.Step(2, 0.5))));

        assertThatThrownBy(() -> json.read(text.replace("\"factor\" : 0.5", "\"factor\" : 2"), "f.json"))
                .hasMessage("f.json: training: lrSchedule: 'factor' must be a number between 0 and 1, not 2.0");
        assertThatThrownBy(() -> json.read(text.replace("\"type\" : \"step\"", "\"type\" : \"linear\""), "f.json"))
                .hasMessageStartingWith("f.json: training: lrSchedule: 'type' must be one of constant, step,");
    }

    @Test
    void anUnknownFlowIsRefusedWithWhatItMayBe() {
        String sideways = VALID.replaceFirst("\\{", "{ \"flow\": \"sideways\",");

        assertThatThrownBy(() -> json.read(sideways, "tiny.json")).isInstanceOf(DesignFormatException.class)
                .hasMessageContaining("'flow' must be \"right\" or \"down\", not \"sideways\"");
    }

    @Test
    void missingParamsTakeTheirDefaultsAndPositionsDefaultToZero() throws Exception {
        Design design = json.read(VALID, "tiny.json");
        Node output = design.requireNode("output");
        assertThat(output.params()).containsEntry("units", 3).containsEntry("loss", "softmax-crossentropy");
        assertThat(design.requireNode("input").position()).isEqualTo(Position.ORIGIN);
        assertThat(design.edges()).containsExactly(Edge.of("input", "output"));
    }

    @Test
    void truncatedJsonNamesTheFileAndTheLine() {
        String truncated = VALID.substring(0, VALID.indexOf("\"edges\""));
        assertThatThrownBy(() -> json.read(truncated, "broken.json"))
                .isInstanceOf(DesignFormatException.class)
                .hasMessageStartingWith("broken.json: not valid JSON at line")
                .hasMessageNotContaining("Exception");
    }

    @Test
    void unclosedArrayMessageLeavesOutJacksonsSourceReference() {
        assertThatThrownBy(() -> json.read("{\"nodes\": [\n", "broken.json"))
                .isInstanceOf(DesignFormatException.class)
                .hasMessage("broken.json: not valid JSON at line 2, column 1: the text ends before the JSON is complete")
                .hasMessageNotContaining("Source")
                .hasMessageNotContaining("REDACTED");
    }

    @Test
    void unknownKindNamesTheNodeAndListsKnownKinds() {
        String text = VALID.replace("\"kind\" : \"Output\"", "\"kind\" : \"Outptu\"");
        assertThatThrownBy(() -> json.read(text, "f.json"))
                .isInstanceOf(DesignFormatException.class)
                .hasMessageContaining("f.json: nodes[1] (id 'output'): unknown layer kind 'Outptu'")
                .hasMessageContaining("Conv2D");
    }

    @Test
    void unknownParameterIsRefusedNotDropped() {
        String text = VALID.replace("\"units\" : 3", "\"units\" : 3, \"unitz\" : 4");
        assertThatThrownBy(() -> json.read(text, "f.json"))
                .hasMessageContaining("nodes[1] (id 'output'): Output has no parameter 'unitz'");
    }

    @Test
    void missingKindFieldIsNamed() {
        String text = VALID.replace("\"kind\" : \"Output\", ", "");
        assertThatThrownBy(() -> json.read(text, "f.json"))
                .hasMessageContaining("nodes[1] (id 'output'): missing field 'kind'");
    }

    @Test
    void missingFormatVersionIsNamed() {
        String text = VALID.replace("\"formatVersion\" : 1,", "");
        assertThatThrownBy(() -> json.read(text, "f.json")).hasMessageContaining("missing field 'formatVersion'");
    }

    @Test
    void wrongParameterTypeNamesNodeFieldAndValue() {
        String text = VALID.replace("\"units\" : 3", "\"units\" : \"three\"");
        assertThatThrownBy(() -> json.read(text, "f.json"))
                .hasMessageContaining("nodes[1] (id 'output'): parameter 'units' must be a whole number, not \"three\"");
    }

    @Test
    void newerFormatVersionIsRefusedWithAnUpdateHint() {
        String text = VALID.replace("\"formatVersion\" : 1", "\"formatVersion\" : 99");
        assertThatThrownBy(() -> json.read(text, "f.json"))
                .hasMessageContaining("newer Netwright (format version 99)")
                .hasMessageContaining("Update Netwright");
    }

    @Test
    void unknownPortAndUnknownNodeInWiresAreNamed() {
        assertThatThrownBy(() -> json.read(VALID.replace("\"to\" : \"output\"", "\"to\" : \"output\", \"toPort\" : \"in2\""), "f.json"))
                .hasMessageContaining("edges[0]: node 'output' (Output) has no input port 'in2'");
        assertThatThrownBy(() -> json.read(VALID.replace("\"to\" : \"output\"", "\"to\" : \"dense9\""), "f.json"))
                .hasMessageContaining("edges[0]: 'to' names node 'dense9', which does not exist");
    }

    @Test
    void wiresOutOfOutputIntoInputOrFromAnotherPortAreRefusedByTheWiringRules() {
        String backwards = VALID.replace("{ \"from\" : \"input\", \"to\" : \"output\" }",
                "{ \"from\" : \"output\", \"to\" : \"input\" }");
        assertThatThrownBy(() -> json.read(backwards, "f.json"))
                .hasMessageEndingWith("f.json: edges[0]: node 'output' (Output) has no output port 'out'");
        String side = VALID.replace("\"from\" : \"input\"", "\"from\" : \"input\", \"fromPort\" : \"side\"");
        assertThatThrownBy(() -> json.read(side, "f.json"))
                .hasMessageEndingWith("f.json: edges[0]: node 'input' (Input) has no output port 'side'");
        String intoInput = VALID.replace("\"nodes\" : [ {", "\"nodes\" : [ { \"id\" : \"input2\", \"kind\" : \"Input\" }, {")
                .replace("\"to\" : \"output\"", "\"to\" : \"input2\"");
        assertThatThrownBy(() -> json.read(intoInput, "f.json"))
                .hasMessageEndingWith("edges[0]: node 'input2' (Input) has no input port 'in'; it takes no inputs");
    }

    @Test
    void unknownTopLevelFieldAndDuplicateIdsAreRefused() {
        assertThatThrownBy(() -> json.read(VALID.replace("\"name\" : \"tiny\",", "\"name\" : \"tiny\", \"colour\" : 1,"), "f.json"))
                .hasMessageContaining("unknown field 'colour'");
        assertThatThrownBy(() -> json.read(VALID.replace("\"id\" : \"output\"", "\"id\" : \"input\""), "f.json"))
                .hasMessageContaining("another node already has the id 'input'");
    }

    @Test
    void nonObjectAndMissingFileGiveTheirOwnMessages(@TempDir Path dir) {
        assertThatThrownBy(() -> json.read("[1,2]", "f.json")).hasMessage("f.json: a design file must hold a JSON object");
        assertThatThrownBy(() -> json.read(dir.resolve("nope.json"))).hasMessageEndingWith("nope.json: no such file");
    }

    @Test
    void saveIsAtomicAndLeavesNoTempFiles(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("model.netwright.json");
        Design first = TestDesigns.start().vector(4).output();
        json.write(first, file);
        Design second = first.withName("renamed");
        json.write(second, file);
        assertThat(json.read(file)).isEqualTo(second);
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("model.netwright.json");
        }
    }
}
