package dev.netwright.app.window;

/** Reads code the user pasted into what it describes, or says where it went wrong (the paste dialog stays open then). */
@FunctionalInterface
interface CodeReader<T> {
    T read(String code) throws Problem;

    /** What is wrong with the code and where: a 1-based line and column, or 0 where the problem has no one place. */
    final class Problem extends Exception {
        private final int line;
        private final int column;

        Problem(String message, int line, int column) {
            super(message);
            this.line = line;
            this.column = column;
        }

        int line() {
            return line;
        }

        int column() {
            return column;
        }

        /** The offset in {@code text} of the problem's line and column, for the caret; 0 where it has no place. */
        int offsetIn(String text) {
            if (line < 1) {
                return 0;
            }
            int offset = 0;
            for (int l = 1; l < line; l++) {
                int newline = text.indexOf('\n', offset);
                if (newline < 0) {
                    return text.length();
                }
                offset = newline + 1;
            }
            int lineEnd = text.indexOf('\n', offset);
            int end = lineEnd < 0 ? text.length() : lineEnd;
            return Math.min(end, offset + Math.max(0, column - 1));
        }
    }
}
