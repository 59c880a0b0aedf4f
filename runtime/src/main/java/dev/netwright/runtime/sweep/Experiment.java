package dev.netwright.runtime.sweep;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A sweep as it is kept in its folder's {@code experiment.json}: what it varies and how, and each trial. Immutable;
 * the runner replaces it as trials progress.
 *
 * @param design      the design as named on the command line (a file or sample:ID), for messages
 * @param params      the {@code NAME=VALUES} strings, as given
 * @param trialsAsked {@code --trials}; 0 where not given (a grid's every point)
 * @param eta         the halving factor (halving only)
 * @param epochs      the epochs of a trial (halving: of the last rung)
 * @param rungs       the halving rungs; empty for grid and random
 * @param cluster     where the trials run: a Spark master URL ({@code --cluster}), or null for this machine
 * @param problem     why the sweep as a whole could not go on (an unreachable cluster), or null
 */
public record Experiment(String design, String designName, Strategy strategy, List<String> params, int trialsAsked,
                         long seed, int eta, int epochs, List<Halving.Rung> rungs, List<Trial> trials, String cluster,
                         String problem) {
    public static final String FILE_NAME = "experiment.json";
    /** Where the base request of the trials is kept (a run.json without a run: the runs list passes it by). */
    public static final String BASE_DIR = "base";

    /** How trials are chosen. */
    public enum Strategy {
        GRID, RANDOM, HALVING;

        public String inWords() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public Experiment {
        Objects.requireNonNull(design, "design");
        Objects.requireNonNull(designName, "designName");
        Objects.requireNonNull(strategy, "strategy");
        params = List.copyOf(params);
        rungs = List.copyOf(rungs);
        trials = List.copyOf(trials);
    }

    /** An experiment whose trials run on this machine, with no problem recorded. */
    public Experiment(String design, String designName, Strategy strategy, List<String> params, int trialsAsked,
                      long seed, int eta, int epochs, List<Halving.Rung> rungs, List<Trial> trials) {
        this(design, designName, strategy, params, trialsAsked, seed, eta, epochs, rungs, trials, null, null);
    }

    /** The same experiment, its trials running on {@code master} (null: this machine); any earlier problem cleared. */
    public Experiment onCluster(String master) {
        return new Experiment(design, designName, strategy, params, trialsAsked, seed, eta, epochs, rungs, trials,
                master, null);
    }

    /** The same experiment with why it could not go on (null: no problem). */
    public Experiment withProblem(String message) {
        return new Experiment(design, designName, strategy, params, trialsAsked, seed, eta, epochs, rungs, trials,
                cluster, message);
    }

    /** The same experiment with {@code trial} in place of the one with its id. */
    public Experiment with(Trial trial) {
        List<Trial> updated = new ArrayList<>(trials);
        for (int i = 0; i < updated.size(); i++) {
            if (updated.get(i).id().equals(trial.id())) {
                updated.set(i, trial);
                return new Experiment(design, designName, strategy, params, trialsAsked, seed, eta, epochs, rungs, updated,
                        cluster, problem);
            }
        }
        throw new IllegalArgumentException("no trial " + trial.id());
    }

    public Trial trial(String id) {
        return trials.stream().filter(t -> t.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no trial " + id));
    }

    /** The trials best first ({@link Trial#BEST_FIRST}). */
    public List<Trial> ranked() {
        List<Trial> sorted = new ArrayList<>(trials);
        sorted.sort(Trial.BEST_FIRST);
        return sorted;
    }

    /** Whether this is the same sweep as {@code other} (the same design, space and strategy), so that it can go on. */
    public boolean sameSweepAs(Experiment other) {
        return design.equals(other.design) && strategy == other.strategy && params.equals(other.params)
                && trialsAsked == other.trialsAsked && seed == other.seed && eta == other.eta && epochs == other.epochs;
    }

    /** Whether every trial has ended (finished, failed or stopped early). */
    public boolean isOver() {
        return trials.stream().allMatch(t -> t.state() == Trial.State.FAILED || t.state() == Trial.State.STOPPED_EARLY
                || (t.state() == Trial.State.FINISHED && (rungs.isEmpty() || t.rung() == rungs.size() - 1)));
    }
}
