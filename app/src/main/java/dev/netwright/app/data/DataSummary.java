package dev.netwright.app.data;

import dev.netwright.runtime.data.Examples;
import dev.netwright.runtime.data.TrainValidation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What a loaded data set holds: its description, split sizes (a test size of 0 where the data holds no test set out)
 * and how many examples of each class each split has.
 */
public record DataSummary(String description, int trainSize, int validationSize, int testSize,
                          List<ClassCount> classes) {

    /** One class and its number of examples in the training, validation and test splits. */
    public record ClassCount(String name, int train, int validation, int test) {
    }

    public DataSummary {
        Objects.requireNonNull(description, "description");
        classes = List.copyOf(classes);
    }

    static DataSummary of(TrainValidation data) {
        Examples train = data.train();
        int[] trainCounts = train.classCounts();
        // The validation split carries the same class names; guard anyway so a source that differs cannot throw.
        int[] validationCounts = data.validation().classCounts();
        int[] testCounts = data.test().map(Examples::classCounts).orElse(new int[0]);
        List<ClassCount> classes = new ArrayList<>();
        for (int c = 0; c < train.numClasses(); c++) {
            classes.add(new ClassCount(train.classNames().get(c), trainCounts[c],
                    c < validationCounts.length ? validationCounts[c] : 0, c < testCounts.length ? testCounts[c] : 0));
        }
        return new DataSummary(data.description(), train.size(), data.validation().size(),
                data.test().map(Examples::size).orElse(0), classes);
    }

    public boolean hasTest() {
        return testSize > 0;
    }

    public int numClasses() {
        return classes.size();
    }

    public List<String> classNames() {
        return classes.stream().map(ClassCount::name).toList();
    }

    /** "4,500 training · 500 validation · 1,000 test · 10 classes" (no test part where the data has none). */
    public String splitLine() {
        return String.format(Locale.ROOT, "%,d training · %,d validation · %s%d classes", trainSize, validationSize,
                hasTest() ? String.format(Locale.ROOT, "%,d test · ", testSize) : "", numClasses());
    }
}
