package dev.netwright.app.data;

import dev.netwright.runtime.data.Examples;
import dev.netwright.runtime.data.TrainValidation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/** What a loaded data set holds: its description, split sizes and how many examples of each class each split has. */
public record DataSummary(String description, int trainSize, int validationSize, List<ClassCount> classes) {

    /** One class and its number of examples in the training and validation splits. */
    public record ClassCount(String name, int train, int validation) {
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
        List<ClassCount> classes = new ArrayList<>();
        for (int c = 0; c < train.numClasses(); c++) {
            classes.add(new ClassCount(train.classNames().get(c), trainCounts[c],
                    c < validationCounts.length ? validationCounts[c] : 0));
        }
        return new DataSummary(data.description(), train.size(), data.validation().size(), classes);
    }

    public int numClasses() {
        return classes.size();
    }

    public List<String> classNames() {
        return classes.stream().map(ClassCount::name).toList();
    }

    /** "5,000 training · 1,000 validation · 10 classes". */
    public String splitLine() {
        return String.format(Locale.ROOT, "%,d training · %,d validation · %d classes", trainSize, validationSize,
                numClasses());
    }
}
