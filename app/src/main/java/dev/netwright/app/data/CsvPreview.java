package dev.netwright.app.data;

import dev.netwright.runtime.data.CsvLine;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The first rows of a CSV file as text, for display only. It follows the runtime's reading rules (comma, semicolon
 * or tab; double quotes; a first row with a non-numeric feature is a header; the label is the last column unless
 * {@code #label=} says otherwise) but does not validate: the runtime has already read the file when this runs.
 */
final class CsvPreview {
    private static final String LABEL_OPTION = "#label=";
    private static final String LABEL_MARK = " (label)";

    private CsvPreview() {
    }

    /** The preview of a {@code csv:FILE[#label=...]} reference. */
    static DataPreview.Table of(String ref, int maxRows) throws IOException {
        String rest = ref.strip().substring("csv:".length());
        int option = rest.lastIndexOf(LABEL_OPTION);
        String file = (option < 0 ? rest : rest.substring(0, option)).strip();
        String labelSpec = option < 0 ? null : rest.substring(option + LABEL_OPTION.length()).strip();
        return read(Path.of(file), labelSpec, maxRows);
    }

    static DataPreview.Table read(Path file, String labelSpec, int maxRows) throws IOException {
        List<List<String>> lines = new ArrayList<>();
        char delimiter = ',';
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while (lines.size() <= maxRows && (line = reader.readLine()) != null) {
                if (lines.isEmpty() && line.startsWith("\uFEFF")) {
                    line = line.substring(1);
                }
                if (line.isBlank()) {
                    continue;
                }
                if (lines.isEmpty()) {
                    delimiter = CsvLine.guessDelimiter(line);
                }
                lines.add(CsvLine.split(line, delimiter));
            }
        }
        if (lines.isEmpty()) {
            return new DataPreview.Table(List.of(), List.of());
        }
        List<String> first = lines.get(0);
        int columns = first.size();
        int labelColumn = labelColumn(first, labelSpec);
        boolean hasHeader = labelSpec != null && !labelSpec.matches("\\d{1,9}") || anyFeatureIsText(first, labelColumn);
        List<String> headers = new ArrayList<>();
        for (int c = 0; c < columns; c++) {
            String name = hasHeader ? first.get(c) : Integer.toString(c);
            headers.add(c == labelColumn ? name + LABEL_MARK : name);
        }
        List<List<String>> rows = lines.subList(hasHeader ? 1 : 0, lines.size());
        return new DataPreview.Table(headers, rows.subList(0, Math.min(maxRows, rows.size())));
    }

    private static int labelColumn(List<String> first, String labelSpec) {
        if (labelSpec == null) {
            return first.size() - 1;
        }
        if (labelSpec.matches("\\d{1,9}")) {
            return Integer.parseInt(labelSpec);
        }
        return first.indexOf(labelSpec);
    }

    private static boolean anyFeatureIsText(List<String> row, int labelColumn) {
        for (int c = 0; c < row.size(); c++) {
            if (c != labelColumn && !CsvLine.isNumber(row.get(c))) {
                return true;
            }
        }
        return false;
    }
}
