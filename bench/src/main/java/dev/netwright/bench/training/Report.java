package dev.netwright.bench.training;

import dev.netwright.runtime.train.NativeTuning;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The benchmark's Markdown tables: overhead, the four designs, the peer, the native settings, accuracy. */
final class Report {
    private static final String RATE = "%.0f";
    private static final String RATIO = "%.2f";

    private final BenchPlan plan;
    private final int rounds;
    private final int overheadRounds;
    private final Map<Contender, List<Measurement>> results;
    private final TrainingBenchmark.Lineup lineup;
    private final List<TrainingBenchmark.AccuracyRow> accuracy;
    private final List<Double> loadBeforeRuns;

    Report(BenchPlan plan, int rounds, int overheadRounds, Map<Contender, List<Measurement>> results, TrainingBenchmark.Lineup lineup,
           List<TrainingBenchmark.AccuracyRow> accuracy, List<Double> loadBeforeRuns) {
        this.plan = plan;
        this.rounds = rounds;
        this.overheadRounds = overheadRounds;
        this.results = results;
        this.lineup = lineup;
        this.accuracy = accuracy;
        this.loadBeforeRuns = loadBeforeRuns;
    }

    void print(PrintStream out) {
        out.printf(Locale.ROOT, "Measured %s on %s, Java %s; %d rounds (%d for the overhead pair); batch %d, %d "
                        + "warm-up batches, %d timed batches (%d samples) per run; samples/s min | median | max over "
                        + "the rounds.%n%n",
                LocalDate.now(), machine(), System.getProperty("java.version"), rounds, overheadRounds, plan.batchSize(),
                plan.warmup(), plan.measured(), plan.measuredSamples());
        if (!loadBeforeRuns.isEmpty()) {
            out.println("1-minute load average before each run: " + Stats.of(loadBeforeRuns).cells("%.2f")
                    .replace(" | ", " / ") + " (min / median / max; the previous run adds about 1 to it).");
            out.println();
        }
        overhead(out);
        designs(out);
        peer(out);
        settings(out);
        accuracy(out);
    }

    private void overhead(PrintStream out) {
        WorkerContender worker = lineup.overheadWorker();
        out.println("**App overhead (seed CNN, app default settings): worker process vs bare `ComputationGraph.fit` loop**");
        out.println();
        out.println("| contender | min | median | max |");
        out.println("|---|---:|---:|---:|");
        out.println("| worker (WorkerClient, timed from its iteration events) | " + rates(worker).cells(RATE) + " |");
        out.println("| bare fit loop (own JVM, same options) | " + rates(lineup.bare()).cells(RATE) + " |");
        out.println("| **ratio worker / bare** (per round) | " + ratios(worker, lineup.bare()).cells(RATIO) + " |");
        out.println();
    }

    private void designs(PrintStream out) {
        out.println("**The four samples through the worker, app default settings**");
        out.println();
        out.println("| design | native settings | min | median | max |");
        out.println("|---|---|---:|---:|---:|");
        lineup.defaults().forEach((design, worker) -> out.println("| " + design + " | "
                + worker.setup().resolvedTuning().describe() + " | " + rates(worker).cells(RATE) + " |"));
        out.println();
    }

    private void peer(PrintStream out) {
        out.printf(Locale.ROOT, "**Against PyTorch (%d threads, OMP_WAIT_POLICY=PASSIVE, same IDX files)**%n%n",
                PeerContender.THREADS);
        out.println("| network | Netwright worker (median) | PyTorch min | median | max | ratio ours / PyTorch min | median | max |");
        out.println("|---|---:|---:|---:|---:|---:|---:|---:|");
        lineup.peers().forEach((design, peer) -> {
            WorkerContender ours = lineup.defaults().get(design);
            out.println("| " + design + " | " + String.format(Locale.ROOT, RATE, rates(ours).median()) + " | "
                    + rates(peer).cells(RATE) + " | " + ratios(ours, peer).cells(RATIO) + " |");
        });
        out.println();
    }

    private void settings(PrintStream out) {
        out.println("**Native settings through the worker** (ratio = this setting / app default, per round)");
        out.println();
        out.println("| design | setting | min | median | max | ratio to app default min | median | max |");
        out.println("|---|---|---:|---:|---:|---:|---:|---:|");
        lineup.defaults().forEach((design, worker) -> {
            out.println("| " + design + " | **app default: " + worker.setup().resolvedTuning().describe() + "** | "
                    + rates(worker).cells(RATE) + " | 1 | 1 | 1 |");
            for (WorkerContender variant : lineup.variants().get(design)) {
                out.println("| " + design + " | " + variant.setup().name() + " | " + rates(variant).cells(RATE) + " | "
                        + ratios(variant, worker).cells(RATIO) + " |");
            }
        });
        out.println();
    }

    private void accuracy(PrintStream out) {
        if (accuracy.isEmpty()) {
            return;
        }
        out.printf(Locale.ROOT, "**Accuracy: one epoch on the bundled subset (%d training, validation on the 1,000 "
                + "held-out images), worker, batch %d**%n%n", BenchPlan.TRAIN_EXAMPLES, plan.batchSize());
        out.println("| design | setting | seed | validation accuracy | validation loss | epoch incl. evaluation (s) |");
        out.println("|---|---|---:|---:|---:|---:|");
        for (TrainingBenchmark.AccuracyRow row : accuracy) {
            String setting = row.appDefault() ? "app default: " + row.setting()
                    : row.setting().equals(NativeTuning.libraryDefaults().describe()) ? "DL4J defaults: " + row.setting()
                    : row.setting();
            out.printf(Locale.ROOT, "| %s | %s | %d | %.4f | %.4f | %.1f |%n", row.design(), setting, row.seed(),
                    row.epoch().validationAccuracy(), row.epoch().validationLoss(), row.epoch().seconds());
        }
        out.println();
    }

    /** CPU model and cores, from /proc/cpuinfo where there is one. */
    static String machine() {
        String model = System.getProperty("os.arch");
        try {
            model = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).strip()).findFirst().orElse(model);
        } catch (IOException e) {
            // not Linux: the architecture will do
        }
        return model + ", " + Runtime.getRuntime().availableProcessors() + " cores";
    }

    private Stats rates(Contender contender) {
        return Stats.of(TrainingBenchmark.map(results.get(contender), Measurement::samplesPerSecond));
    }

    /** a / b within each round. */
    private Stats ratios(Contender a, Contender b) {
        List<Measurement> as = results.get(a);
        List<Measurement> bs = results.get(b);
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < Math.min(as.size(), bs.size()); i++) {
            ratios.add(as.get(i).samplesPerSecond() / bs.get(i).samplesPerSecond());
        }
        return Stats.of(ratios);
    }
}
