package dev.netwright.app.training;

import dev.netwright.runtime.compile.TrainingSettings;
import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.design.Node;
import dev.netwright.runtime.design.Position;
import dev.netwright.runtime.layers.LstmEngine;
import dev.netwright.runtime.layers.kinds.DropoutKind;
import dev.netwright.runtime.train.EngineChoices;
import dev.netwright.runtime.train.RunRequest;
import dev.netwright.samples.Samples;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The training form's values and checks, without a toolkit or controls. */
class TrainingSettingsModelTest {
    private static final String DATA = "fashion-mnist-sample";
    private static final Design CNN = Samples.load("cnn");
    private static final Design LSTM = Samples.load("lstm");

    private final TrainingSettingsModel model = new TrainingSettingsModel();

    @Test
    void theDefaultsAreTheRunsOwn() {
        assertThat(model.request(CNN, DATA)).isEqualTo(RunRequest.of(CNN, DATA));
        assertThat(model.request(LSTM, DATA)).isEqualTo(RunRequest.of(LSTM, DATA));
        assertThat(model.problem(CNN)).isEmpty();
    }

    @Test
    void theDefaultsReadAsTheFormHasAlwaysShownThem() {
        assertThat(model.learningRateProperty().get()).isEqualTo("0.001");
        assertThat(model.l2Property().get()).isEqualTo("0");
        assertThat(model.seedProperty().get()).isEqualTo("42");
        assertThat(model.dropoutRateProperty().get()).isEqualTo("0.5");
        assertThat(model.threadsProperty().get()).isEmpty();
    }

    @Test
    void aLearningRateThatIsNotANumberIsNamed() {
        model.learningRateProperty().set("fast");

        assertThatThrownBy(() -> model.request(CNN, DATA)).hasMessage("Learning rate must be a number, not 'fast'");
        assertThat(model.problem(CNN)).contains("Learning rate must be a number, not 'fast'");
    }

    @Test
    void aNegativeLearningRateIsRefused() {
        model.learningRateProperty().set("-0.1");

        assertThat(model.problem(CNN)).hasValueSatisfying(problem -> assertThat(problem).contains("learning rate"));
    }

    @Test
    void aSeedThatIsNotAWholeNumberIsNamed() {
        model.seedProperty().set("4.2");

        assertThat(model.problem(CNN)).contains("Seed must be a whole number, not '4.2'");
    }

    @Test
    void aDropoutRateAboveTheLimitIsRefusedOnlyWhenTheOverrideIsOn() {
        model.dropoutRateProperty().set("0.99");
        assertThat(model.problem(CNN)).isEmpty();

        model.dropoutOverrideProperty().set(true);

        assertThat(model.problem(CNN)).contains("Dropout rate must be between 0 and 0.95, not 0.99");
    }

    @Test
    void theDropoutOverrideChangesTheRunsCopyOfTheDesignOnly() {
        Design withDropout = CNN.withNode(
                new Node("drop", DropoutKind.ID, "Dropout", Map.of("rate", 0.5), new Position(0, 0)));
        model.dropoutOverrideProperty().set(true);
        model.dropoutRateProperty().set("0.2");

        RunRequest made = model.request(withDropout, DATA);

        assertThat(made.design().requireNode("drop").params().get("rate")).isEqualTo(0.2);
        assertThat(withDropout.requireNode("drop").params().get("rate")).isEqualTo(0.5);
    }

    @Test
    void theEngineChoicesGoIntoTheRequest() {
        model.lstmEngineProperty().set(LstmEngine.DL4J);
        model.oneDnnProperty().set(false);
        model.threadsProperty().set(" 3 ");

        assertThat(model.request(LSTM, DATA).engine()).isEqualTo(new EngineChoices(LstmEngine.DL4J, false, 3));
    }

    @Test
    void emptyThreadsAreChosenPerDesign() {
        model.threadsProperty().set("");

        assertThat(model.request(LSTM, DATA).engine().threads()).isEqualTo(1);
        assertThat(model.request(CNN, DATA).engine().threads()).isEqualTo(EngineChoices.forDesign(CNN).threads());
    }

    @Test
    void threadsThatAreNotACountAreNamed() {
        model.threadsProperty().set("-1");
        assertThat(model.problem(CNN)).hasValueSatisfying(problem -> assertThat(problem)
                .startsWith("Threads must be a whole number of 0 or more").endsWith("not '-1'"));

        model.threadsProperty().set("many");
        assertThat(model.problem(CNN)).hasValueSatisfying(problem -> assertThat(problem).endsWith("not 'many'"));
    }

    @Test
    void anEarlierRunsSettingsAreShownAgain() {
        RunRequest earlier = RunRequest.of(CNN, DATA).withEpochs(7).withBatchSize(32)
                .withSettings(TrainingSettings.defaults().withOptimizer(TrainingSettings.Optimizer.SGD)
                        .withLearningRate(0.05))
                .withLimits(1000, 100).withEngine(new EngineChoices(LstmEngine.NATIVE, false, 5));

        model.show(earlier);

        assertThat(model.request(CNN, DATA)).isEqualTo(earlier);
        assertThat(model.threadsProperty().get()).isEqualTo("5");
    }

    @Test
    void anEarlierRunsPerDesignThreadCountStaysPerDesign() {
        model.show(RunRequest.of(LSTM, DATA));

        assertThat(model.threadsProperty().get()).isEmpty();
        assertThat(model.request(CNN, DATA).engine()).isEqualTo(EngineChoices.forDesign(CNN));
    }
}
