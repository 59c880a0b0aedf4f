package dev.netwright.runtime.sweep;

import java.util.ArrayList;
import java.util.List;

/**
 * Successive halving (the inner loop of Hyperband): every trial trains for a small budget of epochs, the best
 * 1/η go on for η times the budget, and so on up to the full budget. Synchronous: a rung ends before the next
 * begins, so that a restarted experiment knows exactly who goes on.
 */
public final class Halving {
    private Halving() {
    }

    /** One round: how many trials train in it, and to how many epochs in all. */
    public record Rung(int trials, int epochs) {
    }

    /**
     * The rungs for {@code trials} trials, keeping 1/{@code eta} each time, the last rung at {@code maxEpochs}. There are
     * as many rungs as both the trials and the epochs allow: the first has at least one epoch and each rung more
     * epochs than the one before; with one epoch in all there is one rung, which is plain random search.
     */
    public static List<Rung> rungs(int trials, int eta, int maxEpochs) {
        if (trials < 1 || eta < 2 || maxEpochs < 1) {
            throw new IllegalArgumentException("halving needs at least 1 trial, eta of at least 2 and 1 epoch, not "
                    + trials + ", " + eta + ", " + maxEpochs);
        }
        int halvings = 0;
        while (pow(eta, halvings + 1) <= trials && pow(eta, halvings + 1) <= maxEpochs) {
            halvings++;
        }
        List<Rung> rungs = new ArrayList<>();
        for (int k = 0; k <= halvings; k++) {
            int kept = Math.max(1, (int) (trials / pow(eta, k)));
            int epochs = Math.max(1, (int) Math.round(maxEpochs / (double) pow(eta, halvings - k)));
            rungs.add(new Rung(kept, epochs));
        }
        return rungs;
    }

    /**
     * Which trials go on to the next rung: the {@code keep} best of those that finished the rung, by best validation
     * accuracy, then the lower validation loss, then the earlier trial. Failed trials never go on.
     */
    public static List<String> promoted(List<Trial> finishedInRung, int keep) {
        return finishedInRung.stream().filter(t -> t.state() == Trial.State.FINISHED)
                .sorted(Trial.BEST_FIRST).limit(keep).map(Trial::id).toList();
    }

    private static long pow(int base, int exponent) {
        long result = 1;
        for (int i = 0; i < exponent; i++) {
            result *= base;
        }
        return result;
    }
}
