package dev.netwright.bench.training;

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
 * Usage: {@code DoctorBenchmark DESIGN ROUNDS WARMUP MEASURED SCRATCH}.
 */
public final class DoctorBenchmark {
    private DoctorBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String design = args.length > 0 ? args[0] : "cnn";
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 6;
        int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 8;
        int measured = args.length > 3 ? Integer.parseInt(args[3]) : 70;
        Path scratch = Files.createDirectories(Path.of(args.length > 4 ? args[4] : "target/bench-doctor"))
                .toAbsolutePath();
        BenchPlan plan = new BenchPlan("fashion-mnist-sample", scratch, 64, warmup, measured,
                BenchPlan.absoluteClassPath(), scratch);
        Setup setup = Setup.appDefault(design);
        WorkerContender on = new WorkerContender(setup);
        WorkerContender off = new WorkerContender(setup,
                List.of("-D" + WorkerMain.DOCTOR_PROPERTY + "=" + WorkerMain.DOCTOR_OFF));
        List<Double> withDoctor = new ArrayList<>();
        List<Double> without = new ArrayList<>();
        System.out.printf(Locale.ROOT, "%s, batch 64, batches %d..%d timed, %d rounds%n%n", design, warmup + 1,
                warmup + measured, rounds);
        System.out.println("| round | order | doctor off, samples/s | doctor on, samples/s | on / off | signals in window |");
        System.out.println("|---|---|---|---|---|---|");
        for (int round = 1; round <= rounds; round++) {
            boolean offFirst = round % 2 == 1;
            double offRate;
            double onRate;
            if (offFirst) {
                offRate = off.measure(plan, 2 * round).samplesPerSecond();
                onRate = on.measure(plan, 2 * round + 1).samplesPerSecond();
            } else {
                onRate = on.measure(plan, 2 * round + 1).samplesPerSecond();
                offRate = off.measure(plan, 2 * round).samplesPerSecond();
            }
            withDoctor.add(onRate);
            without.add(offRate);
            long signals = signalsInWindow(scratch, 2 * round + 1, warmup, warmup + measured);
            System.out.printf(Locale.ROOT, "| %d | %s | %.0f | %.0f | %.3f | %d |%n", round,
                    offFirst ? "off, on" : "on, off", offRate, onRate, onRate / offRate, signals);
            System.out.flush();
        }
        double onMedian = Stats.of(withDoctor).median();
        double offMedian = Stats.of(without).median();
        System.out.printf(Locale.ROOT, "| median | | %.0f | %.0f | %.3f | |%n%n", offMedian, onMedian,
                onMedian / offMedian);
        System.out.printf(Locale.ROOT, "Doctor overhead (median of rounds): %.1f %% of training time%n",
                100 * (offMedian / onMedian - 1));
    }

    /** How many sampled updates the doctor made inside the timed window of that round's run (from its events). */
    private static long signalsInWindow(Path scratch, int round, int from, int to) throws Exception {
        try (Stream<Path> dirs = Files.list(scratch)) {
            Path dir = dirs.filter(d -> d.getFileName().toString().startsWith("r" + round + "-worker-")).findFirst()
                    .orElse(null);
            if (dir == null || !Files.exists(dir.resolve("events.jsonl"))) {
                return -1;
            }
            return Files.readAllLines(dir.resolve("events.jsonl")).stream()
                    .filter(line -> line.startsWith("{\"type\":\"signals\""))
                    .map(line -> line.replaceAll(".*\"iteration\":(\\d+).*", "$1"))
                    .mapToLong(Long::parseLong).filter(i -> i > from && i <= to).count();
        }
    }
}
