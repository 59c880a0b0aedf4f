package dev.netwright.runtime.data;

import java.util.ArrayList;
import java.util.List;

/** Splits one CSV line into fields: a delimiter, double quotes around a field, "" for a quote inside it. */
final class CsvLine {

    private CsvLine() {
    }

    /** Comma, semicolon or tab: whichever the first line uses most, so that spreadsheet exports from any locale read. */
    static char guessDelimiter(String firstLine) {
        char best = ',';
        long bestCount = 0;
        for (char candidate : new char[] {',', ';', '\t'}) {
            long count = firstLine.chars().filter(ch -> ch == candidate).count();
            if (count > bestCount) {
                best = candidate;
                bestCount = count;
            }
        }
        return best;
    }

    /** The fields of {@code line}, trimmed; a quote left open runs to the end of the line. */
    static List<String> split(String line, char delimiter) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    field.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == delimiter) {
                fields.add(field.toString().trim());
                field.setLength(0);
            } else {
                field.append(ch);
            }
        }
        fields.add(field.toString().trim());
        return fields;
    }
}
