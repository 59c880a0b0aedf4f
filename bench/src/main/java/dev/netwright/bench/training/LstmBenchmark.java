package dev.netwright.bench.training;

import dev.netwright.runtime.layers.LstmEngine;
import dev.netwright.runtime.train.NativeTuning;
import dev.netwright.runtime.train.TrainingEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The LSTM sample through the worker on NativeLstmLayer ({@link LstmEngine#NATIVE}; since decision 0006 its
 * float tanh passes are oneDNN's LSTM primitives, as in the app's default, where they were libnd4j's fused
 * lstmLayer op before) against DL4J's own LSTM ({@link LstmEngine#DL4J}), on 1 thread (and the native layer
 * on 2 when asked), and the
 * PyTorch peer; contenders alternate in every round (A B C D ... A B C D ...). Then one epoch each for accuracy. Prints Markdown.
 * {@code LstmBenchmark --idx=DIR --peer=bench/peer_pytorch.py [--rounds=3] [--warmup=10] [--measured=30]
 * [--two-threads=true] [--seeds=42,7]}; {@code --rounds=0} only trains the epochs, {@code --seeds=} none.
 */
public final class LstmBenchmark {
    private static final Logger LOG = LoggerFactory.getLogger(LstmBenchmark.class);
    private static final String DESIGN = "lstm";

    private LstmBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        }
        int rounds = Integer.parseInt(options.getOrDefault("rounds", "3"));
        BenchPlan plan = new BenchPlan("fashion-mnist-sample", Path.of(options.get("idx")), 64,
                Integer.parseInt(options.getOrDefault("warmup", "10")),
                Integer.parseInt(options.getOrDefault("measured", "30")), BenchPlan.absoluteClassPath(),
                Files.createDirectories(Path.of(options.getOrDefault("scratch", "target/bench-lstm"))).toAbsolutePath());
        NativeTuning oneThread = NativeTuning.forDesign(Setup.appDefault(DESIGN).design(), 2).withThreads(1);
        NativeTuning twoThreads = oneThread.withThreads(2);
        WorkerContender nativeOne = new WorkerContender(new Setup(DESIGN, "NativeLstmLayer, " + oneThread.describe(),
                design -> oneThread, false), LstmEngine.NATIVE);
        WorkerContender dl4jOne = new WorkerContender(new Setup(DESIGN, "DL4J LSTM, " + oneThread.describe(),
                design -> oneThread, false), LstmEngine.DL4J);
        WorkerContender nativeTwo = new WorkerContender(new Setup(DESIGN, "NativeLstmLayer, " + twoThreads.describe(),
                design -> twoThreads, false), LstmEngine.NATIVE);
        List<Contender> lineup = new ArrayList<>(List.of(nativeOne, dl4jOne));
        // Two OpenMP threads collapse when another process takes a core (decision 0002): on a shared machine
        // a run can take minutes, so they are only timed when asked for
        if (Boolean.parseBoolean(options.getOrDefault("two-threads", "false"))) {
            lineup.add(nativeTwo);
        }
        if (options.containsKey("peer")) {
            lineup.add(new PeerContender(DESIGN, Path.of(options.get("peer"))));
        }
        Map<Contender, List<Measurement>> results = new LinkedHashMap<>();
        List<Double> ratios = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            Map<Contender, Double> thisRound = new HashMap<>();
            for (Contender contender : lineup) {
                Measurement m = contender.measure(plan, round);
                results.computeIfAbsent(contender, c -> new ArrayList<>()).add(m);
                thisRound.put(contender, m.samplesPerSecond());
                LOG.info("round {}/{}: {}: {} samples/s", round, rounds, contender.label(),
                        String.format(Locale.ROOT, "%.1f", m.samplesPerSecond()));
            }
            ratios.add(thisRound.get(nativeOne) / thisRound.get(dl4jOne));
        }
        PrintStream out = System.out;
        if (rounds > 0) {
            printThroughput(out, plan, rounds, results, ratios);
        }
        out.println("| implementation | threads | seed | validation accuracy | validation loss | epoch incl. evaluation (s) |");
        out.println("|---|---:|---:|---:|---:|---:|");
        List<Long> seeds = java.util.Arrays.stream(options.getOrDefault("seeds", "42,7").split(","))
                .map(String::strip).filter(seed -> !seed.isEmpty()).map(Long::parseLong).toList();
        for (long seed : seeds) {
            for (WorkerContender worker : List.of(nativeOne, dl4jOne)) {
                String name = worker == nativeOne ? "NativeLstmLayer" : "DL4J LSTM";
                TrainingEvent.EpochEnd epoch = worker.trainOneEpoch(plan, seed);
                LOG.info("one epoch, {}, seed {}: validation accuracy {}", name, seed, epoch.validationAccuracy());
                out.printf(Locale.ROOT, "| %s | 1 | %d | %.4f | %.4f | %.1f |%n", name, seed,
                        epoch.validationAccuracy(), epoch.validationLoss(), epoch.seconds());
            }
        }
    }

    private static void printThroughput(PrintStream out, BenchPlan plan, int rounds,
                                        Map<Contender, List<Measurement>> results, List<Double> ratios) {
        out.printf(Locale.ROOT, "Batch %d, batches 1-%d untimed, %d timed; %d rounds, contenders alternating.%n%n",
                plan.batchSize(), plan.warmup(), plan.measured(), rounds);
        out.println("| contender | min | median | max |");
        out.println("|---|---:|---:|---:|");
        results.forEach((c, ms) -> out.printf(Locale.ROOT, "| %s | %s |%n", c.label(),
                Stats.of(ms.stream().map(Measurement::samplesPerSecond).toList()).cells("%.0f")));
        out.printf(Locale.ROOT, "| **ratio native / DL4J (1 thread, per round)** | %s |%n%n", Stats.of(ratios).cells("%.2f"));
    }
}
