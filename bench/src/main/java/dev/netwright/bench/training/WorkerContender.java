package dev.netwright.bench.training;

import dev.netwright.runtime.train.Backend;
import dev.netwright.runtime.layers.LstmEngine;
import dev.netwright.runtime.train.BackendChooser;
import dev.netwright.runtime.train.EngineChoices;
import dev.netwright.runtime.train.RunRequest;
import dev.netwright.runtime.data.DataSplit;
import dev.netwright.runtime.train.TrainingEvent;
import dev.netwright.runtime.train.TrainingListener;
import dev.netwright.runtime.train.worker.WorkerClient;
import dev.netwright.runtime.train.worker.WorkerHandle;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;

/**
 * Netwright as the app trains: a worker process started by {@link WorkerClient}, timed from its iteration
 * events. The clock reads {@code System.nanoTime()} here, in the app's process, when the event for batch
 * {@code warmup} and then for batch {@code warmup + measured} arrives; the pipe's latency is in both readings
 * and cancels. So the figure includes everything the worker does per batch (assembling the batch, fit,
 * the event's JSON, the event log) and nothing before batch {@code warmup} ends. The run is then stopped.
 */
final class WorkerContender implements Contender {
    /**
     * The benchmarks' data split: every training example trains and the data's test files validate, as when the figures
     * in docs/benchmarks.md were first taken (5,000 training images of the bundled subset, validated on its 1,000 test
     * images), so that later rounds compare with them.
     */
    static final DataSplit BENCH_SPLIT = DataSplit.VALIDATE_ON_TEST;
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(15);

    private final Setup setup;
    private final LstmEngine lstmEngine;
    private final List<String> extraJvmOptions;
    private final List<String> baseJvmOptions;
    private final UnaryOperator<String> classPathChange;
    /** Changes the timed run's request (the doctor's benchmark asks for more epochs, as long runs have). */
    private UnaryOperator<RunRequest> requestChange = UnaryOperator.identity();
    private TrainingListener tap = event -> { };

    WorkerContender(Setup setup) {
        this(setup, List.of());
    }

    WorkerContender(Setup setup, List<String> extraJvmOptions) {
        this(setup, extraJvmOptions, WorkerClient.DEFAULT_JVM_OPTIONS, UnaryOperator.identity());
    }

    /** A worker whose LSTMs compile to the given engine (the LSTM benchmark compares them). */
    WorkerContender(Setup setup, LstmEngine lstmEngine) {
        this(setup, lstmEngine, List.of(), WorkerClient.DEFAULT_JVM_OPTIONS, UnaryOperator.identity());
    }

    /**
     * @param baseJvmOptions  the worker's JVM options in place of the app's ({@link WorkerClient#DEFAULT_JVM_OPTIONS})
     * @param classPathChange applied to the setup's class path, e.g. to run an earlier build's runtime jar
     */
    WorkerContender(Setup setup, List<String> extraJvmOptions, List<String> baseJvmOptions,
                    UnaryOperator<String> classPathChange) {
        this(setup, LstmEngine.DEFAULT, extraJvmOptions, baseJvmOptions, classPathChange);
    }

    private WorkerContender(Setup setup, LstmEngine lstmEngine, List<String> extraJvmOptions,
                            List<String> baseJvmOptions, UnaryOperator<String> classPathChange) {
        this.setup = setup;
        this.lstmEngine = lstmEngine;
        this.extraJvmOptions = List.copyOf(extraJvmOptions);
        this.baseJvmOptions = List.copyOf(baseJvmOptions);
        this.classPathChange = classPathChange;
    }

    Setup setup() {
        return setup;
    }

    /** This contender, with {@code listener} also given every event of its timed runs as it arrives. */
    WorkerContender withTap(TrainingListener listener) {
        this.tap = listener;
        return this;
    }

    /** This contender with {@code change} applied to the request of each timed run. */
    WorkerContender withRequest(UnaryOperator<RunRequest> change) {
        this.requestChange = change;
        return this;
    }

    @Override
    public String label() {
        return "worker " + setup.designId() + " (" + setup.name() + ")";
    }

    @Override
    public Measurement measure(BenchPlan plan, int round) throws Exception {
        long[] arrivals = new long[plan.lastBatch() + 1];
        double[] loss = new double[1];
        CompletableFuture<WorkerHandle> handle = new CompletableFuture<>();
        TrainingListener listener = event -> {
            tap.onEvent(event);
            if (event instanceof TrainingEvent.Iteration it && it.iteration() <= plan.lastBatch()) {
                arrivals[(int) it.iteration()] = System.nanoTime();
                loss[0] = it.loss();
                if (it.iteration() == plan.lastBatch()) {
                    handle.join().stop();
                }
            }
        };
        RunRequest request = requestChange.apply(RunRequest.of(setup.design(), plan.data())
                .withBatchSize(plan.batchSize()).withBackend(Backend.CPU).withSplit(BENCH_SPLIT));
        Path runDir = plan.scratch().resolve("r" + round + "-worker-" + setup.designId() + "-" + slug(setup.name()));
        double[] peakMib = new double[1];
        TrainingEvent end = start(plan, request, runDir, listener, handle, peakMib);
        if (!(end instanceof TrainingEvent.Stopped)) {
            throw new IllegalStateException(label() + " ended with " + end + " (see " + runDir + ")");
        }
        double seconds = (arrivals[plan.lastBatch()] - arrivals[plan.warmup()]) / 1e9;
        return new Measurement(plan.measuredSamples() / seconds, seconds, loss[0], peakMib[0]);
    }

    /** One whole epoch on the plan's data with the given seed: the validation accuracy and loss it reaches. */
    TrainingEvent.EpochEnd trainOneEpoch(BenchPlan plan, long seed) throws Exception {
        RunRequest request = RunRequest.of(setup.design(), plan.data()).withBatchSize(plan.batchSize())
                .withBackend(Backend.CPU)
                .withSettings(RunRequest.of(setup.design(), plan.data()).settings().withSeed(seed)).withSplit(BENCH_SPLIT);
        TrainingEvent.EpochEnd[] epoch = new TrainingEvent.EpochEnd[1];
        Path runDir = plan.scratch().resolve("epoch-" + setup.designId() + "-" + slug(setup.name()) + "-seed" + seed);
        TrainingEvent end = start(plan, request, runDir, event -> {
            if (event instanceof TrainingEvent.EpochEnd e) {
                epoch[0] = e;
            }
        }, new CompletableFuture<>(), new double[1]);
        if (!(end instanceof TrainingEvent.Finished) || epoch[0] == null) {
            throw new IllegalStateException(label() + " epoch ended with " + end + " (see " + runDir + ")");
        }
        return epoch[0];
    }

    private TrainingEvent start(BenchPlan plan, RunRequest request, Path runDir, TrainingListener listener,
                                CompletableFuture<WorkerHandle> handle, double[] peakMib) throws Exception {
        String classPath = classPathChange.apply(setup.classPath(plan.classPath())
                .orElseThrow(() -> new IOException("no plain nd4j-native jar next to the -onednn one")));
        List<String> jvmOptions = new java.util.ArrayList<>(baseJvmOptions);
        jvmOptions.addAll(extraJvmOptions);
        WorkerClient client = new WorkerClient(Path.of(System.getProperty("java.home"), "bin", "java"), classPath,
                jvmOptions, new BackendChooser(List::of, false));
        RunRequest chosen = request.withEngine(EngineChoices.of(lstmEngine, setup.resolvedTuning()));
        WorkerHandle worker = client.start(chosen, runDir, listener);
        PeakRss peak = PeakRss.watch(worker.pid());
        handle.complete(worker);
        try {
            TrainingEvent end = worker.awaitEnd(RUN_TIMEOUT);
            long deadline = System.nanoTime() + 10_000_000_000L; // the worker exits right after its last event
            while (worker.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            return end;
        } finally {
            peakMib[0] = peak.stopMib();
            if (worker.isAlive()) {
                worker.kill();
            }
        }
    }

    static String slug(String text) {
        return text.replaceAll("[^A-Za-z0-9]+", "-");
    }
}
