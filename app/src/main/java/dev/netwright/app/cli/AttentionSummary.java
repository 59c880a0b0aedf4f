package dev.netwright.app.cli;

import java.io.PrintWriter;
import java.util.Locale;

/** A few lines that say what an attention matrix shows: which tokens are attended most, and how sharply. */
final class AttentionSummary {
    private static final int SHOWN = 3;

    private AttentionSummary() {
    }

    /** {@code matrix[query][key]}, each row summing to 1. */
    static void print(PrintWriter out, double[][] matrix) {
        int tokens = matrix.length;
        double[] received = new double[tokens];
        int sharpQuery = 0;
        int sharpKey = 0;
        for (int i = 0; i < tokens; i++) {
            for (int j = 0; j < tokens; j++) {
                received[j] += matrix[i][j] / tokens;
                if (matrix[i][j] > matrix[sharpQuery][sharpKey]) {
                    sharpQuery = i;
                    sharpKey = j;
                }
            }
        }
        StringBuilder most = new StringBuilder();
        boolean[] taken = new boolean[tokens];
        for (int k = 0; k < Math.min(SHOWN, tokens); k++) {
            int best = -1;
            for (int j = 0; j < tokens; j++) {
                if (!taken[j] && (best < 0 || received[j] > received[best])) {
                    best = j;
                }
            }
            taken[best] = true;
            most.append(k == 0 ? "" : ", ").append(String.format(Locale.ROOT, "token %d %.3f", best, received[best]));
        }
        out.printf(Locale.ROOT, "  %d tokens (rows: queries, columns: keys; each row sums to 1); most attended, mean "
                + "over queries: %s%n", tokens, most);
        out.printf(Locale.ROOT, "  strongest weight: query token %d gives %.3f to token %d (%.3f each if uniform)%n",
                sharpQuery, matrix[sharpQuery][sharpKey], sharpKey, 1.0 / tokens);
    }
}
