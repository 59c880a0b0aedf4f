package dev.netwright.bench.training;

import dev.netwright.runtime.train.NativeTuning;
import dev.netwright.runtime.train.TrainingEvent;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Where one epoch of a sample design spends its time in the worker: runs the worker under Java Flight
 * Recorder (execution and native-method samples every 10 ms, {@code bench/sampling.jfc}) with the app's
 * default settings and with DL4J's defaults, and prints Markdown tables of the samples taken inside the
 * training loop. A thread inside ND4J's native code is sampled as a JNI frame (the native method it called);
 * the OpenMP threads that native code runs on are not Java threads and are not sampled at all.
 * {@code EpochProfile --design=cnn --jfc=bench/sampling.jfc --scratch=DIR [--compare=false]}.
 */
public final class EpochProfile {
    private static final String LOOP = "dev.netwright.runtime.train.TrainingSession$Loop.run";
    private static final int TOP = 15;

    private EpochProfile() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        }
        String design = options.getOrDefault("design", "cnn");
        Path jfc = Path.of(options.getOrDefault("jfc", "bench/sampling.jfc")).toAbsolutePath();
        Path scratch = Files.createDirectories(Path.of(options.getOrDefault("scratch", "target/bench-profile")))
                .toAbsolutePath(); // the worker runs in its own folder
        BenchPlan plan = new BenchPlan("fashion-mnist-sample", scratch, 64, 1, 1, BenchPlan.absoluteClassPath(),
                scratch);
        PrintStream out = System.out;
        // --compare=false profiles the app default only (DL4J's 2 default threads crawl on a busy machine)
        List<Setup> setups = Boolean.parseBoolean(options.getOrDefault("compare", "true"))
                ? List.of(Setup.appDefault(design), Setup.fixed(design, NativeTuning.libraryDefaults()))
                : List.of(Setup.appDefault(design));
        for (Setup setup : setups) {
            Path recording = scratch.resolve("epoch-" + design + "-" + WorkerContender.slug(setup.name()) + ".jfr");
            Files.deleteIfExists(recording);
            String flightRecorder = "-XX:StartFlightRecording=dumponexit=true,filename=" + recording + ",settings=" + jfc;
            // JFR announces itself on stdout, the worker's event protocol, unless its startup log is set up
            List<String> jvmOptions = List.of(flightRecorder, "-Xlog:jfr+startup=error:stdout");
            TrainingEvent.EpochEnd epoch = new WorkerContender(setup, jvmOptions)
                    .trainOneEpoch(plan, TrainingBenchmark.SEED);
            out.printf(Locale.ROOT, "### %s, %s (epoch %.1f s incl. validation, validation accuracy %.4f)%n%n", design,
                    setup.resolvedTuning().describe(), epoch.seconds(), epoch.validationAccuracy());
            summarise(recording, out);
        }
    }

    static void summarise(Path recording, PrintStream out) throws IOException {
        Map<String, Integer> phases = new LinkedHashMap<>();
        Map<String, Integer> self = new HashMap<>();
        Map<String, Integer> dl4jCaller = new HashMap<>();
        Map<String, Integer> nd4jCall = new HashMap<>();
        int inLoop = 0;
        int fitSamples = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(recording)) {
            String type = event.getEventType().getName();
            if (!type.equals("jdk.ExecutionSample") && !type.equals("jdk.NativeMethodSample")) {
                continue;
            }
            RecordedStackTrace stack = event.getStackTrace();
            if (stack == null || stack.getFrames().stream().noneMatch(f -> name(f).equals(LOOP))) {
                continue;
            }
            inLoop++;
            List<RecordedFrame> frames = stack.getFrames();
            String phase = phase(frames);
            phases.merge(phase, 1, Integer::sum);
            if (!phase.equals("fit (forward, backward, update)")) {
                continue;
            }
            fitSamples++;
            RecordedFrame top = frames.get(0);
            self.merge("`" + name(top) + "`" + (isNative(top) ? " (JNI: native code)" : ""), 1, Integer::sum);
            frames.stream().map(EpochProfile::name).filter(n -> n.startsWith("org.deeplearning4j.")).findFirst()
                    .ifPresent(n -> dl4jCaller.merge("`" + n + "`", 1, Integer::sum));
            frames.stream().map(EpochProfile::name).filter(n -> !isPlumbing(n)).findFirst()
                    .ifPresent(n -> nd4jCall.merge("`" + n + "`", 1, Integer::sum));
        }
        out.printf(Locale.ROOT, "%d samples on the training thread inside the training loop (10 ms apart).%n%n", inLoop);
        out.println("| phase | samples | share |");
        out.println("|---|---:|---:|");
        int total = inLoop;
        phases.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .forEach(e -> out.printf(Locale.ROOT, "| %s | %d | %.1f %% |%n", e.getKey(), e.getValue(),
                        100.0 * e.getValue() / total));
        out.println();
        table(out, "Top frames inside fit (self time; share of fit samples)", self, fitSamples);
        table(out, "Inside fit, by the DL4J method nearest the top of the stack (share of fit samples)", dl4jCaller,
                fitSamples);
        table(out, "Inside fit, by the method that asked ND4J for the work (the first frame below the JNI call and "
                + "ND4J's executioner; share of fit samples)", nd4jCall, fitSamples);
    }

    private static String phase(List<RecordedFrame> frames) {
        Function<String, Boolean> has = prefix -> frames.stream().anyMatch(f -> name(f).startsWith(prefix));
        if (has.apply("org.deeplearning4j.nn.graph.ComputationGraph.fit")) {
            return "fit (forward, backward, update)";
        }
        if (has.apply("dev.netwright.runtime.train.Evaluator.")) {
            return "end-of-epoch evaluation (train sample + validation)";
        }
        if (has.apply("dev.netwright.runtime.data.ExampleIterator.")) {
            return "assembling batches (ExampleIterator)";
        }
        if (has.apply("dev.netwright.runtime.train.Checkpoints.") || has.apply("dev.netwright.runtime.train.RunFolder.")) {
            return "checkpoint and model files";
        }
        return "other (events, loop)";
    }

    private static void table(PrintStream out, String title, Map<String, Integer> counts, int total) {
        out.println("**" + title + "**");
        out.println();
        out.println("| frame | samples | share |");
        out.println("|---|---:|---:|");
        counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(TOP)
                .forEach(e -> out.printf(Locale.ROOT, "| %s | %d | %.1f %% |%n", e.getKey(),
                        e.getValue(), 100.0 * e.getValue() / Math.max(1, total)));
        out.println();
    }

    /** Frames between an ND4J operation and the native call: the executioner, the bindings, JavaCPP. */
    private static boolean isPlumbing(String method) {
        return method.startsWith("org.nd4j.linalg.cpu.nativecpu.") || method.startsWith("org.bytedeco.")
                || method.startsWith("org.nd4j.linalg.factory.Nd4j.") || method.startsWith("org.nd4j.nativeblas.")
                || method.startsWith("org.nd4j.linalg.api.ops.executioner.") || method.startsWith("java.")
                || method.startsWith("jdk.");
    }

    private static boolean isNative(RecordedFrame frame) {
        return "Native".equals(frame.getType());
    }

    private static String name(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }
}
