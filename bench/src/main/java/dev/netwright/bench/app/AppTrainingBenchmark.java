package dev.netwright.bench.app;

import dev.netwright.app.files.AppHome;
import dev.netwright.app.files.Autosave;
import dev.netwright.app.files.RecentFiles;
import dev.netwright.app.training.RunLauncher;
import dev.netwright.app.training.RunState;
import dev.netwright.app.window.AppContext;
import dev.netwright.app.window.MainWindow;
import dev.netwright.app.window.Workspace;
import dev.netwright.runtime.data.DataSources;
import dev.netwright.runtime.train.EventReader;
import dev.netwright.runtime.train.RunFolder;
import dev.netwright.runtime.train.RunRequest;
import dev.netwright.runtime.train.TrainingEvent;
import dev.netwright.runtime.train.worker.WorkerClient;
import dev.netwright.samples.Samples;
import javafx.application.Platform;
import javafx.stage.Stage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Training throughput with the main window open and its charts live, against the command line's way (a
 * worker whose events are only printed), on the same design, data and settings, alternating A/B in one JVM.
 * Throughput is the worker's own: training samples per second of epoch time, from the run's events.jsonl.
 * Run by bench/app.sh under Xvfb.
 */
public final class AppTrainingBenchmark {
    /** CPU time of the window's JVM during each window run, as a share of one core. */
    private static final List<Double> windowCpuShare = new ArrayList<>();

    private AppTrainingBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String sample = args.length > 0 ? args[0] : "cnn";
        int pairs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int epochs = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        CompletableFuture<Void> started = new CompletableFuture<>();
        Platform.startup(() -> started.complete(null));
        started.get(30, TimeUnit.SECONDS);
        Platform.setImplicitExit(false); // each window leg closes its window; the toolkit must stay for the next
        Path work = Files.createTempDirectory("netwright-app-bench-");
        System.out.printf(Locale.ROOT, "sample %s, %d epoch(s) of the bundled subset (5,000 images), batch 64, %d pairs, %d cores%n%n",
                sample, epochs, pairs, Runtime.getRuntime().availableProcessors());
        // Legs per round, in rotating order: the CLI, the window as shipped (charts redrawn at most 4 times a
        // second during a run), and the window redrawing its charts on every 10 Hz batch.
        String[] legs = {"CLI", "window (charts at 4 Hz, as shipped)", "window (charts at 10 Hz)"};
        javafx.util.Duration[] intervals = {null, dev.netwright.app.training.TrainingPanel.CHART_INTERVAL, javafx.util.Duration.millis(100)};
        System.out.println("| round | order | CLI samples/s | window, charts 4 Hz (shipped) | window, charts 10 Hz |");
        System.out.println("|---|---|---|---|---|");
        List<List<Double>> ratios = List.of(new ArrayList<>(), new ArrayList<>());
        for (int pair = 1; pair <= pairs; pair++) {
            double[] rate = new double[3];
            StringBuilder order = new StringBuilder();
            for (int k = 0; k < 3; k++) {
                int leg = (k + pair - 1) % 3;
                order.append(k == 0 ? "" : ", ").append(leg == 0 ? "CLI" : leg == 1 ? "4 Hz" : "10 Hz");
                if (leg == 0) {
                    rate[0] = cli(sample, epochs, work.resolve("round" + pair + "-cli"));
                } else {
                    rate[leg] = window(sample, epochs, work.resolve("home" + pair + "-" + leg), intervals[leg]);
                }
            }
            ratios.get(0).add(rate[1] / rate[0]);
            ratios.get(1).add(rate[2] / rate[0]);
            System.out.printf(Locale.ROOT, "| %d | %s | %.0f | %.0f (%.3f) | %.0f (%.3f) |%n", pair, order, rate[0],
                    rate[1], rate[1] / rate[0], rate[2], rate[2] / rate[0]);
        }
        for (int i = 0; i < 2; i++) {
            List<Double> r = ratios.get(i);
            r.sort(Double::compare);
            System.out.printf(Locale.ROOT, "%nmedian %s / CLI: %.3f (range %.3f–%.3f)", legs[i + 1], r.get(r.size() / 2),
                    r.get(0), r.get(r.size() - 1));
        }
        System.out.println();
        System.out.printf(Locale.ROOT, "window JVM's CPU from Train to the run's end, per window leg in order: %s of one core%n",
                windowCpuShare.stream().map(v -> String.format(Locale.ROOT, "%.0f%%", v * 100)).toList());
        Platform.exit();
        System.exit(0);
    }

    private static RunRequest request(String sample, int epochs) {
        return RunRequest.of(Samples.load(sample), DataSources.SAMPLE).withEpochs(epochs).withBatchSize(64);
    }

    /** As {@code netwright train}: a worker, events read and dropped (the CLI prints a line per epoch). */
    private static double cli(String sample, int epochs, Path runDir) throws Exception {
        var worker = WorkerClient.forThisJvm().start(request(sample, epochs), runDir, event -> { });
        TrainingEvent end = worker.awaitEnd(Duration.ofMinutes(20));
        if (!(end instanceof TrainingEvent.Finished)) {
            throw new IllegalStateException("CLI run ended with " + end);
        }
        return throughput(runDir);
    }

    /** The main window on the sample, charts live, Train pressed; waits (off the FX thread) until the run is over. */
    private static double window(String sample, int epochs, Path home, javafx.util.Duration chartInterval) throws Exception {
        AtomicReference<MainWindow> window = new AtomicReference<>();
        onFx(() -> {
            AppHome appHome = new AppHome(home);
            try {
                AppContext context = new AppContext(appHome, new RecentFiles(appHome.recentFile()),
                        new Autosave(appHome.recoveryDir()), RunLauncher.worker(), AppContext.backgroundThreads(), Platform::runLater);
                Stage stage = new Stage();
                MainWindow w = new MainWindow(stage, context, null);
                stage.show();
                w.openSample(sample);
                Workspace ws = w.workspace().orElseThrow();
                ws.trainingPanel().form().setQuickRun(epochs, 0, 0);
                ws.trainingPanel().setChartInterval(chartInterval);
                ws.train();
                window.set(w);
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        });
        Workspace ws = window.get().workspace().orElseThrow();
        java.time.Duration cpu0 = ProcessHandle.current().info().totalCpuDuration().orElse(java.time.Duration.ZERO);
        long wall0 = System.nanoTime();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(20);
        while (true) {
            Thread.sleep(250);
            RunState state = call(() -> ws.training().state());
            if (state == RunState.IDLE) {
                break;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the window's run did not end");
            }
        }
        double cpu = (ProcessHandle.current().info().totalCpuDuration().orElse(java.time.Duration.ZERO).minus(cpu0)).toMillis() / 1000.0;
        double wall = (System.nanoTime() - wall0) / 1e9;
        windowCpuShare.add(cpu / wall);
        Path runDir = call(() -> ws.training().runDirProperty().get());
        onFx(() -> window.get().stage().close());
        return throughput(runDir);
    }

    /** Training samples per second of epoch time, over all epochs of the run. */
    static double throughput(Path runDir) throws Exception {
        int samplesPerEpoch = 0;
        double seconds = 0;
        int epochs = 0;
        List<TrainingEvent> events = EventReader.readAll(new RunFolder(runDir).events(), bad -> {
            throw new IllegalStateException(bad.getMessage());
        });
        for (TrainingEvent event : events) {
            if (event instanceof TrainingEvent.RunStarted s) {
                samplesPerEpoch = s.samplesPerEpoch();
            } else if (event instanceof TrainingEvent.EpochEnd e) {
                seconds += e.seconds();
                epochs++;
            }
        }
        return samplesPerEpoch * epochs / seconds;
    }

    private static void onFx(Runnable action) throws Exception {
        call(() -> {
            action.run();
            return null;
        });
    }

    private static <T> T call(java.util.concurrent.Callable<T> action) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                result.complete(action.call());
            } catch (Exception | Error e) {
                result.completeExceptionally(e);
            }
        });
        return result.get(60, TimeUnit.SECONDS);
    }
}
