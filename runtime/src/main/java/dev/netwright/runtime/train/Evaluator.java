package dev.netwright.runtime.train;

import dev.netwright.runtime.layers.Shape;
import dev.netwright.runtime.data.ExampleIterator;
import dev.netwright.runtime.data.Examples;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

import java.util.ArrayList;
import java.util.List;

/**
 * Cross-entropy loss, accuracy, confusion matrix and per-class figures of a softmax classifier on a set of
 * examples, in inference mode, in one forward pass per batch.
 */
final class Evaluator {
    private Evaluator() {
    }

    /** The figures of one pass over a set of examples. */
    record Result(double loss, double accuracy, int[][] confusion, List<TrainingEvent.Misclassified> misclassified,
                  List<TrainingEvent.Misclassified> correct, double[] losses) {

        /**
         * The standard deviation over the examples of each one's loss here minus its loss in {@code earlier}, a pass
         * over the same examples; NaN when they are not the same number or fewer than two.
         */
        double changeSpread(double[] earlier) {
            if (earlier == null || earlier.length != losses.length || losses.length < 2) {
                return Double.NaN;
            }
            double sum = 0;
            double squares = 0;
            for (int i = 0; i < losses.length; i++) {
                double d = losses[i] - earlier[i];
                sum += d;
                squares += d * d;
            }
            double mean = sum / losses.length;
            return Math.sqrt(Math.max(0, (squares - losses.length * mean * mean) / (losses.length - 1)));
        }

        /** How many examples each class has. */
        int[] classCounts() {
            int[] counts = new int[confusion.length];
            for (int c = 0; c < confusion.length; c++) {
                for (int k = 0; k < confusion.length; k++) {
                    counts[c] += confusion[c][k];
                }
            }
            return counts;
        }

        /** How many examples of each class were classified right. */
        int[] classCorrect() {
            int[] correct = new int[confusion.length];
            for (int c = 0; c < confusion.length; c++) {
                correct[c] = confusion[c][c];
            }
            return correct;
        }

        /**
         * The evaluation of the model of {@code epoch}, which is the {@code model} ({@code LAST} or {@code BEST}) one,
         * on the {@code set} ("test" or "validation") part of the data.
         */
        TrainingEvent.Evaluation toEvent(int epoch, String model, List<String> classNames, String set) {
            int n = confusion.length;
            double[] precision = new double[n];
            double[] recall = new double[n];
            double[] f1 = new double[n];
            for (int c = 0; c < n; c++) {
                int truePositive = confusion[c][c];
                int predicted = 0;
                int actual = 0;
                for (int k = 0; k < n; k++) {
                    predicted += confusion[k][c];
                    actual += confusion[c][k];
                }
                precision[c] = predicted == 0 ? 0 : (double) truePositive / predicted;
                recall[c] = actual == 0 ? 0 : (double) truePositive / actual;
                f1[c] = precision[c] + recall[c] == 0 ? 0 : 2 * precision[c] * recall[c] / (precision[c] + recall[c]);
            }
            return new TrainingEvent.Evaluation(epoch, accuracy, classNames, confusion, precision, recall, f1, misclassified,
                    correct, model, set);
        }
    }

    static Result evaluate(ComputationGraph graph, Examples examples, Shape input, int batchSize) {
        int classes = examples.numClasses();
        int[][] confusion = new int[classes][classes];
        List<TrainingEvent.Misclassified> wrong = new ArrayList<>();
        List<TrainingEvent.Misclassified> right = new ArrayList<>();
        ExampleIterator batches = new ExampleIterator(examples, input, batchSize, false, 0);
        double lossSum = 0;
        double[] losses = new double[examples.size()]; // each example's, by its index
        int seen = 0;
        int correct = 0;
        while (batches.hasNext()) {
            DataSet batch = batches.next();
            int[] indices = batches.lastBatchIndices();
            INDArray probabilities = graph.outputSingle(false, batch.getFeatures());
            INDArray predicted = probabilities.argMax(1);
            for (int i = 0; i < indices.length; i++) {
                int actual = examples.labels()[indices[i]];
                int guess = predicted.getInt(i);
                // Cross-entropy of the softmax output (without the L1/L2 penalty that DL4J's score adds).
                double loss = -Math.log(Math.max(probabilities.getDouble(i, actual), 1e-12));
                lossSum += loss;
                losses[indices[i]] = loss;
                confusion[actual][guess]++;
                TrainingEvent.Misclassified sample = new TrainingEvent.Misclassified(indices[i], actual, guess,
                        probabilities.getDouble(i, guess));
                if (actual == guess) {
                    correct++;
                    right.add(sample);
                } else {
                    wrong.add(sample);
                }
            }
            seen += indices.length;
        }
        return new Result(seen == 0 ? Double.NaN : lossSum / seen, seen == 0 ? 0 : (double) correct / seen, confusion, wrong, right,
                losses);
    }
}
