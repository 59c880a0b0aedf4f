package dev.netwright.runtime.explain;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Comparator;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * The deletion and insertion curves of an explanation (Petsiuk et al. 2018), beside a random ordering's: pixels are
 * removed (set to the baseline) from the input, or added to the baseline, most important first, and the class
 * probability is read after each step. A faithful map makes the deletion curve fall fast (a small area under it) and
 * the insertion curve rise fast (a large area), against random orderings of the same pixels.
 *
 * @param fractions        the share of pixels removed or added at each point, 0 to 1
 * @param deletion         the probability at each point of the deletion curve
 * @param insertion        the probability at each point of the insertion curve
 * @param deletionAuc      the area under the deletion curve (0 to 1)
 * @param insertionAuc     the area under the insertion curve
 * @param randomDeletionAuc  the mean deletion area of random orderings
 * @param randomInsertionAuc the mean insertion area of random orderings
 */
public record Faithfulness(double[] fractions, double[] deletion, double[] insertion, double deletionAuc,
                           double insertionAuc, double randomDeletionAuc, double randomInsertionAuc) {

    /** Points per curve at most, and random orderings averaged, unless asked otherwise. */
    public static final int STEPS = 28;
    public static final int RANDOM_ORDERS = 5;

    /** The curves for the pixel map {@code pixelScores} (higher: more important for the class). */
    public static Faithfulness measure(ClassifierModel model, INDArray input, INDArray baseline, int target,
                                       double[] pixelScores) {
        return measure(model, input, baseline, target, pixelScores, STEPS, RANDOM_ORDERS, 1);
    }

    public static Faithfulness measure(ClassifierModel model, INDArray input, INDArray baseline, int target,
                                       double[] pixelScores, int steps, int randomOrders, long seed) {
        InputLayout layout = InputLayout.of(model.exampleShape());
        double[] x = ClassifierModel.flat(input);
        double[] b = ClassifierModel.flat(baseline);
        int pixels = layout.pixels();
        if (pixelScores.length != pixels) {
            throw new IllegalArgumentException(pixelScores.length + " scores for " + pixels + " pixels");
        }
        int points = Math.min(pixels, steps) + 1;
        int[] order = IntStream.range(0, pixels).boxed()
                .sorted(Comparator.comparingDouble((Integer p) -> -pixelScores[p])).mapToInt(Integer::intValue).toArray();
        double[] fractions = new double[points];
        for (int k = 0; k < points; k++) {
            fractions[k] = (double) k / (points - 1);
        }
        double[] deletion = curve(model, layout, x, b, target, order, points);
        double[] insertion = curve(model, layout, b, x, target, order, points);
        Random random = new Random(seed);
        double randomDeletion = 0;
        double randomInsertion = 0;
        for (int r = 0; r < randomOrders; r++) {
            int[] shuffled = Lime.permutation(pixels, random);
            randomDeletion += area(curve(model, layout, x, b, target, shuffled, points)) / randomOrders;
            randomInsertion += area(curve(model, layout, b, x, target, shuffled, points)) / randomOrders;
        }
        return new Faithfulness(fractions, deletion, insertion, area(deletion), area(insertion), randomDeletion,
                randomInsertion);
    }

    /** The probability as pixels of {@code order} go from {@code from}'s values to {@code to}'s, in points − 1 steps. */
    private static double[] curve(ClassifierModel model, InputLayout layout, double[] from, double[] to, int target,
                                  int[] order, int points) {
        int pixels = order.length;
        int[] rank = new int[pixels];
        for (int i = 0; i < pixels; i++) {
            rank[order[i]] = i;
        }
        double[] batch = new double[points * from.length];
        for (int k = 0; k < points; k++) {
            int changed = (int) Math.round((double) k * pixels / (points - 1));
            for (int i = 0; i < from.length; i++) {
                batch[k * from.length + i] = rank[layout.pixelOf(i)] < changed ? to[i] : from[i];
            }
        }
        Explainer.checkCancelled();
        return model.probabilityOf(Nd4j.create(batch, model.batchShape(points), 'c'), target);
    }

    /** Trapezoidal area over evenly spaced points from 0 to 1. */
    static double area(double[] curve) {
        double sum = 0;
        for (int k = 1; k < curve.length; k++) {
            sum += (curve[k - 1] + curve[k]) / 2;
        }
        return sum / (curve.length - 1);
    }
}
