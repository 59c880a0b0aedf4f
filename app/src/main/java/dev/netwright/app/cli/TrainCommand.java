package dev.netwright.app.cli;

import dev.netwright.runtime.check.AugmentationFit;
import dev.netwright.runtime.check.CheckResult;
import dev.netwright.runtime.check.Checker;
import dev.netwright.runtime.compile.TrainingSettings;
import dev.netwright.runtime.data.DataException;
import dev.netwright.runtime.data.DataSources;
import dev.netwright.runtime.data.DataSplit;
import dev.netwright.runtime.data.Normalisation;
import dev.netwright.runtime.design.Augmentation;
import dev.netwright.runtime.design.DataRef;
import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.design.Distillation;
import dev.netwright.runtime.design.FineTuning;
import dev.netwright.runtime.design.LearningRateSchedule;
import dev.netwright.runtime.design.LearningRateSchedules;
import dev.netwright.runtime.design.TrainingPlan;
import dev.netwright.runtime.layers.LstmEngine;
import dev.netwright.runtime.train.Backend;
import dev.netwright.runtime.train.ClusterTraining;
import dev.netwright.runtime.train.EngineChoices;
import dev.netwright.runtime.train.RunFailure;
import dev.netwright.runtime.train.RunFolder;
import dev.netwright.runtime.train.RunRequest;
import dev.netwright.runtime.train.TrainingCost;
import dev.netwright.runtime.train.TrainingEvent;
import dev.netwright.runtime.train.TrainingPlans;
import dev.netwright.runtime.train.worker.WorkerClient;
import dev.netwright.runtime.train.worker.WorkerHandle;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** {@code netwright train DESIGN}: trains in a worker process with a progress bar; Ctrl+C stops and saves. */
@Command(name = "train", defaultValueProvider = TrainDefaults.class, description = "Train a design in a worker process; Ctrl+C stops at the next minibatch and saves the model (a second Ctrl+C quits without saving). A design saved with training settings trains with them, except where an option names another value.")
final class TrainCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Starts the workers; null for this JVM's ({@link WorkerClient#forThisJvm()}). Tests give their own. */
    private final WorkerClient workers;
    /** Trains on a cluster (--cluster); null for the cluster module found on the class path. */
    private final ClusterTraining clusterTraining;

    TrainCommand() {
        this(null);
    }

    TrainCommand(WorkerClient workers) {
        this(workers, null);
    }

    /** With the given cluster support instead of the one found on the class path (tests). */
    TrainCommand(WorkerClient workers, ClusterTraining clusterTraining) {
        this.workers = workers;
        this.clusterTraining = clusterTraining;
    }

    @Parameters(paramLabel = "DESIGN", description = "A design file, or sample:ID (see 'netwright samples').")
    String design;

    @Option(names = "--data", paramLabel = "SOURCE", description = "fashion-mnist | fashion-mnist-sample | idx:DIR | csv:FILE | images:DIR, each optionally followed by #classes=LIST (indices or names, relabelled 0..k-1) and #per-class=N (training images per class, drawn with --seed), e.g. fashion-mnist#classes=5,6,7#per-class=50 (default: the design's own, else fashion-mnist-sample)")
    String data;

    @Option(names = "--epochs", description = "Epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--batch", description = "Minibatch size (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--lr", description = "Learning rate (default: ${DEFAULT-VALUE}).")
    double learningRate;

    @Option(names = "--lr-schedule", paramLabel = "SCHEDULE", converter = LrScheduleConverter.class,
            description = {"How the learning rate changes over the run (default: the design's, else constant):",
                    "constant",
                    "step:every=N,factor=F - times F every N epochs",
                    "exponential:factor=F - times F after each epoch",
                    "cosine:warmup=E,floor=F - a linear warm-up over E epochs, then a cosine down to F times the rate",
                    "onecycle:peak=P,at=A - up to P times the rate at the fraction A of the run, then down to 1/100 of it",
                    "plateau:factor=F,patience=N - times F after N epochs without a better validation loss",
                    "Values left out take their defaults: every=2, factor=0.5 (exponential: 0.9), warmup=0.5, "
                            + "floor=0.01, peak=10, at=0.3, patience=2."})
    LearningRateSchedule lrSchedule;

    @Option(names = "--augment", paramLabel = "SPEC", converter = AugmentationConverter.class,
            description = {"Augment the training images at random, for image Inputs (default: the design's, else none):",
                    "none, or settings joined by commas: shift=PIXELS (move up to that far along each axis), flip "
                            + "(mirror half the images left to right), rotate=DEGREES (turn up to that far either way), "
                            + "crop=PIXELS (pad by that many, crop back at random), erase=PROBABILITY (blank a random "
                            + "rectangle of 2-33 %% of the image), e.g. shift=2,flip,rotate=10,crop=4,erase=0.25. "
                            + "Validation and test images are never changed."})
    Augmentation augmentation;

    @Option(names = "--optimizer", description = "ADAM, SGD, NESTEROV or RMSPROP (default: ${DEFAULT-VALUE}).")
    TrainingSettings.Optimizer optimizer;

    @Option(names = "--l2", description = "L2 regularisation (default: ${DEFAULT-VALUE}).")
    double l2;

    @Option(names = "--clip", description = "Gradient clipping threshold, 0 for none (default: ${DEFAULT-VALUE}).")
    double clipping;

    @Option(names = "--seed", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--normalise", description = "NONE, SCALE_0_1 or STANDARDISE (default: ${DEFAULT-VALUE}).")
    Normalisation normalisation;

    @Option(names = "--validation", description = "Share of the training examples held out for validation (default: ${DEFAULT-VALUE}).")
    double validationFraction;

    @Option(names = "--test-split", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Where the data has a test set of its own (Fashion-MNIST, IDX folders with t10k files), keep it for the final evaluation and validate on examples held out of the training set; --no-test-split validates on the test set, as runs before the test split did (default: on).")
    boolean testSplit;

    @Option(names = "--patience", description = "Early stopping after N epochs without a better validation loss; 0 is off.")
    int patience;

    @Option(names = "--max-train", description = "Use only the first N training samples (0: all).")
    int maxTrain;

    @Option(names = "--max-validation", description = "Use only the first N validation samples, and as many test samples (0: all).")
    int maxValidation;

    @Option(names = "--backend", description = "AUTO, CPU or GPU (default: ${DEFAULT-VALUE}).")
    Backend backend;

    @Option(names = "--lstm-engine", description = "What LSTM layers run on: ONEDNN (oneDNN's LSTM where the activation is tanh, else DL4J's), NATIVE (libnd4j's fused op for other activations too; experiments) or DL4J (default: ${DEFAULT-VALUE}).")
    LstmEngine lstmEngine;

    @Option(names = "--onednn", negatable = true, description = "On the CPU, let DL4J use its oneDNN helpers for convolutions, pooling and batch norm (default: on).")
    Boolean oneDnn;

    @Option(names = "--threads", paramLabel = "N", description = "Native threads of a CPU worker; 0 lets ND4J choose, one per core (default: chosen per design: 1 for recurrent and attention designs, else all cores but one). An OMP_NUM_THREADS set in the environment wins.")
    Integer threads;

    @Option(names = "--resume", paramLabel = "CHECKPOINT", description = "Continue from a checkpoint zip (RUN_DIR/checkpoints/epoch-NNN.zip).")
    Path resume;

    @Option(names = "--resume-lr", description = "A new learning rate for the resumed run.")
    Double resumeLearningRate;

    @Option(names = "--init-from", paramLabel = "RUN_DIR|DESIGN|MODEL", description = "Start from the weights of another run (its folder), of a design with weights, or of a DL4J model zip, node by node; nodes whose parameter shapes changed, or that it has no weights for, start from random weights and are named.")
    Path initFrom;

    @Option(names = "--freeze", paramLabel = "NODE", split = ",", description = "Nodes not trained in this run (comma-separated ids): their parameters, and BatchNorm's running statistics, stay as they start.")
    List<String> freeze = new ArrayList<>();

    @CommandLine.Mixin
    FineTuningOptions fineTuning = new FineTuningOptions();

    @CommandLine.Mixin
    DistillationOptions distillation = new DistillationOptions();

    @Option(names = "--out", paramLabel = "RUN_DIR", description = "Run folder: new or empty (default: runs/<design>-<time>, made unique).")
    Path out;

    @Option(names = "--force", description = "With --out: replace the earlier run in that folder (its run files are deleted first).")
    boolean force;

    @Option(names = "--cluster", paramLabel = "MASTER", description = "Train data-parallel on an Apache Spark cluster "
            + "with Deeplearning4j's Spark training (parameter averaging): spark://HOST:PORT (a standalone master) or "
            + "local[N]. This computer is the driver and writes the run folder as for a run here; each epoch is one "
            + "Spark job; Ctrl+C (or SIGTERM) stops it after the current averaging round and saves the model, Ctrl+C again "
            + "quits without saving. Needs Netwright's cluster module (docs/guide.md, "
            + "\"Training on a cluster\").")
    String cluster;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        try {
            Design loaded = FrozenNodes.apply(withNamedAugmentation(DesignArgument.load(design)), freeze);
            if (initFrom != null && resume != null) {
                throw new CliException(ExitCodes.BAD_INPUT, "--init-from and --resume cannot go together: a resumed run "
                        + "continues from its checkpoint's weights.");
            }
            fineTuning.requireFits(loaded, initFrom, resume);
            CheckResult check = new Checker().check(loaded);
            if (check.hasErrors()) {
                stderr.println("The design has errors; fix them first (netwright check " + design + "):");
                check.errors().forEach(d -> stderr.println("  " + (d.nodeId() == null ? "design" : d.nodeId()) + ": " + d.message()));
                return ExitCodes.DESIGN_ERRORS;
            }
            RunRequest request = request(loaded).withFineTuning(fineTuning.over(
                    loaded.training().map(TrainingPlan::fineTuning).orElse(FineTuning.NONE)));
            if (resume != null) {
                request = DistillationOptions.resumed(FineTuningOptions.resumed(request, resume), resume);
            } else { // --distil-from, else the teacher saved with the design (the worker checks that one)
                Distillation named = distillation.settings(request, resume);
                request = request.withDistillation(named != null ? named
                        : loaded.training().map(TrainingPlan::distillation).orElse(null));
            }
            Optional<String> cannotAugment = AugmentationFit.problem(request.augmentation(), request.design());
            if (cannotAugment.isPresent()) {
                stderr.println("--augment: " + cannotAugment.get());
                return ExitCodes.BAD_INPUT;
            }
            try {
                TrainingCost.requireAffordable(request);
            } catch (RunFailure tooLarge) {
                stderr.println(tooLarge.getMessage());
                return ExitCodes.DESIGN_ERRORS;
            }
            dataOutsideTheDesignsFolder(loaded).ifPresent(stdout::println);
            DataSources.requirePresent(request.data());
            StartingWeights starting = initFrom == null ? null : StartingWeights.fit(initFrom, request);
            if (cluster != null) {
                return onCluster(loaded, request, starting, stdout, stderr);
            }
            RunFolder folder = runFolder(loaded);
            if (starting != null) {
                request = starting.writeInto(folder.dir(), request);
                stdout.println(starting.describe());
            }
            ProgressPrinter progress = new ProgressPrinter(stdout, System.console() != null);
            try (StopOnSignals signals = new StopOnSignals(stderr)) {
                WorkerHandle worker = (workers != null ? workers : WorkerClient.forThisJvm())
                        .start(request, folder.dir(), progress);
                stdout.println("Run folder: " + folder.dir().toAbsolutePath() + " | " + worker.backend().message());
                signals.attach(new StopOnSignals.Run() {
                    @Override
                    public void stop() {
                        worker.stop();
                    }

                    @Override
                    public void kill() {
                        worker.kill();
                    }
                });
                return awaitEnd(worker, signals, stderr);
            }
        } catch (CliException e) {
            stderr.println(e.getMessage());
            return e.exitCode();
        } catch (RunFailure | DataException e) {
            stderr.println(e.getMessage());
            return ExitCodes.BAD_INPUT;
        } catch (IllegalArgumentException e) {
            stderr.println(e.getMessage());
            return ExitCodes.BAD_INPUT;
        } catch (IOException e) {
            stderr.println("Cannot start the training worker: " + e.getMessage());
            return ExitCodes.RUN_FAILED;
        }
    }

    /**
     * A data-parallel run: refused before anything is written where it cannot train as asked or the cluster cannot be
     * reached; then trained with this JVM as the Spark driver, into an ordinary run folder.
     */
    private int onCluster(Design loaded, RunRequest request, StartingWeights starting, PrintWriter stdout,
                          PrintWriter stderr) throws IOException, RunFailure, CliException {
        ClusterRun.refuseWhatItCannotHonour(request, spec.commandLine().getParseResult());
        ClusterTraining module = clusterTraining != null ? clusterTraining : ClusterRun.module();
        ClusterTraining.Trainer trainer;
        try {
            trainer = module.connect(cluster);
        } catch (IOException e) {
            stderr.println(e.getMessage());
            stderr.println("Nothing was trained, and no run folder was made.");
            return ExitCodes.RUN_FAILED;
        }
        try (trainer) {
            RunFolder folder = runFolder(loaded);
            RunRequest asked = request;
            if (starting != null) {
                asked = starting.writeInto(folder.dir(), request);
                stdout.println(starting.describe());
            }
            stdout.println("Run folder: " + folder.dir().toAbsolutePath() + " | cluster " + cluster);
            try (StopOnSignals signals = new StopOnSignals(stderr, "the end of the cluster's averaging round")) {
                return ClusterRun.train(trainer, asked, folder, new ProgressPrinter(stdout, System.console() != null),
                        control -> signals.attach(new StopOnSignals.Run() {
                            @Override
                            public void stop() {
                                control.stop();
                            }

                            @Override
                            public void kill() {
                                System.exit(ExitCodes.QUIT); // the Spark job ends with this JVM, its driver
                            }
                        }));
            }
        }
    }

    /**
     * Waits for the worker, while {@link StopOnSignals} takes Ctrl+C, SIGTERM and SIGHUP as "stop and save". A
     * shutdown hook covers the ways out that are not signals (System.exit elsewhere), so no worker outlives this
     * process.
     */
    private static int awaitEnd(WorkerHandle worker, StopOnSignals signals, PrintWriter stderr) {
        Thread stopOnExit = new Thread(() -> stopAndWait(worker), "stop-worker-on-exit");
        Runtime.getRuntime().addShutdownHook(stopOnExit);
        try {
            TrainingEvent end = worker.end().get();
            if (signals.killed()) {
                return ExitCodes.QUIT;
            }
            return end instanceof TrainingEvent.Failed ? ExitCodes.RUN_FAILED : ExitCodes.OK;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ExitCodes.RUN_FAILED;
        } catch (ExecutionException e) {
            stderr.println("The training worker failed: " + e.getCause().getMessage());
            return ExitCodes.RUN_FAILED;
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(stopOnExit);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs anyway
            }
        }
    }

    /** The folder named with --out (claimed: new or empty), else a new one under runs/ that no other run has. */
    private RunFolder runFolder(Design loaded) throws IOException, RunFailure {
        if (out == null) {
            String stem = RunFolder.slug(loaded.name(), "run") + "-"
                    + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
            return RunFolder.createUnique(Path.of("runs"), stem);
        }
        boolean continuesThisRun = resume != null
                && resume.toAbsolutePath().normalize().startsWith(out.toAbsolutePath().normalize());
        return continuesThisRun ? new RunFolder(out) : RunFolder.claim(out, force);
    }

    /**
     * A design from elsewhere may name any file on this computer as its data: say which one before training reads it,
     * when it lies outside the design's own folder and the user did not name the data with --data.
     */
    private Optional<String> dataOutsideTheDesignsFolder(Design loaded) {
        if (data != null || design.startsWith(DesignArgument.SAMPLE_PREFIX)) {
            return Optional.empty();
        }
        Path designFolder = designFolder();
        return loaded.data().flatMap(d -> DataSources.outside(d.source(), designFolder))
                .map(p -> "The design reads its data from " + p + ", outside the design's folder " + designFolder
                        + " (use --data to train on other data).");
    }

    /** The folder of the design file (a sample's is the working folder): the design's own data paths start there. */
    private Path designFolder() {
        return design.startsWith(DesignArgument.SAMPLE_PREFIX) ? Path.of("").toAbsolutePath()
                : Path.of(design).toAbsolutePath().normalize().getParent();
    }

    private RunRequest request(Design loaded) {
        loaded.training().ifPresent(this::takeUnnamedFrom);
        Design run = loaded.training().map(plan -> TrainingPlans.runDesign(plan, loaded)).orElse(loaded);
        String source = data != null ? DataSources.resolved(data, Path.of(""))
                : loaded.data().map(d -> DataSources.resolved(d.source(), designFolder())).orElse(DataSources.SAMPLE);
        TrainingSettings settings = TrainingSettings.defaults().withOptimizer(optimizer).withLearningRate(learningRate)
                .withL2(l2).withGradientClipping(clipping).withSeed(seed);
        return new RunRequest(run, source, settings, epochs, batch, normalisation, validationFraction, patience,
                backend, maxTrain, maxValidation, resume == null ? null : resume.toAbsolutePath().toString(),
                resumeLearningRate, engineChoices(loaded),
                lrSchedule == null ? LearningRateSchedule.constant() : lrSchedule,
                augmentation == null ? Augmentation.NONE : augmentation,
                testSplit ? DataSplit.HOLD_OUT_TEST : DataSplit.VALIDATE_ON_TEST);
    }

    /**
     * The design with the augmentation named on the command line in its saved settings, so that the checker judges
     * the augmentation this run uses ({@code --augment=none} trains a design whose saved augmentation does not fit).
     */
    private Design withNamedAugmentation(Design loaded) {
        if (augmentation == null || loaded.training().isEmpty()) {
            return loaded;
        }
        return loaded.withTraining(loaded.training().get().withAugmentation(augmentation));
    }

    /**
     * The training settings saved with the design, for every option not named on the command line (the defaults are
     * then the design's; what the user types wins).
     */
    private void takeUnnamedFrom(TrainingPlan plan) {
        CommandLine.ParseResult given = spec.commandLine().getParseResult();
        java.util.function.Predicate<String> unnamed = option -> !given.hasMatchedOption(option);
        if (unnamed.test("--epochs")) {
            epochs = plan.epochs();
        }
        if (unnamed.test("--batch")) {
            batch = plan.batchSize();
        }
        if (unnamed.test("--lr")) {
            learningRate = plan.learningRate();
        }
        if (unnamed.test("--optimizer")) {
            optimizer = TrainingPlans.optimizer(plan);
        }
        if (unnamed.test("--l2")) {
            l2 = plan.l2();
        }
        if (unnamed.test("--seed")) {
            seed = plan.seed();
        }
        if (unnamed.test("--patience")) {
            patience = plan.patience();
        }
        if (unnamed.test("--max-train")) {
            maxTrain = plan.maxTrainExamples();
        }
        if (unnamed.test("--max-validation")) {
            maxValidation = plan.maxValidationExamples();
        }
        if (unnamed.test("--backend")) {
            backend = TrainingPlans.backend(plan);
        }
        if (unnamed.test("--lr-schedule")) {
            lrSchedule = plan.lrSchedule();
        }
        if (unnamed.test("--augment")) {
            augmentation = plan.augmentation();
        }
    }

    /** The engine choices given on the command line, the design's defaults for the others. */
    private EngineChoices engineChoices(Design loaded) {
        EngineChoices defaults = EngineChoices.forDesign(loaded);
        return new EngineChoices(lstmEngine == null ? defaults.lstmEngine() : lstmEngine,
                oneDnn == null ? defaults.oneDnn() : oneDnn, threads == null ? defaults.threads() : threads);
    }

    private static void stopAndWait(WorkerHandle worker) {
        if (!worker.isAlive()) {
            return;
        }
        worker.stop();
        try {
            worker.end().get(10, TimeUnit.SECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            worker.kill();
        }
    }

    /** Reads {@code --augment}; a wrong spec is refused naming the part that is wrong. */
    static final class AugmentationConverter implements CommandLine.ITypeConverter<Augmentation> {
        @Override
        public Augmentation convert(String value) {
            try {
                return Augmentation.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    /** Reads {@code --lr-schedule}; a wrong spec is refused with what is wrong in it. */
    static final class LrScheduleConverter implements CommandLine.ITypeConverter<LearningRateSchedule> {
        @Override
        public LearningRateSchedule convert(String value) {
            try {
                return LearningRateSchedules.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
