package dev.netwright.app.evaluation;

import dev.netwright.runtime.data.Examples;
import dev.netwright.runtime.train.TrainingEvent;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The Evaluation panel's view model, without a toolkit. */
class EvaluationModelTest {
    private final EvaluationModel model = new EvaluationModel();

    static TrainingEvent.Evaluation evaluation(int epoch) {
        return new TrainingEvent.Evaluation(epoch, 0.75, List.of("a", "b"), new int[][] {{3, 1}, {0, 4}},
                new double[] {1, 0.8}, new double[] {0.75, 1}, new double[] {0.86, 0.89},
                List.of(new TrainingEvent.Misclassified(1, 0, 1, 0.6)));
    }

    static Examples examples() {
        return new Examples(new float[4], new int[] {0, 1}, 1, 2, 1, List.of("a", "b"));
    }

    @Test
    void beforeAnEvaluationItSaysThereIsNone() {
        assertThat(model.summaryProperty().get()).isEqualTo("No evaluation yet.");
        assertThat(model.evaluation()).isNull();
    }

    @Test
    void anEvaluationIsSummedUpInOneLine() {
        model.show(evaluation(2));

        assertThat(model.summaryProperty().get()).isEqualTo("Validation accuracy 0.750 on 8 samples, 1 misclassified (epoch 2, last model)");
        assertThat(model.samplesProperty().get()).as("the pictures come later").isNull();
    }

    @Test
    void theSummarySaysWhichModelWasEvaluated() {
        TrainingEvent.Evaluation last = evaluation(2);

        assertThat(EvaluationModel.modelOf(last.ofModel(3, TrainingEvent.Evaluation.BEST))).isEqualTo("epoch 3, best model");
        assertThat(EvaluationModel.modelOf(last.ofModel(2, null))).as("written before models were named").isEqualTo("epoch 2");
    }

    @Test
    void showingNoEvaluationSaysWhyAndDropsTheOneShown() {
        model.show(evaluation(1));
        model.showSamples(model.evaluation(), examples());

        model.showNone("Run r has no evaluation: it failed (out of memory).");

        assertThat(model.evaluation()).isNull();
        assertThat(model.samplesProperty().get()).isNull();
        assertThat(model.summaryProperty().get()).isEqualTo("Run r has no evaluation: it failed (out of memory).");
    }

    @Test
    void aPendingEvaluationSaysWhatIsComingAndKeepsTheLastOne() {
        TrainingEvent.Evaluation shown = evaluation(1);
        model.show(shown);

        model.showPending("Evaluating the stopped run's saved model…");

        assertThat(model.summaryProperty().get()).isEqualTo("Evaluating the stopped run's saved model…");
        assertThat(model.evaluation()).isSameAs(shown);
    }

    @Test
    void thePicturesOfTheEvaluationShownAreTaken() {
        TrainingEvent.Evaluation shown = evaluation(1);
        model.show(shown);
        Examples pictures = examples();

        model.showSamples(shown, pictures);

        assertThat(model.samplesProperty().get()).isSameAs(pictures);
    }

    @Test
    void thePicturesOfAnEvaluationNoLongerShownAreDropped() {
        TrainingEvent.Evaluation older = evaluation(1);
        model.show(older);
        model.show(evaluation(2));

        model.showSamples(older, examples());

        assertThat(model.samplesProperty().get()).isNull();
    }

    @Test
    void aNewEvaluationDropsThePicturesOfTheLastOne() {
        TrainingEvent.Evaluation first = evaluation(1);
        model.show(first);
        model.showSamples(first, examples());

        model.show(evaluation(2));

        assertThat(model.samplesProperty().get()).isNull();
    }
}
