package dev.netwright.bench.training;

import dev.netwright.runtime.train.NativeTuning;
import dev.netwright.runtime.train.TrainingEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Training throughput of Netwright on this CPU, against a bare DL4J loop and PyTorch, with the native
 * settings that the worker chooses and their alternatives. Every contender is a fresh process, run once per
 * round, all contenders in the same order in every round (A B C … A B C …), so that a disturbance on the
 * machine hits them alike; the tables give min / median / max over the rounds, and ratios are taken within
 * a round. Then one epoch per setting checks that the faster settings reach the same accuracy. Prints
 * Markdown; progress goes to the log (stderr). Run it with {@code bench/training.sh}.
 */
public final class TrainingBenchmark {
    private static final Logger LOG = LoggerFactory.getLogger(TrainingBenchmark.class);
    static final List<String> DESIGNS = List.of("cnn", "lstm", "transformer", "resnet");
    static final List<String> PEER_MODELS = List.of("cnn", "lstm");
    /** Also timed on the plain nd4j-native jar, when the local Maven repository still has it. */
    static final List<String> STOCK_JAR_DESIGNS = List.of("cnn", "lstm");
    static final long SEED = 42;
    static final long OTHER_SEED = 7;

    private final BenchPlan plan;
    private final int rounds;
    private final int overheadRounds;
    private final Path peerScript;
    private final Map<Contender, List<Measurement>> results = new LinkedHashMap<>();
    private final List<Double> loadBeforeRuns = new ArrayList<>();

    private TrainingBenchmark(BenchPlan plan, int rounds, int overheadRounds, Path peerScript) {
        this.plan = plan;
        this.rounds = rounds;
        this.overheadRounds = overheadRounds;
        this.peerScript = peerScript;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        int rounds = Integer.parseInt(options.getOrDefault("rounds", "3"));
        int overheadRounds = Integer.parseInt(options.getOrDefault("overhead-rounds", "6"));
        BenchPlan plan = new BenchPlan("fashion-mnist-sample", Path.of(options.get("idx")), 64,
                Integer.parseInt(options.getOrDefault("warmup", "10")),
                Integer.parseInt(options.getOrDefault("measured", "30")), BenchPlan.absoluteClassPath(),
                Files.createDirectories(Path.of(options.getOrDefault("scratch", "target/bench-training"))).toAbsolutePath());
        List<String> accuracyDesigns = list(options.getOrDefault("accuracy", String.join(",", DESIGNS)));
        TrainingBenchmark bench = new TrainingBenchmark(plan, rounds, overheadRounds, Path.of(options.get("peer")));
        bench.run(accuracyDesigns);
    }

    private void run(List<String> accuracyDesigns) throws Exception {
        Lineup lineup = Lineup.build(peerScript);
        // The overhead pair gets rounds of its own: its ratio is the finest figure here, and the noisiest.
        runRounds("overhead", overheadRounds, lineup.overhead());
        runRounds("main", rounds, lineup.all());
        List<AccuracyRow> accuracy = new ArrayList<>();
        for (String design : accuracyDesigns) {
            accuracy.addAll(accuracyRows(design));
        }
        new Report(plan, rounds, overheadRounds, results, lineup, accuracy, loadBeforeRuns).print(System.out);
    }

    private void runRounds(String name, int count, List<Contender> contenders) throws Exception {
        for (int round = 1; round <= count; round++) {
            for (Contender contender : contenders) {
                loadAverage().ifPresent(loadBeforeRuns::add);
                Measurement m = contender.measure(plan, round);
                results.computeIfAbsent(contender, c -> new ArrayList<>()).add(m);
                LOG.info("{} round {}/{}: {}: {} samples/s", name, round, count, contender.label(),
                        String.format(Locale.ROOT, "%.1f", m.samplesPerSecond()));
            }
        }
    }

    /** Default settings vs DL4J's own, same seed, and the default with another seed for scale. */
    private List<AccuracyRow> accuracyRows(String design) throws Exception {
        List<AccuracyRow> rows = new ArrayList<>();
        Setup appDefault = Setup.appDefault(design);
        Setup dl4jDefaults = Setup.fixed(design, NativeTuning.libraryDefaults());
        record Epoch(Setup setup, long seed) {
        }
        for (Epoch run : List.of(new Epoch(appDefault, SEED), new Epoch(dl4jDefaults, SEED),
                new Epoch(appDefault, OTHER_SEED))) {
            String setting = run.setup().resolvedTuning().describe();
            TrainingEvent.EpochEnd epoch = new WorkerContender(run.setup()).trainOneEpoch(plan, run.seed());
            LOG.info("one epoch of {} ({}), seed {}: validation accuracy {}", design, setting, run.seed(),
                    epoch.validationAccuracy());
            rows.add(new AccuracyRow(design, setting, run.setup() == appDefault, run.seed(), epoch));
        }
        return rows;
    }

    /** One epoch's outcome under one setting. */
    record AccuracyRow(String design, String setting, boolean appDefault, long seed, TrainingEvent.EpochEnd epoch) {
    }

    /**
     * The contenders in running order, grouped by design: the app's default worker, the alternatives to each of
     * its native settings, and, where they exist, the stock DL4J library and the PyTorch peer; and apart from
     * them the overhead pair, the seed CNN's worker and its bare loop.
     */
    record Lineup(List<Contender> all, Map<String, WorkerContender> defaults, Map<String, List<WorkerContender>> variants,
                  Map<String, PeerContender> peers, WorkerContender overheadWorker, BareContender bare) {

        List<Contender> overhead() {
            return List.of(overheadWorker, bare);
        }


        static Lineup build(Path peerScript) {
            List<Contender> all = new ArrayList<>();
            Map<String, WorkerContender> defaults = new LinkedHashMap<>();
            Map<String, List<WorkerContender>> variants = new LinkedHashMap<>();
            Map<String, PeerContender> peers = new LinkedHashMap<>();
            for (String design : DESIGNS) {
                WorkerContender appDefault = new WorkerContender(Setup.appDefault(design));
                defaults.put(design, appDefault);
                all.add(appDefault);
                if (PEER_MODELS.contains(design)) {
                    PeerContender peer = new PeerContender(design, peerScript);
                    peers.put(design, peer);
                    all.add(peer);
                }
                NativeTuning chosen = appDefault.setup().resolvedTuning();
                List<WorkerContender> alternatives = new ArrayList<>();
                alternatives.add(new WorkerContender(Setup.fixed(design, chosen.withOneDnnHelpers(!chosen.oneDnnHelpers()))));
                alternatives.add(new WorkerContender(Setup.fixed(design, chosen.withThreads(
                        chosen.threads() == NativeTuning.LIBRARY_DEFAULT ? 1 : NativeTuning.LIBRARY_DEFAULT))));
                Setup stock = Setup.stock(design);
                if (STOCK_JAR_DESIGNS.contains(design) && stock.classPath(BenchPlan.absoluteClassPath()).isPresent()) {
                    alternatives.add(new WorkerContender(stock));
                }
                variants.put(design, alternatives);
                all.addAll(alternatives);
            }
            return new Lineup(List.copyOf(all), defaults, variants, peers, new WorkerContender(Setup.appDefault("cnn")),
                    new BareContender(Setup.appDefault("cnn")));
        }
    }

    /** The 1-minute load average, a sign of other work on the machine (our previous run adds to it too). */
    private static Optional<Double> loadAverage() {
        try {
            return Optional.of(Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--") || !arg.contains("=")) {
                throw new IllegalArgumentException("options are --name=value, not " + arg);
            }
            options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        }
        for (String required : List.of("idx", "peer")) {
            if (!options.containsKey(required)) {
                throw new IllegalArgumentException("missing --" + required + "=...");
            }
        }
        return options;
    }

    private static List<String> list(String text) {
        return text.isBlank() ? List.of() : Arrays.stream(text.split(",")).map(String::strip).toList();
    }

    static <T> List<Double> map(List<T> values, Function<T, Double> f) {
        return values.stream().map(f).toList();
    }
}
