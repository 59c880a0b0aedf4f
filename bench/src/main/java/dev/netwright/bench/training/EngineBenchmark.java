package dev.netwright.bench.training;

import dev.netwright.runtime.train.TrainingEvent;
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
import java.util.stream.Collectors;

/**
 * The engine before and after, per sample, against PyTorch (docs/benchmarks.md, "Engine: the four samples").
 * For each sample three contenders: the worker of an earlier build ("before": its runtime jar and its worker
 * JVM options), the worker of this build ("after", the app's defaults), and the PyTorch peer with 2 threads.
 * Every round runs every sample's three contenders in turn (before, after, PyTorch; cnn, lstm, ...), so
 * drift of the machine spreads over all of them; ratios are taken within a round. Each contender also
 * reports its process's peak resident memory over its run. Then one epoch per sample, seed and build for
 * accuracy. Prints Markdown.
 * {@code EngineBenchmark --idx=DIR --peer=bench/peer_pytorch.py --before-jar=JAR[:JAR] --before-label=TEXT
 * [--rounds=3] [--designs=cnn,lstm,transformer,resnet] [--seeds=42,7] [--warmup=10] [--measured=30]}.
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
        List<Contender> all() {
            return List.of(before, after, peer);
        }
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        }
        int rounds = Integer.parseInt(options.getOrDefault("rounds", "3"));
        List<String> designs = list(options.getOrDefault("designs", "cnn,lstm,transformer,resnet"));
        List<Path> beforeJars = Arrays.stream(options.get("before-jar").split(File.pathSeparator))
                .map(j -> Path.of(j).toAbsolutePath()).toList();
        for (Path jar : beforeJars) {
            if (!Files.isRegularFile(jar)) {
                throw new IllegalArgumentException("--before-jar: no such file " + jar);
            }
        }
        String beforeLabel = options.getOrDefault("before-label", options.get("before-jar"));
        BenchPlan plan = new BenchPlan("fashion-mnist-sample", Path.of(options.get("idx")), 64,
                Integer.parseInt(options.getOrDefault("warmup", "10")),
                Integer.parseInt(options.getOrDefault("measured", "30")), BenchPlan.absoluteClassPath(),
                Files.createDirectories(Path.of(options.getOrDefault("scratch", "target/bench-engine"))).toAbsolutePath());
        Path peerScript = Path.of(options.get("peer"));

        List<Lineup> lineups = new ArrayList<>();
        for (String design : designs) {
            Setup before = new Setup(design, "before", Setup.appDefault(design).tuning(), false);
            Setup after = new Setup(design, "after", Setup.appDefault(design).tuning(), false);
            lineups.add(new Lineup(design,
                    new WorkerContender(before, List.of(), BEFORE_JVM_OPTIONS, cp -> swapModuleJars(cp, beforeJars)),
                    new WorkerContender(after), new PeerContender(design, peerScript)));
        }
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
                    LOG.info("round {}/{}: {}: {} samples/s, peak RSS {} MiB", round, rounds, contender.label(),
                            String.format(Locale.ROOT, "%.1f", m.samplesPerSecond()),
                            String.format(Locale.ROOT, "%.0f", m.peakRssMib()));
                }
                double after = thisRound.get(lineup.after()).samplesPerSecond();
                afterOverPeer.computeIfAbsent(lineup.design(), d -> new ArrayList<>())
                        .add(after / thisRound.get(lineup.peer()).samplesPerSecond());
                afterOverBefore.computeIfAbsent(lineup.design(), d -> new ArrayList<>())
                        .add(after / thisRound.get(lineup.before()).samplesPerSecond());
            }
        }
        PrintStream out = System.out;
        if (rounds > 0) {
            out.printf(Locale.ROOT, "Batch %d, batches 1-%d untimed, %d timed; %d rounds; \"before\" is %s.%n%n",
                    plan.batchSize(), plan.warmup(), plan.measured(), rounds, beforeLabel);
            for (Lineup lineup : lineups) {
                out.printf(Locale.ROOT, "**%s** (samples/s; peak resident memory of the process over its run, MiB)%n%n",
                        lineup.design());
                out.println("| contender | min | median | max | peak RSS min | median | max |");
                out.println("|---|---:|---:|---:|---:|---:|---:|");
                for (Contender c : lineup.all()) {
                    List<Measurement> ms = results.get(c);
                    String name = c == lineup.before() ? "Netwright before" : c == lineup.after() ? "Netwright after"
                            : "PyTorch (2 threads)";
                    out.printf(Locale.ROOT, "| %s | %s | %s |%n", name,
                            Stats.of(ms.stream().map(Measurement::samplesPerSecond).toList()).cells("%.0f"),
                            Stats.of(ms.stream().map(Measurement::peakRssMib).toList()).cells("%.0f"));
                }
                out.printf(Locale.ROOT, "| **ratio after / PyTorch** (per round) | %s | | | |%n",
                        Stats.of(afterOverPeer.get(lineup.design())).cells("%.2f"));
                out.printf(Locale.ROOT, "| ratio after / before (per round) | %s | | | |%n%n",
                        Stats.of(afterOverBefore.get(lineup.design())).cells("%.2f"));
            }
        }
        List<Long> seeds = list(options.getOrDefault("seeds", "42,7")).stream().map(Long::parseLong).toList();
        if (!seeds.isEmpty()) {
            out.println("| sample | seed | before: validation accuracy | loss | after: validation accuracy | loss |");
            out.println("|---|---:|---:|---:|---:|---:|");
            for (Lineup lineup : lineups) {
                for (long seed : seeds) {
                    TrainingEvent.EpochEnd before = lineup.before().trainOneEpoch(plan, seed);
                    TrainingEvent.EpochEnd after = lineup.after().trainOneEpoch(plan, seed);
                    LOG.info("one epoch, {}, seed {}: before {}, after {}", lineup.design(), seed,
                            before.validationAccuracy(), after.validationAccuracy());
                    out.printf(Locale.ROOT, "| %s | %d | %.4f | %.4f | %.4f | %.4f |%n", lineup.design(), seed,
                            before.validationAccuracy(), before.validationLoss(), after.validationAccuracy(),
                            after.validationLoss());
                }
            }
        }
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
