package dev.netwright.runtime.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/** Splits examples into training and validation parts, holding a source's own test files apart where it has them. */
final class Split {

    private Split() {
    }

    /**
     * Stratified: each class gives {@code validationFraction} of its examples (rounded, at least one when it has
     * two or more) to validation, chosen by a {@link Random} seeded with {@code seed}, so that the same seed gives
     * the same split. Both parts keep the examples' original order. {@code unit} names the examples in the plural
     * ("rows", "images") for messages and the description.
     */
    static TrainValidation stratified(Examples all, long seed, double validationFraction, String source,
            String unit, String detail) throws DataException {
        checkFraction(validationFraction);
        Random random = new Random(seed);
        List<List<Integer>> byClass = new ArrayList<>();
        for (int c = 0; c < all.numClasses(); c++) {
            byClass.add(new ArrayList<>());
        }
        for (int i = 0; i < all.size(); i++) {
            byClass.get(all.labels()[i]).add(i);
        }
        boolean[] toValidation = new boolean[all.size()];
        int validationCount = 0;
        for (List<Integer> members : byClass) {
            Collections.shuffle(members, random);
            int take = (int) Math.round(members.size() * validationFraction);
            if (take == 0 && members.size() >= 2) {
                take = 1;
            }
            take = Math.min(take, members.size() - 1); // a class seen only in validation cannot be learnt
            for (int k = 0; k < Math.max(take, 0); k++) {
                toValidation[members.get(k)] = true;
                validationCount++;
            }
        }
        String one = unit.substring(0, unit.length() - 1);
        if (all.size() < 2) {
            throw new DataException(source + ": only " + Texts.count(all.size(), one, unit) + ", too few to split "
                    + "into training and validation parts");
        }
        if (validationCount == 0) {
            // every class with two or more examples gives one, so each class here has a single example (or none)
            long classes = byClass.stream().filter(members -> !members.isEmpty()).count();
            throw new DataException(source + ": every class has a single " + one + " (" + Texts.count(classes, "class",
                    "classes") + " in " + Texts.count(all.size(), one, unit) + "), so none can be both learnt and "
                    + "validated; each class needs at least 2 " + unit);
        }
        int[] train = new int[all.size() - validationCount];
        int[] validation = new int[validationCount];
        int t = 0;
        int v = 0;
        for (int i = 0; i < all.size(); i++) {
            if (toValidation[i]) {
                validation[v++] = i;
            } else {
                train[t++] = i;
            }
        }
        String description = source + ": " + Texts.count(train.length) + " training, "
                + Texts.count(validation.length) + " validation " + unit + " (" + detail
                + Math.round(validationFraction * 100) + " % held out for validation with seed " + seed + ")";
        return new TrainValidation(all.subset(train), all.subset(validation), description);
    }

    /**
     * A source with test files of its own: with {@link DataSplit#HOLD_OUT_TEST} the validation part is held out of
     * {@code train} ({@link #stratified}) and {@code test} is kept for the final evaluation; with
     * {@link DataSplit#VALIDATE_ON_TEST} {@code test} is the validation part and there is no test part.
     */
    static TrainValidation withTestFiles(Examples train, Examples test, DataSplit split, long seed,
            double validationFraction, String source, String detail) throws DataException {
        if (split == DataSplit.VALIDATE_ON_TEST) {
            return new TrainValidation(train, test, source + ": " + Texts.count(train.size()) + " training, "
                    + Texts.count(test.size()) + " validation images (the test files)");
        }
        TrainValidation parts = stratified(train, seed, validationFraction, source, "images", detail);
        return new TrainValidation(parts.train(), parts.validation(), Optional.of(test), parts.description() + ", "
                + Texts.count(test.size()) + " test images kept for the final evaluation");
    }

    static void checkFraction(double validationFraction) {
        if (!(validationFraction > 0 && validationFraction < 1)) {
            throw new IllegalArgumentException("validationFraction must be between 0 and 1 (exclusive), got "
                    + validationFraction);
        }
    }

    /** Indices 0..n-1, for callers that want every example. */
    static int[] all(int n) {
        int[] indices = new int[n];
        Arrays.setAll(indices, i -> i);
        return indices;
    }
}
