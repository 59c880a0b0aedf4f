package dev.netwright.bench.training;

import dev.netwright.runtime.train.EventReader;
import dev.netwright.runtime.train.RunFolder;
import dev.netwright.runtime.train.TrainingEvent;
import dev.netwright.runtime.train.worker.WorkerMain;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * What the training doctor costs (docs/benchmarks.md, "Training doctor"): the same design, data and window trained by
 * the worker with the doctor on (as the app trains) and off ({@code -Dnetwright.doctor=off}), alternating which goes
 * first in each round, timed from the worker's iteration events as {@link WorkerContender} times it. Prints a Markdown
 * table: samples per second of each round, the medians, and the doctor's overhead.
 * Usage: {@code DoctorBenchmark DESIGN ROUNDS WARMUP MEASURED SCRATCH [EPOCHS]}: the run's length in epochs sets how
 * often the doctor samples (30 epochs: every 50th update, as in long runs; 2 epochs, 158 updates: every 5th, as in
 * short runs).
 */
public final class DoctorBenchmark {
    /** 30 epochs of 79 updates: a run long enough that the doctor samples every 50th update, as in long runs. */
    private static final int LONG_RUN_EPOCHS = 30;

    private DoctorBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String design = args.length > 0 ? args[0] : "cnn";
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 6;
        int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 8;
        int measured = args.length > 3 ? Integer.parseInt(args[3]) : 70;
        Path scratch = Files.createDirectories(Path.of(args.length > 4 ? args[4] : "target/bench-doctor"))
                .toAbsolutePath();
        int epochs = args.length > 5 ? Integer.parseInt(args[5]) : LONG_RUN_EPOCHS;
        BenchPlan plan = new BenchPlan("fashion-mnist-sample", scratch, 64, warmup, measured,
                BenchPlan.absoluteClassPath(), scratch);
        Setup setup = Setup.appDefault(design);
        // the timed window is in the first epoch and the run is stopped after it
        PairedTiming paired = new PairedTiming(warmup, warmup + measured);
        WorkerContender on = new WorkerContender(setup).withRequest(r -> r.withEpochs(epochs)).withTap(paired);
        WorkerContender off = new WorkerContender(setup,
                List.of("-D" + WorkerMain.DOCTOR_PROPERTY + "=" + WorkerMain.DOCTOR_OFF)).withRequest(r -> r.withEpochs(epochs));
        List<Double> withDoctor = new ArrayList<>();
        List<Double> without = new ArrayList<>();
        System.out.printf(Locale.ROOT, "%s, batch 64, a run of %d epochs, batches %d..%d timed, %d rounds%n%n", design,
                epochs, warmup + 1, warmup + measured, rounds);
        List<Double> pairedOverheads = new ArrayList<>();
        System.out.println("| round | order | doctor off, samples/s | doctor on, samples/s | on / off | signals in window "
                + "| in-run overhead |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (int round = 1; round <= rounds; round++) {
            boolean offFirst = round % 2 == 1;
            double offRate;
            double onRate;
            paired.reset();
            if (offFirst) {
                offRate = off.measure(plan, 2 * round).samplesPerSecond();
                onRate = on.measure(plan, 2 * round + 1).samplesPerSecond();
            } else {
                onRate = on.measure(plan, 2 * round + 1).samplesPerSecond();
                offRate = off.measure(plan, 2 * round).samplesPerSecond();
            }
            pairedOverheads.add(paired.overhead());
            withDoctor.add(onRate);
            without.add(offRate);
            long signals = signalsInWindow(scratch, 2 * round + 1, warmup, warmup + measured);
            System.out.printf(Locale.ROOT, "| %d | %s | %.0f | %.0f | %.3f | %d | %.1f %% |%n", round,
                    offFirst ? "off, on" : "on, off", offRate, onRate, onRate / offRate, signals,
                    100 * pairedOverheads.get(pairedOverheads.size() - 1));
            System.out.flush();
        }
        double onMedian = Stats.of(withDoctor).median();
        double offMedian = Stats.of(without).median();
        System.out.printf(Locale.ROOT, "| median | | %.0f | %.0f | %.3f | | %.1f %% |%n%n", offMedian, onMedian,
                onMedian / offMedian, 100 * Stats.of(pairedOverheads).median());
        System.out.printf(Locale.ROOT, "Doctor overhead, separate runs (median of rounds): %.1f %% of training time%n",
                100 * (offMedian / onMedian - 1));
        System.out.printf(Locale.ROOT, "Doctor overhead, in-run pairs (median of rounds): %.1f %% of training time%n",
                100 * Stats.of(pairedOverheads).median());
    }

    /**
     * The doctor's cost measured inside one run, where a busy machine slows sampled and unsampled updates alike: the time
     * between iteration events of the sampled updates and of the updates right after them (where DL4J may re-size its
     * workspaces), above the median of the other updates' times, as a share of the timed window's time.
     */
    static final class PairedTiming implements dev.netwright.runtime.train.TrainingListener {
        private final int from;
        private final int to;
        private final long[] arrivals;
        private final java.util.Set<Long> sampled = new java.util.HashSet<>();

        PairedTiming(int from, int to) {
            this.from = from;
            this.to = to;
            this.arrivals = new long[to + 1];
        }

        void reset() {
            java.util.Arrays.fill(arrivals, 0);
            sampled.clear();
        }

        @Override
        public void onEvent(dev.netwright.runtime.train.TrainingEvent event) {
            if (event instanceof dev.netwright.runtime.train.TrainingEvent.Iteration it && it.iteration() <= to) {
                arrivals[(int) it.iteration()] = System.nanoTime();
            } else if (event instanceof dev.netwright.runtime.train.TrainingEvent.Signals s) {
                sampled.add(s.iteration());
            }
        }

        double overhead() {
            List<Double> clean = new ArrayList<>();
            double total = 0;
            for (int i = from + 1; i <= to; i++) {
                double gap = arrivals[i] - arrivals[i - 1];
                total += gap;
                if (!sampled.contains((long) i) && !sampled.contains((long) i - 1)) {
                    clean.add(gap);
                }
            }
            double typical = Stats.of(clean).median();
            double extra = 0;
            for (int i = from + 1; i <= to; i++) {
                if (sampled.contains((long) i) || sampled.contains((long) i - 1)) {
                    extra += arrivals[i] - arrivals[i - 1] - typical;
                }
            }
            return extra / (total - extra);
        }
    }

    /** How many sampled updates the doctor made inside the timed window of that round's run (from its events). */
    private static long signalsInWindow(Path scratch, int round, int from, int to) throws Exception {
        try (Stream<Path> dirs = Files.list(scratch)) {
            Path dir = dirs.filter(d -> d.getFileName().toString().startsWith("r" + round + "-worker-")).findFirst()
                    .orElse(null);
            RunFolder run = dir == null ? null : new RunFolder(dir);
            if (run == null || !Files.exists(run.events())) {
                return -1;
            }
            return EventReader.readAll(run.events(), notAnEvent -> { }).stream()
                    .filter(event -> event instanceof TrainingEvent.Signals)
                    .mapToLong(event -> ((TrainingEvent.Signals) event).iteration())
                    .filter(i -> i > from && i <= to).count();
        }
    }
}
