package dev.netwright.runtime.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;

/**
 * Some of a labelled source's classes and, optionally, a number of training images per class, named by options at the
 * end of a data reference: {@code fashion-mnist#classes=5,6,7,8,9#per-class=50}. The listed classes (indices counting
 * from 0, or class names) are relabelled 0..k-1 in the listed order. {@code per-class=N} keeps the first N training
 * examples of each class after a shuffle seeded with the run's seed, and at most N of each in the validation part; the
 * test part keeps every example of the listed classes. Either option may come alone.
 */
public record ClassSelection(List<String> classes, int perClass) {
    static final String CLASSES = "#classes=";
    static final String PER_CLASS = "#per-class=";
    private static final List<String> OPTIONS = List.of(CLASSES, PER_CLASS);

    public ClassSelection {
        classes = List.copyOf(classes);
    }

    /** A reference split into the source it names and the selection its options make (empty when it has none). */
    record Parsed(String source, Optional<ClassSelection> selection) {
    }

    /**
     * Takes {@code #classes=} and {@code #per-class=} off the end of {@code ref}, in either order; what is left names
     * the source (a CSV file's own {@code #label=} option stays with it).
     */
    static Parsed parse(String ref) throws DataException {
        String rest = ref.strip();
        String classes = null;
        String perClass = null;
        while (true) {
            int at = rest.lastIndexOf('#');
            String option = at < 0 ? "" : rest.substring(at);
            String name = OPTIONS.stream().filter(o -> option.toLowerCase(Locale.ROOT).startsWith(o)).findFirst()
                    .orElse(null);
            if (name == null) {
                break;
            }
            String value = option.substring(name.length()).strip();
            if (name.equals(CLASSES)) {
                if (classes != null) {
                    throw new DataException("Data reference '" + ref + "' names #classes= twice");
                }
                classes = value;
            } else {
                if (perClass != null) {
                    throw new DataException("Data reference '" + ref + "' names #per-class= twice");
                }
                perClass = value;
            }
            rest = rest.substring(0, at).strip();
        }
        if (classes == null && perClass == null) {
            return new Parsed(rest, Optional.empty());
        }
        return new Parsed(rest, Optional.of(new ClassSelection(classList(ref, classes), count(ref, perClass))));
    }

    /** The source part of a reference, without these options: what {@link DataSources#namedPath} reads a path from. */
    static String sourceOf(String ref) {
        try {
            return parse(ref).source();
        } catch (DataException e) {
            return ref.strip();
        }
    }

    /** The options as they end a reference ("" when there are none), to put back after the source is resolved. */
    static String optionsOf(String ref) {
        String source = sourceOf(ref);
        String text = ref.strip();
        return text.startsWith(source) ? text.substring(source.length()) : "";
    }

    /**
     * {@code ref} keeping at most {@code n} training examples of each class: its {@code #classes=} kept, a
     * {@code #per-class=} it had replaced.
     */
    static String withPerClass(String ref, int n) throws DataException {
        if (n < 1) {
            throw new DataException("#per-class= needs a whole number of 1 or more, not " + n);
        }
        Parsed parsed = parse(ref);
        List<String> classes = parsed.selection().map(ClassSelection::classes).orElse(List.of());
        return parsed.source() + (classes.isEmpty() ? "" : CLASSES + String.join(",", classes)) + PER_CLASS + n;
    }

    private static List<String> classList(String ref, String value) throws DataException {
        if (value == null) {
            return List.of();
        }
        List<String> list = new ArrayList<>();
        for (String part : value.split(",", -1)) {
            String name = part.strip();
            if (name.isEmpty()) {
                throw new DataException("Data reference '" + ref + "': #classes= needs class indices or names "
                        + "separated by commas, e.g. #classes=5,6,7");
            }
            if (list.contains(name)) {
                throw new DataException("Data reference '" + ref + "': #classes= names class '" + name + "' twice");
            }
            list.add(name);
        }
        return list;
    }

    private static int count(String ref, String value) throws DataException {
        if (value == null) {
            return 0;
        }
        int n;
        try {
            n = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new DataException("Data reference '" + ref + "': #per-class= needs a whole number of images, not '"
                    + value + "'");
        }
        if (n < 1) {
            throw new DataException("Data reference '" + ref + "': #per-class= must be at least 1, not " + n);
        }
        return n;
    }

    /** The selection applied to {@code data}; {@code seed} (the run's) orders each class before the first N are kept. */
    TrainValidation apply(TrainValidation data, long seed) throws DataException {
        List<String> names = data.train().classNames();
        int[] chosen = classIndices(names);
        List<String> newNames = Arrays.stream(chosen).mapToObj(names::get).toList();
        Examples train = select(data.train(), chosen, newNames, perClass, seed, true);
        Examples validation = select(data.validation(), chosen, newNames, perClass, seed + 1, false);
        Optional<Examples> test = data.test().isPresent()
                ? Optional.of(select(data.test().get(), chosen, newNames, 0, seed, false)) : Optional.empty();
        if (validation.size() == 0) {
            throw new DataException("The validation part has no images of the classes " + newNames);
        }
        String what = (classes.isEmpty() ? "all classes" : "classes " + String.join(", ", newNames)
                + " (as 0.." + (newNames.size() - 1) + ")")
                + (perClass > 0 ? ", " + perClass + " training images per class drawn with seed " + seed : "");
        return new TrainValidation(train, validation, test, data.description() + "; kept " + what + ": "
                + Texts.count(train.size()) + " training, " + Texts.count(validation.size()) + " validation"
                + test.map(t -> ", " + Texts.count(t.size()) + " test").orElse("") + " examples");
    }

    /** The source's class indices in the listed order (all classes when none are listed). */
    private int[] classIndices(List<String> names) throws DataException {
        if (classes.isEmpty()) {
            int[] all = new int[names.size()];
            Arrays.setAll(all, i -> i);
            return all;
        }
        int[] chosen = new int[classes.size()];
        for (int k = 0; k < classes.size(); k++) {
            chosen[k] = indexOf(classes.get(k), names);
            for (int j = 0; j < k; j++) {
                if (chosen[j] == chosen[k]) {
                    throw new DataException("#classes=: '" + classes.get(j) + "' and '" + classes.get(k)
                            + "' are the same class (" + names.get(chosen[k]) + ")");
                }
            }
        }
        return chosen;
    }

    private static int indexOf(String name, List<String> names) throws DataException {
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).equalsIgnoreCase(name)) {
                return i;
            }
        }
        try {
            int index = Integer.parseInt(name);
            if (index >= 0 && index < names.size()) {
                return index;
            }
        } catch (NumberFormatException notANumber) {
            // named neither by index nor by name: said below
        }
        throw new DataException("#classes=: the data has no class '" + name + "'; its " + names.size()
                + " classes are 0.." + (names.size() - 1) + ": " + String.join(", ", names));
    }

    private static Examples select(Examples part, int[] chosen, List<String> newNames, int perClass, long seed,
            boolean exact) throws DataException {
        int[] newLabel = new int[part.numClasses()];
        Arrays.fill(newLabel, -1);
        for (int k = 0; k < chosen.length; k++) {
            newLabel[chosen[k]] = k;
        }
        List<List<Integer>> byClass = new ArrayList<>();
        for (int k = 0; k < chosen.length; k++) {
            byClass.add(new ArrayList<>());
        }
        for (int i = 0; i < part.size(); i++) {
            int k = newLabel[part.labels()[i]];
            if (k >= 0) {
                byClass.get(k).add(i);
            }
        }
        List<Integer> kept = new ArrayList<>();
        Random random = new Random(seed);
        for (int k = 0; k < chosen.length; k++) {
            List<Integer> members = byClass.get(k);
            if (perClass > 0) {
                if (exact && members.size() < perClass) {
                    throw new DataException("#per-class=" + perClass + ": class " + chosen[k] + " (" + newNames.get(k)
                            + ") has only " + Texts.count(members.size(), "training image", "training images")
                            + " here; ask for at most " + members.size() + " per class");
                }
                Collections.shuffle(members, random);
                members = members.subList(0, Math.min(perClass, members.size()));
            }
            kept.addAll(members);
        }
        Collections.sort(kept); // the source's order, as the validation split keeps it
        int[] indices = kept.stream().mapToInt(Integer::intValue).toArray();
        Examples subset = part.subset(indices);
        int[] labels = subset.labels().clone();
        for (int i = 0; i < labels.length; i++) {
            labels[i] = newLabel[labels[i]];
        }
        return new Examples(subset.features(), labels, part.height(), part.width(), part.channels(), newNames);
    }
}
