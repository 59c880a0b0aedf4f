package dev.netwright.runtime.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code csv:FILE}: one example per row, numeric feature columns and one label column (the last unless
 * {@code #label=NAME} or {@code #label=INDEX} says otherwise; columns count from 0). The first row is a header
 * when any of its feature columns is not a number. Rows in messages are line numbers in the file, counting from 1.
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

    private TrainValidation read(long seed, double validationFraction, HeapRoom heap) throws DataException {
        CsvRows rows = null;
        float[] rowValues = null;
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
                    List<String> first = CsvLine.split(line, delimiter);
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
        Examples all = examples(rows);
        String detail = Texts.count(columns - 1) + " features, label " + labelName() + ", "
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
        return false;
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

    /** Class names are the distinct label values, sorted as numbers when all are integers, else as text. */
    private Examples examples(CsvRows rows) throws DataException {
        List<String> texts = rows.labelTexts();
        if (texts.size() < 2) {
            throw new DataException(file + ": every row has the same label in column " + labelColumn
                    + "; a classifier needs at least 2 classes");
        }
        boolean integers = texts.stream().allMatch(t -> t.matches("[-+]?\\d{1,18}"));
        Comparator<String> order = integers ? Comparator.comparingLong(Long::parseLong) : Comparator.naturalOrder();
        List<String> classNames = new ArrayList<>(texts);
        classNames.sort(order);
        Map<String, Integer> classIndex = new HashMap<>();
        for (String className : classNames) {
            classIndex.put(className, classIndex.size());
        }
        int[] classOf = texts.stream().mapToInt(classIndex::get).toArray();
        int[] labels = rows.labels(0);
        for (int i = 0; i < labels.length; i++) {
            labels[i] = classOf[labels[i]];
        }
        return new Examples(rows.features(0), labels, 1, columns - 1, 1, classNames);
    }

    /** For the description of data that was read: the header's name of the label column, else its number. */
    private String labelName() {
        return header != null ? "'" + header.get(labelColumn) + "'" : Integer.toString(labelColumn);
    }
}
