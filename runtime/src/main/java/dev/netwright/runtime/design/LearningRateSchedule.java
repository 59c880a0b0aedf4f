package dev.netwright.runtime.design;

import java.util.List;

/**
 * How the learning rate changes over a run, relative to the run's learning rate (the base rate). The deterministic
 * schedules give their rate at any iteration ({@link #rate}), so a form can draw the planned curve before the run;
 * {@link Plateau} depends on the validation loss and is applied by the worker between epochs. Values are checked
 * when made; a wrong one is an {@link IllegalArgumentException} naming the field as the file and the command line
 * spell it ({@code 'every'}, {@code 'factor'}, …).
 */
public sealed interface LearningRateSchedule {
    /** The schedules' names, as files and the command line spell them. */
    List<String> TYPES = List.of("constant", "step", "exponential", "cosine", "onecycle", "plateau");
    /** The most epochs a step or warm-up takes (the longest run: {@link TrainingPlan#MAX_EPOCHS}). */
    int MAX_EPOCHS = TrainingPlan.MAX_EPOCHS;
    /** What {@link OneCycle} ends at, as a fraction of the base rate. */
    double ONE_CYCLE_END = 0.01;

    /** The name in files and on the command line ({@link #TYPES}). */
    String type();

    /** Whether the rate is known before the run (all but {@link Plateau}). */
    default boolean planned() {
        return true;
    }

    /**
     * The rate at a 0-based iteration of a run of {@code epochs} epochs of {@code iterationsPerEpoch} iterations
     * each, for base rate {@code base}. For {@link Plateau} it is the base rate (its changes come from the run).
     */
    double rate(double base, long iteration, long iterationsPerEpoch, int epochs);

    /** The schedule as the command line writes it: {@code step:every=2,factor=0.5}. */
    String spec();

    static LearningRateSchedule constant() {
        return new Constant();
    }

    /** The learning rate stays as it is set (what runs did before schedules). */
    record Constant() implements LearningRateSchedule {
        @Override
        public String type() {
            return "constant";
        }

        @Override
        public double rate(double base, long iteration, long iterationsPerEpoch, int epochs) {
            return base;
        }

        @Override
        public String spec() {
            return "constant";
        }
    }

    /** Multiplied by {@code factor} every {@code every} epochs. */
    record Step(int every, double factor) implements LearningRateSchedule {
        public Step {
            ScheduleChecks.whole("every", every, 1, MAX_EPOCHS);
            ScheduleChecks.factor("factor", factor);
        }

        @Override
        public String type() {
            return "step";
        }

        @Override
        public double rate(double base, long iteration, long iterationsPerEpoch, int epochs) {
            return base * Math.pow(factor, Math.floor(epochOf(iteration, iterationsPerEpoch) / (double) every));
        }

        @Override
        public String spec() {
            return "step:every=" + every + ",factor=" + ScheduleChecks.number(factor);
        }
    }

    /** Multiplied by {@code factor} after every epoch. */
    record Exponential(double factor) implements LearningRateSchedule {
        public Exponential {
            ScheduleChecks.factor("factor", factor);
        }

        @Override
        public String type() {
            return "exponential";
        }

        @Override
        public double rate(double base, long iteration, long iterationsPerEpoch, int epochs) {
            return base * Math.pow(factor, epochOf(iteration, iterationsPerEpoch));
        }

        @Override
        public String spec() {
            return "exponential:factor=" + ScheduleChecks.number(factor);
        }
    }

    /**
     * A linear warm-up over {@code warmup} epochs (a fraction of one allowed; 0 for none) from a small rate to the
     * base rate, then half a cosine down to {@code floor} times the base rate at the end of the run.
     */
    record Cosine(double warmup, double floor) implements LearningRateSchedule {
        public Cosine {
            if (!(warmup >= 0 && warmup <= MAX_EPOCHS)) {
                throw new IllegalArgumentException("'warmup' must be a number of epochs from 0 to " + MAX_EPOCHS
                        + ", not " + warmup);
            }
            if (!(floor >= 0 && floor < 1)) {
                throw new IllegalArgumentException("'floor' must be a fraction of the learning rate from 0 to below 1, "
                        + "not " + floor);
            }
        }

        @Override
        public String type() {
            return "cosine";
        }

        /** The warm-up's length in iterations, within the run. */
        public long warmupIterations(long iterationsPerEpoch, int epochs) {
            return Math.min(Math.round(warmup * iterationsPerEpoch), iterationsPerEpoch * epochs);
        }

        @Override
        public double rate(double base, long iteration, long iterationsPerEpoch, int epochs) {
            return cosineRate(base, floor, warmupIterations(iterationsPerEpoch, epochs), iterationsPerEpoch * epochs,
                    iteration);
        }

        /**
         * The rule itself, in iterations: {@code base * (i + 1) / warmup} during the warm-up (it never starts at 0),
         * then {@code floor·base + (base - floor·base) · (1 + cos(π · (i - warmup) / (total - warmup))) / 2}.
         */
        public static double cosineRate(double base, double floor, long warmup, long total, long iteration) {
            if (iteration < warmup) {
                return base * (iteration + 1) / warmup;
            }
            long span = Math.max(1, total - warmup);
            double done = Math.min(1.0, (iteration - warmup) / (double) span);
            double low = base * floor;
            return low + (base - low) * 0.5 * (1 + Math.cos(Math.PI * done));
        }

        @Override
        public String spec() {
            return "cosine:warmup=" + ScheduleChecks.number(warmup) + ",floor=" + ScheduleChecks.number(floor);
        }
    }

    /**
     * One cycle over the run: a linear rise from the base rate to {@code peak} times it at the fraction {@code at}
     * of the run, then half a cosine down to {@link #ONE_CYCLE_END} of the base rate at the end.
     */
    record OneCycle(double peak, double at) implements LearningRateSchedule {
        public OneCycle {
            if (!(peak >= 1 && peak <= 1000)) {
                throw new IllegalArgumentException("'peak' must be a multiple of the learning rate from 1 to 1000, not "
                        + peak);
            }
            if (!(at > 0 && at < 1)) {
                throw new IllegalArgumentException("'at' must be a fraction of the run between 0 and 1, not " + at);
            }
        }

        @Override
        public String type() {
            return "onecycle";
        }

        /** The iteration the rate peaks at. */
        public long peakIteration(long iterationsPerEpoch, int epochs) {
            return Math.max(1, Math.round(at * iterationsPerEpoch * epochs));
        }

        @Override
        public double rate(double base, long iteration, long iterationsPerEpoch, int epochs) {
            return oneCycleRate(base, peak, peakIteration(iterationsPerEpoch, epochs), iterationsPerEpoch * epochs,
                    iteration);
        }

        /** The rule itself, in iterations. */
        public static double oneCycleRate(double base, double peak, long peakIteration, long total, long iteration) {
            double top = base * peak;
            if (iteration < peakIteration) {
                return base + (top - base) * iteration / peakIteration;
            }
            long span = Math.max(1, total - peakIteration);
            double done = Math.min(1.0, (iteration - peakIteration) / (double) span);
            double end = base * ONE_CYCLE_END;
            return end + (top - end) * 0.5 * (1 + Math.cos(Math.PI * done));
        }

        @Override
        public String spec() {
            return "onecycle:peak=" + ScheduleChecks.number(peak) + ",at=" + ScheduleChecks.number(at);
        }
    }

    /** Multiplied by {@code factor} when the validation loss has not improved for {@code patience} epochs. */
    record Plateau(double factor, int patience) implements LearningRateSchedule {
        public Plateau {
            ScheduleChecks.factor("factor", factor);
            ScheduleChecks.whole("patience", patience, 1, TrainingPlan.MAX_PATIENCE);
        }

        @Override
        public String type() {
            return "plateau";
        }

        @Override
        public boolean planned() {
            return false;
        }

        @Override
        public double rate(double base, long iteration, long iterationsPerEpoch, int epochs) {
            return base;
        }

        @Override
        public String spec() {
            return "plateau:factor=" + ScheduleChecks.number(factor) + ",patience=" + patience;
        }
    }

    private static long epochOf(long iteration, long iterationsPerEpoch) {
        return iteration / Math.max(1, iterationsPerEpoch);
    }
}
