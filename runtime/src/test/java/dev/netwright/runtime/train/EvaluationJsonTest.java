package dev.netwright.runtime.train;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** An evaluation's JSON line, as in evaluation.json and events.jsonl, now and as written before issue 15. */
class EvaluationJsonTest {

    @Test
    void anEvaluationRoundTripsWithItsCorrectSamplesAndWhichModel() {
        TrainingEvent.Evaluation evaluation = new TrainingEvent.Evaluation(2, 0.5, List.of("a", "b"),
                new int[][] {{1, 1}, {0, 0}}, new double[] {1, 0}, new double[] {0.5, 0}, new double[] {0.67, 0},
                List.of(new TrainingEvent.Misclassified(1, 0, 1, 0.6)),
                List.of(new TrainingEvent.Misclassified(0, 0, 0, 0.9)), TrainingEvent.Evaluation.BEST);

        String line = TrainingEvents.toJsonLine(evaluation);
        TrainingEvent.Evaluation back = (TrainingEvent.Evaluation) TrainingEvents.fromJsonLine(line);

        assertThat(TrainingEvents.toJsonLine(back)).isEqualTo(line);
        assertThat(back.model()).isEqualTo("best");
        assertThat(back.correct()).containsExactly(new TrainingEvent.Misclassified(0, 0, 0, 0.9));
    }

    @Test
    void anEvaluationWrittenBeforeItNamedItsModelReadsWithNoModelAndNoCorrectSamples() {
        String old = "{\"type\":\"evaluation\",\"epoch\":0,\"accuracy\":0.5,\"classNames\":[\"a\",\"b\"],"
                + "\"confusion\":[[1,1],[0,0]],\"precision\":[1.0,0.0],\"recall\":[0.5,0.0],\"f1\":[0.67,0.0],"
                + "\"misclassified\":[{\"index\":1,\"actual\":0,\"predicted\":1,\"confidence\":0.6}]}";

        TrainingEvent.Evaluation read = (TrainingEvent.Evaluation) TrainingEvents.fromJsonLine(old);

        assertThat(read.model()).isNull();
        assertThat(read.correct()).isEmpty();
        assertThat(read.misclassified()).hasSize(1);
    }
}
