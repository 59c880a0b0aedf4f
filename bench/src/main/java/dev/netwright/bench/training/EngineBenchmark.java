package dev.netwright.bench.training;

import dev.netwright.runtime.check.Checker;
import dev.netwright.runtime.check.ResourceEstimate;
import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.layers.kinds.StandardKinds;
import dev.netwright.runtime.train.TrainingEvent;
import dev.netwright.samples.Samples;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.stream.Collectors;

/**
 * The engine before and after, per sample, against PyTorch (docs/benchmarks.md, "Engine: the four samples").
 * For each sample three contenders: the worker of an earlier build ("before": its runtime jar and its worker
 * JVM options), the worker of this build ("after", the app's defaults), and the PyTorch peer with 2 threads.
 * Every round runs every sample's three contenders in turn (before, after, PyTorch; cnn, lstm, ...), so
 * drift of the machine spreads over all of them; ratios are taken within a round. Each contender also
 * reports its process's peak resident memory over its run. Then one epoch per sample, seed and build for
 * accuracy. Prints Markdown.
 * With {@code --peak-gflops} (bench/peak.sh's figure for all cores) each contender's GFLOP/s is shown as a share of
 * the machine's peak. With {@code --before-jvm-options} (space-separated) "before" is this build's worker with those
 * options added to the app's, e.g. {@code -Dnetwright.batchnorm=dl4j}; without it or {@code --before-jar} there is no
 * "before" contender.
 * {@code EngineBenchmark --idx=DIR --peer=bench/peer_pytorch.py [--before-jar=JAR[:JAR] | --before-jvm-options=OPTS]
 * [--before-label=TEXT]
 * [--rounds=3] [--designs=cnn,lstm,transformer,resnet] [--batches=32,64] [--peak-gflops=G] [--seeds=42,7]
 * [--warmup=10] [--measured=30]}.
 */
public final class EngineBenchmark {
    private static final Logger LOG = LoggerFactory.getLogger(EngineBenchmark.class);
    /**
     * The worker's JVM options before this memory change (WorkerClient.DEFAULT_JVM_OPTIONS before
     * commit c6b99f8): G1 and its default young generation.
     */
    static final List<String> BEFORE_JVM_OPTIONS = List.of("-Xmx1g", "-XX:+ExitOnOutOfMemoryError",
            "-Dorg.bytedeco.javacpp.maxbytes=6G", "-Dorg.bytedeco.javacpp.maxphysicalbytes=10G",
            "-Dlogback.configurationFile=netwright-worker-logback.xml", "-Djava.awt.headless=true");

    private EngineBenchmark() {
    }

    /** One sample's three contenders. */
    private record Lineup(String design, WorkerContender before, WorkerContender after, PeerContender peer) {
        /** Before (where there is an earlier build), after, PyTorch. */
        List<Contender> all() {
            return before == null ? List.of(after, peer) : List.of(before, after, peer);
        }
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        }
        int rounds = Integer.parseInt(options.getOrDefault("rounds", "3"));
        List<String> designs = list(options.getOrDefault("designs", "cnn,lstm,transformer,resnet"));
        List<Integer> batches = list(options.getOrDefault("batches", "64")).stream().map(Integer::parseInt).toList();
        OptionalDouble peakGflops = options.containsKey("peak-gflops")
                ? OptionalDouble.of(Double.parseDouble(options.get("peak-gflops"))) : OptionalDouble.empty();
        List<Path> beforeJars = options.containsKey("before-jar")
                ? Arrays.stream(options.get("before-jar").split(File.pathSeparator))
                        .map(j -> Path.of(j).toAbsolutePath()).toList()
                : List.of();
        for (Path jar : beforeJars) {
            if (!Files.isRegularFile(jar)) {
                throw new IllegalArgumentException("--before-jar: no such file " + jar);
            }
        }
        // "before" as this build with extra worker JVM options (e.g. -Dnetwright.batchnorm=dl4j), when no jar is named
        List<String> beforeJvmOptions = options.containsKey("before-jvm-options")
                ? list(options.get("before-jvm-options").replace(' ', ',')) : List.of();
        if (!beforeJars.isEmpty() && !beforeJvmOptions.isEmpty()) {
            throw new IllegalArgumentException("--before-jar and --before-jvm-options: name one of them");
        }
        String beforeLabel = options.getOrDefault("before-label", beforeJvmOptions.isEmpty() ? options.get("before-jar")
                : "this build with " + String.join(" ", beforeJvmOptions));
        Path idx = Path.of(options.get("idx"));
        int warmup = Integer.parseInt(options.getOrDefault("warmup", "10"));
        int measured = Integer.parseInt(options.getOrDefault("measured", "30"));
        Path scratch = Files.createDirectories(Path.of(options.getOrDefault("scratch", "target/bench-engine")))
                .toAbsolutePath();
        Path peerScript = Path.of(options.get("peer"));

        List<Lineup> lineups = new ArrayList<>();
        for (String design : designs) {
            WorkerContender before = null;
            if (!beforeJars.isEmpty()) {
                before = new WorkerContender(new Setup(design, "before", Setup.appDefault(design).tuning(), false),
                        List.of(), BEFORE_JVM_OPTIONS, cp -> swapModuleJars(cp, beforeJars));
            } else if (!beforeJvmOptions.isEmpty()) {
                before = new WorkerContender(new Setup(design, "before", Setup.appDefault(design).tuning(), false),
                        beforeJvmOptions);
            }
            Setup after = new Setup(design, "after", Setup.appDefault(design).tuning(), false);
            lineups.add(new Lineup(design, before, new WorkerContender(after), new PeerContender(design, peerScript)));
        }
        PrintStream out = System.out;
        peakGflops.ifPresent(peak -> out.printf(Locale.ROOT, "The machine's measured peak (bench/peak.sh, all cores): "
                + "%.1f GFLOP/s. Training FLOP per sample = 6 x the checker's multiply-adds per example (2 FLOP per "
                + "multiply-add; forward, and backward for inputs and weights): %s.%n%n", peak,
                lineups.stream().map(l -> l.design() + " " + formatMflop(trainingFlopPerSample(l.design())))
                        .collect(Collectors.joining(", "))));
        BenchPlan lastPlan = null;
        for (int batch : batches) {
            BenchPlan plan = new BenchPlan("fashion-mnist-sample", idx, batch, warmup, measured,
                    BenchPlan.absoluteClassPath(), scratch);
            lastPlan = plan;
            if (rounds > 0) {
                measure(plan, lineups, rounds, beforeLabel, peakGflops, out);
            }
        }
        List<Long> seeds = list(options.getOrDefault("seeds", "42,7")).stream().map(Long::parseLong).toList();
        if (!seeds.isEmpty() && lastPlan != null) {
            epochAccuracy(lastPlan, lineups, seeds, out);
        }
    }

    /** The rounds at one batch size, and their tables. */
    private static void measure(BenchPlan plan, List<Lineup> lineups, int rounds, String beforeLabel,
                                OptionalDouble peakGflops, PrintStream out) throws Exception {
        Map<Contender, List<Measurement>> results = new LinkedHashMap<>();
        Map<String, List<Double>> afterOverPeer = new LinkedHashMap<>();
        Map<String, List<Double>> afterOverBefore = new LinkedHashMap<>();
        for (int round = 1; round <= rounds; round++) {
            for (Lineup lineup : lineups) {
                Map<Contender, Measurement> thisRound = new HashMap<>();
                for (Contender contender : lineup.all()) {
                    Measurement m = contender.measure(plan, round);
                    results.computeIfAbsent(contender, c -> new ArrayList<>()).add(m);
                    thisRound.put(contender, m);
                    LOG.info("batch {}, round {}/{}: {}: {} samples/s, peak RSS {} MiB", plan.batchSize(), round,
                            rounds, contender.label(), String.format(Locale.ROOT, "%.1f", m.samplesPerSecond()),
                            String.format(Locale.ROOT, "%.0f", m.peakRssMib()));
                }
                double after = thisRound.get(lineup.after()).samplesPerSecond();
                afterOverPeer.computeIfAbsent(lineup.design(), d -> new ArrayList<>())
                        .add(after / thisRound.get(lineup.peer()).samplesPerSecond());
                if (lineup.before() != null) {
                    afterOverBefore.computeIfAbsent(lineup.design(), d -> new ArrayList<>())
                            .add(after / thisRound.get(lineup.before()).samplesPerSecond());
                }
            }
        }
        out.printf(Locale.ROOT, "Batch %d, batches 1-%d untimed, %d timed; %d rounds%s.%n%n", plan.batchSize(),
                plan.warmup(), plan.measured(), rounds, beforeLabel == null ? "" : "; \"before\" is " + beforeLabel);
        for (Lineup lineup : lineups) {
            double flopPerSample = trainingFlopPerSample(lineup.design());
            out.printf(Locale.ROOT, "**%s**, batch %d (samples/s; GFLOP/s at the median; peak resident memory of the "
                    + "process over its run, MiB)%n%n", lineup.design(), plan.batchSize());
            out.println("| contender | min | median | max | GFLOP/s | of peak | peak RSS min | median | max |");
            out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
            for (Contender c : lineup.all()) {
                List<Measurement> ms = results.get(c);
                String name = c == lineup.before() ? "Netwright before" : c == lineup.after() ? "Netwright after"
                        : "PyTorch (2 threads)";
                Stats rate = Stats.of(ms.stream().map(Measurement::samplesPerSecond).toList());
                double gflops = rate.median() * flopPerSample / 1e9;
                out.printf(Locale.ROOT, "| %s | %s | %.1f | %s | %s |%n", name, rate.cells("%.0f"), gflops,
                        peakGflops.isPresent() ? String.format(Locale.ROOT, "%.0f %%", 100 * gflops
                                / peakGflops.getAsDouble()) : "",
                        Stats.of(ms.stream().map(Measurement::peakRssMib).toList()).cells("%.0f"));
            }
            out.printf(Locale.ROOT, "| **ratio after / PyTorch** (per round) | %s | | | | | |%n",
                    Stats.of(afterOverPeer.get(lineup.design())).cells("%.2f"));
            if (lineup.before() != null) {
                out.printf(Locale.ROOT, "| ratio after / before (per round) | %s | | | | | |%n",
                        Stats.of(afterOverBefore.get(lineup.design())).cells("%.2f"));
            }
            out.println();
        }
    }

    /** One epoch per sample, seed and build (before where there is one, after), for accuracy. */
    private static void epochAccuracy(BenchPlan plan, List<Lineup> lineups, List<Long> seeds, PrintStream out)
            throws Exception {
        out.printf(Locale.ROOT, "One epoch at batch %d:%n%n", plan.batchSize());
        out.println("| sample | seed | before: validation accuracy | loss | after: validation accuracy | loss |");
        out.println("|---|---:|---:|---:|---:|---:|");
        for (Lineup lineup : lineups) {
            for (long seed : seeds) {
                TrainingEvent.EpochEnd after = lineup.after().trainOneEpoch(plan, seed);
                String before = "| — | —";
                if (lineup.before() != null) {
                    TrainingEvent.EpochEnd b = lineup.before().trainOneEpoch(plan, seed);
                    before = String.format(Locale.ROOT, "| %.4f | %.4f", b.validationAccuracy(), b.validationLoss());
                }
                LOG.info("one epoch, {}, seed {}: before {}, after {}", lineup.design(), seed, before,
                        after.validationAccuracy());
                out.printf(Locale.ROOT, "| %s | %d %s | %.4f | %.4f |%n", lineup.design(), seed, before,
                        after.validationAccuracy(), after.validationLoss());
            }
        }
    }

    /**
     * Floating-point operations to train on one sample: the checker's multiply-adds per example (forward), times 2
     * FLOP per multiply-add, times 3 for the forward pass and the backward passes for inputs and for weights.
     */
    static double trainingFlopPerSample(String designId) {
        Design design = Samples.load(designId);
        ResourceEstimate estimate = ResourceEstimate.atDefaults(design, new Checker().check(design),
                StandardKinds.catalog());
        return 6.0 * estimate.multiplyAddsPerExample();
    }

    private static String formatMflop(double flop) {
        return String.format(Locale.ROOT, "%.1f MFLOP", flop / 1e6);
    }

    /** The class path with Netwright's runtime jar (or classes folder) replaced by an earlier build's jar. */
    /**
     * The class path with this build's runtime and engine (jars or class folders) replaced by an earlier build's jars,
     * put where the runtime was. Before the engine module existed its classes were in the runtime jar; both builds'
     * copies of them must never be on one class path.
     */
    static String swapModuleJars(String classPath, List<Path> jars) {
        List<String> entries = Arrays.asList(classPath.split(File.pathSeparator));
        if (entries.stream().noneMatch(e -> isModule(e, "runtime"))) {
            throw new IllegalArgumentException("no Netwright runtime on the class path " + classPath);
        }
        String replacement = jars.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));
        return entries.stream().filter(e -> !isModule(e, "engine"))
                .map(e -> isModule(e, "runtime") ? replacement : e)
                .collect(Collectors.joining(File.pathSeparator));
    }

    private static boolean isModule(String entry, String module) {
        Path path = Path.of(entry);
        return path.getFileName().toString().startsWith("netwright-" + module + "-")
                || path.endsWith(Path.of(module, "target", "classes"));
    }

    private static List<String> list(String text) {
        return Arrays.stream(text.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
