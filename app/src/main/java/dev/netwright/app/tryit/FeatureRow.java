package dev.netwright.app.tryit;

import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.List;
import java.util.Locale;

/**
 * The row of feature values a CSV design is tried on, as the user edits it: one named value per feature column (the
 * names from the CSV header), kept as typed so that the process, not this table, says which value is no number.
 */
public final class FeatureRow {
    /** One feature column: its name and the value typed for it. */
    public record Feature(String name, StringProperty value) {
    }

    private final ObservableList<Feature> features = FXCollections.observableArrayList();

    /** The features of a newly loaded run; the values typed are kept when the names are the same. */
    void reset(List<String> names) {
        if (!names.equals(names())) {
            features.setAll(names.stream().map(n -> new Feature(n, new SimpleStringProperty(""))).toList());
        }
    }

    /** Fills the values from a row the process read (a sample, a CSV file), as numbers written plainly. */
    void fill(float[] values) {
        for (int i = 0; i < Math.min(values.length, features.size()); i++) {
            features.get(i).value().set(plain(values[i]));
        }
    }

    /** "5.1" for 5.1f, "3" for 3.0f: the shortest text that reads back as the same float. */
    static String plain(float value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e7) {
            return String.format(Locale.ROOT, "%d", (long) value);
        }
        return Float.toString(value);
    }

    public List<String> names() {
        return features.stream().map(Feature::name).toList();
    }

    /** The values as typed, in the features' order. */
    public List<String> values() {
        return features.stream().map(f -> f.value().get()).toList();
    }

    public ObservableList<Feature> features() {
        return features;
    }
}
