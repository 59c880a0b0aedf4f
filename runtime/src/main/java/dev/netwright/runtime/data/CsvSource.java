package dev.netwright.runtime.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code csv:FILE}: one example per row, numeric feature columns and one label column (the last unless
 * {@code #label=NAME} or {@code #label=INDEX} says otherwise; columns count from 0). Rows in messages are line
 * numbers in the file, counting from 1.
 *
 * <p>The first row is a header when {@code #label=NAME} names one of its cells, or when
 * <ul>
 * <li>any of its feature cells is not a number ({@code sepal_length,...,species}); or</li>
 * <li>its cells are the column numbers 0 to n-1 or 1 to n, three or more of them, as pandas writes unnamed
 *     columns ({@code 0,1,2,3}); or</li>
 * <li>read as data, its label is of another kind than the label of every other row and no other row shares it:
 *     text over a column of numbers ({@code 1,2,3,label} over labels 0 and 1), or a number over a column of
 *     text. A first row whose label is like the others' ({@code 1,2,3,1}) stays data.</li>
 * </ul>
 *
 * <p>The label column must look like classes: it is refused when it holds a single value, when every row has a
 * label of its own (an id column: no class could be both learnt and validated), or when its labels are numbers
 * with fractions and there are more than half as many of them as rows (a measurement, not a class).
 *
 * <p>A design can name any local file as its data, so messages say what is wrong by row and column number and never
 * quote the file's cells, its header included; only the column name the user typed after {@code #label=} is quoted.
 */
final class CsvSource {
    private final Path file;
    private final String name;
    private final String labelSpec;

    private List<String> header;
    private int columns;
    private int labelColumn;

    private CsvSource(Path file, String labelSpec) {
        this.file = file;
        this.name = String.valueOf(file.getFileName());
        this.labelSpec = labelSpec;
    }

    /**
     * {@code labelSpec} is the text after {@code #label=}, or null for the last column. Rows are read as 1 × features
     * whatever the design's Input: {@link DataFit} and {@link Views} let them feed any Input of as many values.
     */
    static TrainValidation open(Path file, String labelSpec, long seed, double validationFraction)
            throws DataException {
        return open(file, labelSpec, seed, validationFraction, HeapRoom.ofThisProcess());
    }

    /** As {@link #open(Path, String, long, double)}, with {@code heap} to ask before the rows grow. */
    static TrainValidation open(Path file, String labelSpec, long seed, double validationFraction, HeapRoom heap)
            throws DataException {
        Split.checkFraction(validationFraction);
        return new CsvSource(file, labelSpec).read(seed, validationFraction, heap);
    }

    /**
     * The names of the feature columns of {@code file}, in order, the label column left out: the header's cells where
     * the first row is a header, else "column N" (counting from 0, as messages do). Reads the first row only.
     */
    static List<String> featureNames(Path file, String labelSpec) throws DataException {
        CsvSource source = new CsvSource(file, labelSpec);
        try (CsvLines lines = new CsvLines(file, source.name)) {
            String line;
            while ((line = lines.next()) != null) {
                if (lines.number() == 1 && line.startsWith("\uFEFF")) {
                    line = line.substring(1);
                }
                if (line.isBlank()) {
                    continue;
                }
                List<String> first = CsvLine.split(line, CsvLine.guessDelimiter(line));
                source.firstRow(first, lines.number());
                List<String> names = new ArrayList<>();
                for (int c = 0; c < source.columns; c++) {
                    if (c != source.labelColumn) {
                        String cell = source.header == null ? "" : source.header.get(c);
                        names.add(cell.isBlank() ? "column " + c : cell);
                    }
                }
                return names;
            }
        }
        throw new DataException(file + ": no data rows, only blank lines");
    }

    private TrainValidation read(long seed, double validationFraction, HeapRoom heap) throws DataException {
        CsvRows rows = null;
        float[] rowValues = null;
        List<String> first = null;
        try (CsvLines lines = new CsvLines(file, name)) {
            String line;
            char delimiter = ',';
            while ((line = lines.next()) != null) {
                int row = lines.number();
                if (row == 1 && line.startsWith("\uFEFF")) {
                    line = line.substring(1); // byte order mark from spreadsheet exports
                }
                if (line.isBlank()) {
                    continue;
                }
                if (rows == null) {
                    delimiter = CsvLine.guessDelimiter(line);
                    first = CsvLine.split(line, delimiter);
                    boolean isHeader = firstRow(first, row);
                    rows = new CsvRows(columns - 1, heap, name);
                    rowValues = new float[columns - 1];
                    if (isHeader) {
                        continue;
                    }
                }
                dataRow(CsvLine.split(line, delimiter), row, rowValues, rows);
            }
        }
        if (rows == null || rows.size() == 0) {
            throw new DataException(file + ": no data rows, only " + (header == null ? "blank lines" : "a header"));
        }
        int from = 0;
        if (header == null && firstLabelIsTheOddOneOut(rows)) {
            header = first; // e.g. "1,2,3,label" over numeric labels: numbered columns and a named label
            from = 1;
        }
        Examples all = examples(rows, from);
        String detail = Texts.count(columns - 1, "feature", "features") + ", label " + labelName() + ", "
                + all.numClasses() + " classes; ";
        return Split.stratified(all, seed, validationFraction, name, "rows", detail);
    }

    /** Decides the label column and whether {@code first} is a header; returns true when it is. */
    private boolean firstRow(List<String> first, int row) throws DataException {
        columns = first.size();
        if (columns < 2) {
            throw new DataException(file + ": row " + row + " has " + columns + " value; a CSV needs at least one feature "
                    + "column and a label column (comma, semicolon or tab separated)");
        }
        if (labelSpec == null) {
            labelColumn = columns - 1;
        } else if (labelSpec.matches("\\d{1,9}")) {
            labelColumn = Integer.parseInt(labelSpec);
            if (labelColumn >= columns) {
                throw new DataException(file + ": label column " + labelColumn + " does not exist (the file has "
                        + columns + " columns, 0 to " + (columns - 1) + ")");
            }
        } else {
            labelColumn = first.indexOf(labelSpec);
            if (labelColumn < 0) {
                throw new DataException(file + ": no column named '" + labelSpec + "' in the first row (of "
                        + columns + " columns); use #label=INDEX, from 0 to " + (columns - 1)
                        + ", to name the label column by position");
            }
            header = first;
            return true;
        }
        for (int c = 0; c < columns; c++) {
            if (c != labelColumn && !CsvLine.isNumber(first.get(c))) {
                header = first;
                return true;
            }
        }
        if (areColumnNumbers(first)) {
            header = first;
            return true;
        }
        return false;
    }

    /** "0,1,2,3" or "1,2,3,4", as pandas writes unnamed columns: three or more, so that two numbers are still data. */
    private static boolean areColumnNumbers(List<String> first) {
        if (first.size() < 3) {
            return false;
        }
        for (int base = 0; base <= 1; base++) {
            boolean numbered = true;
            for (int c = 0; c < first.size() && numbered; c++) {
                numbered = first.get(c).equals(Integer.toString(c + base));
            }
            if (numbered) {
                return true;
            }
        }
        return false;
    }

    /**
     * True when the first row, read as data, has a label of another kind than every other row: text over a column
     * of numbers, or a number over a column of text. It is then a header whose feature names are numbers.
     */
    private static boolean firstLabelIsTheOddOneOut(CsvRows rows) {
        if (rows.size() < 2) {
            return false;
        }
        for (int i = 1; i < rows.size(); i++) {
            if (rows.labelAt(i) == 0) {
                return false; // another row has the first row's label: it is one of the classes
            }
        }
        List<String> texts = rows.labelTexts();
        boolean firstIsNumber = CsvLine.isNumber(texts.get(0));
        return texts.stream().skip(1).allMatch(t -> CsvLine.isNumber(t) != firstIsNumber);
    }

    private void dataRow(List<String> fields, int row, float[] rowValues, CsvRows rows) throws DataException {
        if (fields.size() != columns) {
            throw new DataException(name + ", row " + row + " has " + fields.size() + " values, "
                    + (header != null ? "the header has " : "the first row has ") + columns);
        }
        String label = null;
        int f = 0;
        for (int c = 0; c < columns; c++) {
            String text = fields.get(c);
            if (text.isEmpty()) {
                throw new DataException(name + ", row " + row + ", column " + c + ": missing value");
            }
            if (c == labelColumn) {
                label = text;
                continue;
            }
            if (!CsvLine.isNumber(text)) {
                throw new DataException(name + ", row " + row + ", column " + c + ": not a number (features are "
                        + "plain decimal numbers such as -1.5 or 2e-3)");
            }
            float value = Float.parseFloat(text);
            if (!Float.isFinite(value)) {
                throw new DataException(name + ", row " + row + ", column " + c + ": a number too large for a "
                        + "32-bit float");
            }
            rowValues[f++] = value;
        }
        rows.add(rowValues, label, row);
    }

    /**
     * The rows from {@code from} on. Class names are the distinct label values, sorted as numbers when all are
     * integers, else as text. A label column that cannot be a set of classes is refused (see the class comment).
     */
    private Examples examples(CsvRows rows, int from) throws DataException {
        int[] labels = rows.labels(from);
        List<String> texts = rows.labelTexts();
        boolean[] present = new boolean[texts.size()];
        for (int label : labels) {
            present[label] = true;
        }
        List<String> classNames = new ArrayList<>();
        for (int t = 0; t < texts.size(); t++) {
            if (present[t]) {
                classNames.add(texts.get(t));
            }
        }
        checkLabelsAreClasses(classNames, labels.length);
        boolean integers = classNames.stream().allMatch(t -> t.matches("[-+]?\\d{1,18}"));
        classNames.sort(integers ? Comparator.comparingLong(Long::parseLong) : Comparator.naturalOrder());
        Map<String, Integer> classIndex = new HashMap<>();
        for (String className : classNames) {
            classIndex.put(className, classIndex.size());
        }
        int[] classOf = new int[texts.size()];
        for (int t = 0; t < texts.size(); t++) {
            classOf[t] = present[t] ? classIndex.get(texts.get(t)) : -1;
        }
        for (int i = 0; i < labels.length; i++) {
            labels[i] = classOf[labels[i]];
        }
        return new Examples(rows.features(from), labels, 1, columns - 1, 1, classNames);
    }

    private void checkLabelsAreClasses(List<String> classNames, int rowCount) throws DataException {
        int classes = classNames.size();
        if (classes < 2) {
            throw new DataException(file + ": every row has the same label in column " + labelColumn
                    + "; a classifier needs at least 2 classes");
        }
        String nameIt = "; name the label column with #label=NAME or #label=INDEX";
        if (classes == rowCount) {
            throw new DataException(file + ": " + Texts.count(classes) + " distinct labels in " + Texts.count(rowCount)
                    + " rows: is column " + labelColumn + " really the label? Each class needs at least 2 rows, to "
                    + "learn from and to validate with" + nameIt);
        }
        boolean fractions = classNames.stream().allMatch(CsvLine::isNumber)
                && classNames.stream().anyMatch(t -> !t.matches("[-+]?\\d+"));
        if (fractions && classes > rowCount / 2) {
            throw new DataException(file + ": " + Texts.count(classes) + " distinct labels in " + Texts.count(rowCount)
                    + " rows, numbers with fractions: is column " + labelColumn + " really the label? It looks like a "
                    + "measurement, and a classifier learns classes" + nameIt);
        }
    }

    /** For the description of data that was read: the header's name of the label column, else its number. */
    private String labelName() {
        return header != null ? "'" + header.get(labelColumn) + "'" : Integer.toString(labelColumn);
    }
}
