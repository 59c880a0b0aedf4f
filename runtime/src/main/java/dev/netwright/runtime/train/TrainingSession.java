package dev.netwright.runtime.train;

import dev.netwright.runtime.check.AugmentationFit;
import dev.netwright.runtime.layers.Shape;
import dev.netwright.runtime.compile.CompiledDesign;
import dev.netwright.runtime.compile.DesignCompiler;
import dev.netwright.runtime.compile.DesignErrorsException;
import dev.netwright.runtime.compile.LayerRates;
import dev.netwright.runtime.compile.LearningRates;
import dev.netwright.runtime.design.LearningRateSchedule;
import dev.netwright.runtime.data.DataFit;
import dev.netwright.runtime.data.ExampleIterator;
import dev.netwright.runtime.data.Examples;
import dev.netwright.runtime.data.TrainValidation;
import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.design.Node;
import dev.netwright.runtime.layers.kinds.InputKind;
import dev.netwright.runtime.layers.kinds.OutputKind;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.IUpdater;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

/**
 * One training run in this JVM: loads and checks the data, compiles the design, trains epoch by epoch
 * with pause/stop between minibatches, validates, checkpoints, stops early or on a NaN loss, evaluates
 * and saves the model. Everything it has to say goes to the listener as {@link TrainingEvent}s.
 */
public final class TrainingSession {
    private static final Logger LOG = LoggerFactory.getLogger(TrainingSession.class);
    /** Training accuracy per epoch is measured on at most this many training examples. */
    private static final int TRAIN_ACCURACY_SAMPLE = 2000;
    /** A validation loss must drop by more than this to count as better for early stopping. */
    private static final double MIN_IMPROVEMENT = 1e-6;

    private final RunRequest request;
    private final RunFolder folder;
    private final TrainingListener listener;
    private final RunControl control = new RunControl();
    private final CheckpointWriter checkpoints;
    private final Function<RunRequest, BatchAugmenter> augmenters;
    /**
     * Sees, and may change, the parameters around each update (pruning masks, the training doctor's sampling);
     * {@link ParameterHook#NONE} where nothing watches.
     */
    private final ParameterHook hook;
    /** The clock of {@link EpochTimes}, in nanoseconds: {@code System::nanoTime} but in tests. */
    private final LongSupplier nanos;
    /** Trains each epoch elsewhere (a cluster) instead of the minibatch loop here; null for a run on this machine. */
    private final EpochTrainer elsewhere;
    /** The newest checkpoint this run wrote, if any, for messages about a run that failed after it. */
    private Path lastCheckpoint;

    /** Writes one checkpoint; a seam so that tests can make a write fail as a full disk would. */
    @FunctionalInterface
    interface CheckpointWriter {
        Path write(ComputationGraph graph, Path dir, int epoch, long iteration) throws IOException;
    }

    public TrainingSession(RunRequest request, Path runDir, TrainingListener listener) {
        this(request, runDir, listener, Checkpoints::write);
    }

    /** A run whose parameters {@code hook} sees or changes where it starts and around every update. */
    public TrainingSession(RunRequest request, Path runDir, TrainingListener listener, ParameterHook hook) {
        this(request, runDir, listener, Checkpoints::write,
                r -> new BatchAugmenter(r.augmentation(), r.settings().seed()), hook);
    }

    TrainingSession(RunRequest request, Path runDir, TrainingListener listener, CheckpointWriter checkpoints) {
        this(request, runDir, listener, checkpoints, r -> new BatchAugmenter(r.augmentation(), r.settings().seed()));
    }

    /** A session whose training minibatches go through the augmenter {@code augmenters} makes (a seam for tests). */
    TrainingSession(RunRequest request, Path runDir, TrainingListener listener, CheckpointWriter checkpoints,
                    Function<RunRequest, BatchAugmenter> augmenters) {
        this(request, runDir, listener, checkpoints, augmenters, ParameterHook.NONE);
    }

    private TrainingSession(RunRequest request, Path runDir, TrainingListener listener, CheckpointWriter checkpoints,
                            Function<RunRequest, BatchAugmenter> augmenters, ParameterHook hook) {
        this(request, runDir, listener, checkpoints, augmenters, hook, System::nanoTime);
    }

    /**
     * A session whose loop times its waiting for data and its updates on {@code nanos} (a seam for tests: a slow input
     * pipeline without sleeping).
     */
    TrainingSession(RunRequest request, Path runDir, TrainingListener listener, CheckpointWriter checkpoints,
                    Function<RunRequest, BatchAugmenter> augmenters, ParameterHook hook, LongSupplier nanos) {
        this(request, runDir, listener, checkpoints, augmenters, hook, nanos, null);
    }

    private TrainingSession(RunRequest request, Path runDir, TrainingListener listener, CheckpointWriter checkpoints,
                            Function<RunRequest, BatchAugmenter> augmenters, ParameterHook hook, LongSupplier nanos,
                            EpochTrainer elsewhere) {
        this.elsewhere = elsewhere;
        this.request = request;
        this.nanos = java.util.Objects.requireNonNull(nanos, "nanos");
        this.hook = java.util.Objects.requireNonNull(hook, "hook");
        this.folder = new RunFolder(runDir);
        this.listener = listener;
        this.checkpoints = checkpoints;
        this.augmenters = augmenters;
    }

    /**
     * A run whose epochs {@code elsewhere} trains (data-parallel on a cluster): stop is taken between epochs and
     * wherever the trainer asks within one ({@link EpochTrainer.Progress#stopRequested()}), and
     * nothing watches the parameters ({@link ParameterHook#NONE}). The requests it cannot train are refused first
     * ({@link ClusterTraining#unsupported}).
     */
    public TrainingSession(RunRequest request, Path runDir, TrainingListener listener, EpochTrainer elsewhere) {
        this(request, runDir, listener, Checkpoints::write,
                r -> new BatchAugmenter(r.augmentation(), r.settings().seed()), ParameterHook.NONE, System::nanoTime,
                java.util.Objects.requireNonNull(elsewhere, "elsewhere"));
    }

    public RunControl control() {
        return control;
    }

    /** Runs to the end and returns the terminal event (also sent to the listener). */
    public TrainingEvent run() {
        TrainingEvent end;
        try {
            if (!Files.exists(folder.dir().resolve(RunRequestJson.FILE_NAME))) {
                new RunRequestJson().write(request, folder.dir()); // a run folder always says what it ran
            }
            end = train();
        } catch (RunFailure e) {
            end = TrainingEvent.Failed.because(e.getMessage());
        } catch (IOException e) {
            LOG.error("run folder problem", e);
            end = TrainingEvent.Failed.because("Cannot write to the run folder " + folder.dir() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            end = TrainingEvent.Failed.because("The run was interrupted.");
        } catch (OutOfMemoryError e) {
            // JavaCPP's own (off-heap) OutOfMemoryError is thrown by Java code: the JVM's ExitOnOutOfMemoryError
            // does not see it, so it arrives here
            LOG.error("out of memory", e);
            end = TrainingEvent.Failed.because("Training ran out of memory (" + e.getMessage() + "). The network, "
                    + "its optimizer state and a minibatch of activations need more than this machine gives the "
                    + "worker: try a smaller batch size, or fewer or smaller layers (netwright check estimates the "
                    + "memory)." + lastCheckpointNote());
        } catch (RuntimeException e) {
            LOG.error("training failed", e);
            end = TrainingEvent.Failed.because("Training failed inside Deeplearning4j: " + e.getMessage()
                    + ". The log in " + folder.dir() + " has the details." + lastCheckpointNote());
        }
        emit(end);
        return end;
    }

    private TrainingEvent train() throws RunFailure, IOException, InterruptedException {
        Node inputNode = single(InputKind.ID, "an Input");
        Node outputNode = single(OutputKind.ID, "an Output");
        Shape input = InputKind.shapeOf(inputNode);
        if (!OutputKind.SOFTMAX.equals(outputNode.params().get("loss"))) {
            throw new RunFailure("Training on class-labelled data needs the Output '" + outputNode.id()
                    + "' to use softmax + cross-entropy.");
        }
        int units = (Integer) outputNode.params().get("units");
        Optional<String> cannotAugment = AugmentationFit.problem(request.augmentation(), inputNode.id(), input);
        if (cannotAugment.isPresent()) {
            throw new RunFailure(cannotAugment.get() + " Nothing was trained.");
        }
        TrainingCost.requireAffordable(request);
        if (elsewhere != null && !ClusterTraining.unsupported(request).isEmpty()) {
            throw new RunFailure("A data-parallel run cannot train with " + String.join(", ",
                    ClusterTraining.unsupported(request)) + ". Nothing was trained.");
        }

        emit(new TrainingEvent.Notice("Reading the data: " + request.data()));
        TrainValidation data = RunData.load(request, input);
        Optional<String> mismatch = DataFit.problem(input, outputNode.id(), units, data.train());
        if (mismatch.isPresent()) {
            throw new RunFailure(mismatch.get() + ". Nothing was trained.");
        }
        // the teacher is read and checked before anything trains; null for a run that does not distil
        Distiller distiller = request.distillation() == null ? null
                : Distiller.of(request, outputNode, data.train().classNames());

        emit(new TrainingEvent.Notice(String.format(java.util.Locale.ROOT,
                "Building the network: %,d layers", request.design().nodes().size())));
        CompiledDesign compiled = compile(request.design());
        if (request.resumeFrom() != null && request.fineTuning().changesFrozenNodes()
                && request.design().weights().isEmpty()) {
            throw new RunFailure("A resumed fine-tuning run needs the design's weights, which name the pretrained nodes "
                    + "its schedule holds back; resume it with the run.json it recorded (netwright train --resume).");
        }
        StartingPoint start = StartingPoint.of(request, compiled);
        FreezeSchedule schedule = new FreezeSchedule(request.design(), request.fineTuning(),
                start.pretrainedNodes(), compiled.check().topologicalOrder());
        long iterationsPerEpoch = (data.train().size() + request.batchSize() - 1) / request.batchSize();

        Progress progress = new Progress(1, 0);
        ComputationGraph graph;
        if (request.resumeFrom() != null) {
            Checkpoints.Restored restored = Checkpoints.restore(Path.of(request.resumeFrom()));
            graph = restored.graph();
            progress = new Progress(restored.epoch() + 1, restored.iteration());
            if (request.resumeLearningRate() != null) {
                LayerRates.set(graph, schedule.designAt(progress.epoch), request.resumeLearningRate());
            }
        } else {
            Design first = schedule.designAt(1);
            CompiledDesign firstCompiled = request.fineTuning().isNone() ? compiled : compile(first);
            graph = firstCompiled.newNetwork();
            start.applyTo(graph, first);
            firstCompiled.check().describeFrozen().ifPresent(frozen -> emit(new TrainingEvent.Notice(frozen)));
            schedule.describeStart().ifPresent(plan -> emit(new TrainingEvent.Notice(plan)));
            LearningRates.schedule(request.lrSchedule(), request.settings().learningRate(), iterationsPerEpoch,
                    request.epochs()).ifPresent(rates -> LayerRates.set(graph, first, rates));
        }
        hook.started(graph, request.design(), progress.iteration, iterationsPerEpoch * request.epochs());
        double learningRate = request.resumeLearningRate() != null ? request.resumeLearningRate()
                : request.settings().learningRate();

        emit(new TrainingEvent.RunStarted(Devices.currentBackend(),
                elsewhere != null ? elsewhere.where() : Devices.currentDevice(), graph.params().length(),
                data.train().size(), data.validation().size(), progress.epoch, request.epochs(), request.batchSize(),
                data.description()));
        // after RunStarted, so that the window's run line keeps saying it while the run trains
        if (request.resumeFrom() == null) {
            start.note().ifPresent(note -> emit(new TrainingEvent.Notice(note)));
        }
        if (distiller != null) {
            emit(new TrainingEvent.Notice(distiller.describe(graph.numParams())));
        }
        emit(new TrainingEvent.ClassCounts(data.train().classNames(), data.train().classCounts()));
        if (progress.epoch > request.epochs()) {
            throw new RunFailure("The checkpoint is from epoch " + (progress.epoch - 1) + ", but the run has only "
                    + request.epochs() + " epochs; ask for more epochs to continue.");
        }
        return new Loop(graph, data, input, learningRate, progress, new FineTuningSteps(request, schedule,
                iterationsPerEpoch, progress.epoch, request.resumeFrom() != null, this::compile), distiller).run();
    }

    private CompiledDesign compile(Design design) throws RunFailure {
        try {
            return new DesignCompiler().compile(design, request.settings(), request.engine().lstmEngine());
        } catch (DesignErrorsException e) {
            throw new RunFailure("The design cannot be trained: " + e.diagnostics().stream()
                    .map(d -> (d.nodeId() == null ? "" : d.nodeId() + ": ") + d.message())
                    .collect(Collectors.joining("; ")));
        }
    }

    private Node single(String kind, String what) throws RunFailure {
        List<Node> nodes = request.design().nodes().stream().filter(n -> n.kind().equals(kind)).toList();
        if (nodes.size() != 1) {
            throw new RunFailure("Training needs exactly one " + kind + " node; the design has " + nodes.size()
                    + (nodes.isEmpty() ? ". Add " + what + "." : "."));
        }
        return nodes.get(0);
    }

    private void emit(TrainingEvent event) {
        listener.onEvent(event);
    }

    private String lastCheckpointNote() {
        return lastCheckpoint == null ? "" : " The last checkpoint, " + lastCheckpoint + ", keeps the epochs trained "
                + "before (netwright train --resume).";
    }

    /** Where a run is: the next epoch to train and the iterations done so far. */
    private static final class Progress {
        int epoch;
        long iteration;

        Progress(int epoch, long iteration) {
            this.epoch = epoch;
            this.iteration = iteration;
        }
    }

    /** The epoch loop, with its running state. */
    private final class Loop {
        /** The network being trained; rebuilt where the fine-tuning schedule lets more nodes train. */
        private ComputationGraph graph;
        private final FineTuningSteps fineTuning;
        private final TrainValidation data;
        private final Shape input;
        /** The rate the run started with; reduce-on-plateau lowers it. */
        private double learningRate;
        /** The updater the reported rate comes from ({@link #currentRate}); null when none has a rate. */
        private IUpdater rateSource;
        private boolean rateSourceFound;
        /** The last epoch trained elsewhere ended before its last minibatch because the run was asked to stop. */
        private boolean epochCutShort;
        private final Progress progress;
        /** The iterations done when this run began (a resumed run's checkpoint's): none since means no update. */
        private final long iterationAtStart;
        /** Changes the training minibatches' images; null for a run without augmentation. */
        private final BatchAugmenter augmenter;
        private final Throughput throughput = new Throughput();
        private final EpochTimes times = new EpochTimes(nanos);
        private final DivergenceGuard divergence;
        /** Trains each minibatch against the teacher too; null for a run that does not distil. */
        private final Distiller distiller;
        private double bestValidationLoss = Double.POSITIVE_INFINITY;
        private int bestEpoch;
        private INDArray bestParams;
        private double plateauBest = Double.POSITIVE_INFINITY;
        /** Each validation example's loss at the epoch with the lowest validation loss so far (the doctor's best). */
        private double[] lowestValidationLosses;
        private double lowestValidationLoss = Double.POSITIVE_INFINITY;
        private int epochsWithoutImprovement;

        Loop(ComputationGraph graph, TrainValidation data, Shape input, double learningRate, Progress progress,
             FineTuningSteps fineTuning, Distiller distiller) {
            this.graph = graph;
            this.fineTuning = fineTuning;
            this.data = data;
            this.input = input;
            this.learningRate = learningRate;
            this.progress = progress;
            this.iterationAtStart = progress.iteration;
            this.distiller = distiller;
            int classes = data.train().numClasses();
            this.divergence = distiller == null ? new DivergenceGuard(classes)
                    : new DivergenceGuard(distiller.guessingLoss(classes));
            this.augmenter = request.augmentation().isNone() ? null : augmenters.apply(request);
        }

        TrainingEvent run() throws RunFailure, IOException, InterruptedException {
            ExampleIterator batches = new ExampleIterator(data.train(), input, request.batchSize(), true,
                    request.settings().seed());
            for (int skipped = 1; skipped < progress.epoch; skipped++) {
                batches.reset(); // the same shuffles as an uninterrupted run
            }
            for (; progress.epoch <= request.epochs(); progress.epoch++) {
                followSchedule();
                // fit(DataSet) leaves the epoch count alone; schedules by epoch read it
                graph.getConfiguration().setEpochCount(progress.epoch - 1);
                if (augmenter != null) {
                    augmenter.startEpoch(progress.epoch);
                }
                long epochStart = System.nanoTime();
                times.reset();
                double trainLoss;
                if (elsewhere != null) {
                    if (control.isStopRequested()) {
                        return stopped();
                    }
                    trainLoss = fitElsewhere(batches);
                    if (epochCutShort) {
                        return stopped(); // the trainer ended the epoch early: the network as trained so far
                    }
                } else {
                    double lossSum = 0;
                    int examplesSeen = 0;
                    while (batches.hasNext()) {
                        if (awaitAndCheckStop()) {
                            return stopped();
                        }
                        long mark = times.now();
                        DataSet batch = batches.next();
                        if (augmenter != null) {
                            batch = augmenter.augment(batch); // training minibatches only: evaluation reads the data as it is
                        }
                        mark = times.waitedSince(mark);
                        long t0 = System.nanoTime();
                        double rate = currentRate();
                        hook.updating(graph, batch, progress.iteration + 1);
                        if (distiller != null) {
                            distiller.fit(graph, batch);
                        } else {
                            graph.fit(batch);
                        }
                        double loss = graph.score();
                        progress.iteration++;
                        hook.updated(graph, progress.iteration);
                        times.computedSince(mark);
                        int n = batch.numExamples();
                        if (!Double.isFinite(loss)) {
                            throw new RunFailure(nanMessage(loss));
                        }
                        lossSum += loss * n;
                        examplesSeen += n;
                        emit(new TrainingEvent.Iteration(progress.epoch, progress.iteration, loss, rate,
                                throughput.record(n, System.nanoTime() - t0)));
                        if (divergence.diverged(loss)) {
                            throw new RunFailure(divergenceMessage());
                        }
                        if (control.takeCheckpointRequest()) {
                            checkpoint();
                        }
                    }
                    trainLoss = lossSum / Math.max(1, examplesSeen);
                }
                batches.reset();
                TrainingEvent.EpochEnd end = endOfEpoch(trainLoss, epochStart);
                emit(end);
                checkpoint();
                if (earlyStop(end)) {
                    graph.setParams(bestParams);
                    return finish("early stopping: the validation loss has not improved for "
                            + request.earlyStoppingPatience() + " epochs; kept the model of epoch " + bestEpoch,
                            bestEpoch, TrainingEvent.Evaluation.BEST);
                }
                reduceOnPlateau(end);
            }
            progress.epoch = request.epochs();
            return finish("completed " + request.epochs() + (request.epochs() == 1 ? " epoch" : " epochs"),
                    progress.epoch, TrainingEvent.Evaluation.LAST);
        }

        /**
         * One epoch trained by {@link #elsewhere} on this epoch's minibatches, each minibatch it reports trained an
         * iteration event as in a local run (one event for the epoch where it reports none); returns its training loss.
         * Where the trainer, asked to stop, returned before the epoch's end, {@link #epochCutShort} says so.
         */
        private double fitElsewhere(ExampleIterator batches) throws RunFailure, InterruptedException {
            long mark = times.now();
            List<DataSet> minibatches = new ArrayList<>();
            int examples = 0;
            while (batches.hasNext()) {
                DataSet batch = batches.next();
                examples += batch.numExamples();
                minibatches.add(batch);
            }
            mark = times.waitedSince(mark);
            long first = progress.iteration;
            ReportedMinibatches reported = new ReportedMinibatches(currentRate());
            EpochTrainer.Fitted fitted = elsewhere.fitEpoch(graph, minibatches, reported);
            graph = fitted.graph();
            rateSourceFound = false; // a network that came back is asked for its rate anew
            times.computedSince(mark);
            reported.check();
            long trained = progress.iteration - first;
            // asked to stop, the trainer returned before the end of the epoch (it says so, or its reports do): its
            // minibatches reported count, none where it stopped before its first part
            epochCutShort = !fitted.wholeEpoch()
                    || control.isStopRequested() && trained > 0 && trained < minibatches.size();
            if (epochCutShort) {
                return reported.weight > 0 ? reported.lossSum / reported.weight : Double.NaN; // the run stops: unused
            }
            progress.iteration = first + minibatches.size();
            if (reported.weight > 0) {
                return reported.lossSum / reported.weight;
            }
            if (!Double.isFinite(fitted.loss())) {
                throw new RunFailure(nanMessage(fitted.loss()));
            }
            emit(new TrainingEvent.Iteration(progress.epoch, progress.iteration, fitted.loss(), reported.rate,
                    throughput.record(examples, System.nanoTime() - reported.start)));
            return fitted.loss();
        }

        /**
         * The minibatches an epoch trainer reports trained: an iteration event each, the throughput of each report's
         * examples over the time since the one before. A loss that is not a number, or a diverging run, stops the
         * events and fails the run once the epoch returns ({@link #check}).
         */
        private final class ReportedMinibatches implements EpochTrainer.Progress {
            private final double rate;
            private final long start = System.nanoTime();
            private long last = start;
            private double lossSum;
            private long weight; // the examples of the minibatches reported (at least one each)
            private Double notANumber;
            private boolean diverged;
            private long stoppedAt;

            ReportedMinibatches(double rate) {
                this.rate = rate;
            }

            @Override
            public void trained(List<EpochTrainer.Minibatch> minibatches) {
                long now = System.nanoTime();
                int n = minibatches.stream().mapToInt(EpochTrainer.Minibatch::examples).sum();
                double samplesPerSecond = throughput.record(n, now - last);
                last = now;
                for (EpochTrainer.Minibatch minibatch : minibatches) {
                    progress.iteration++;
                    if (notANumber != null || diverged) {
                        continue;
                    }
                    double loss = minibatch.loss();
                    if (!Double.isFinite(loss)) {
                        notANumber = loss;
                        stoppedAt = progress.iteration;
                        continue;
                    }
                    int examples = Math.max(1, minibatch.examples());
                    lossSum += loss * examples;
                    weight += examples;
                    emit(new TrainingEvent.Iteration(progress.epoch, progress.iteration, loss, rate, samplesPerSecond));
                    diverged = divergence.diverged(loss);
                    stoppedAt = progress.iteration;
                }
            }

            @Override
            public boolean stopRequested() {
                return control.isStopRequested();
            }

            /** Fails the run where a reported loss was not a number or the run diverged, naming that iteration. */
            void check() throws RunFailure {
                if (notANumber != null || diverged) {
                    progress.iteration = stoppedAt;
                }
                if (notANumber != null) {
                    throw new RunFailure(nanMessage(notANumber));
                }
                if (diverged) {
                    throw new RunFailure(divergenceMessage());
                }
            }
        }

        /** Trains on a rebuilt network where the fine-tuning schedule lets more nodes train from this epoch on. */
        private void followSchedule() throws RunFailure {
            Optional<FineTuningSteps.Step> step = fineTuning.at(progress.epoch, graph, currentRate(), learningRate);
            if (step.isPresent()) {
                graph = step.get().graph();
                rateSourceFound = false; // the rate is asked of the new network's updaters
                step.get().notice().ifPresent(notice -> emit(new TrainingEvent.Notice(notice)));
            }
        }

        /** The rate the optimizer uses for the next minibatch, as DL4J's updater gives it. */
        private double currentRate() {
            if (!rateSourceFound) {
                rateSource = firstUpdaterWithARate();
                rateSourceFound = true;
            }
            if (rateSource == null) {
                return learningRate;
            }
            return rateSource.getLearningRate(graph.getConfiguration().getIterationCount(),
                    graph.getConfiguration().getEpochCount());
        }

        /**
         * The updater whose rate the events report, looked up once: DL4J changes a rate or schedule in that same
         * object ({@code setLearningRate}), so it stays the one to ask for every iteration.
         */
        private IUpdater firstUpdaterWithARate() {
            for (org.deeplearning4j.nn.api.Layer layer : graph.getLayers()) {
                String name = layer.conf().getLayer().getLayerName();
                if (LayerRates.factorOf(name, fineTuning.trained()) != Node.DEFAULT_LEARN_RATE_FACTOR) {
                    continue; // the run's rate, not a node's multiple of it
                }
                for (String param : layer.paramTable().keySet()) {
                    // the layer's training config: a frozen node's answers with no updater, so it is skipped
                    IUpdater updater = layer.getConfig().getUpdaterByParam(param);
                    if (updater != null && updater.hasLearningRate()) {
                        return updater;
                    }
                }
            }
            return null;
        }

        /** Reduce-on-plateau: lowers the rate when the validation loss has not improved for its patience. */
        private void reduceOnPlateau(TrainingEvent.EpochEnd end) {
            if (!(request.lrSchedule() instanceof LearningRateSchedule.Plateau plateau)
                    || progress.epoch >= request.epochs()) {
                return;
            }
            if (end.validationLoss() < plateauBest - MIN_IMPROVEMENT) {
                plateauBest = end.validationLoss();
                epochsWithoutImprovement = 0;
                return;
            }
            epochsWithoutImprovement++;
            if (epochsWithoutImprovement >= plateau.patience()) {
                double lowered = currentRate() * plateau.factor();
                LayerRates.set(graph, fineTuning.trained(), lowered);
                learningRate = lowered;
                epochsWithoutImprovement = 0;
                emit(new TrainingEvent.Notice(String.format(java.util.Locale.ROOT, "The validation loss has not "
                        + "improved for %d %s: the learning rate is now %.3g (reduce on plateau, factor %s).",
                        plateau.patience(), plateau.patience() == 1 ? "epoch" : "epochs", lowered,
                        plateau.factor())));
            }
        }

        /** Handles pause; true when the run should stop now. */
        private boolean awaitAndCheckStop() throws InterruptedException {
            if (control.isPaused() && !control.isStopRequested()) {
                emit(new TrainingEvent.Paused(progress.iteration));
                control.awaitUnpaused();
                throughput.restart();
                if (!control.isStopRequested()) {
                    emit(new TrainingEvent.Resumed(progress.iteration));
                }
            }
            return control.isStopRequested();
        }

        private TrainingEvent.EpochEnd endOfEpoch(double trainLoss, long epochStart) {
            Examples trainSample = RunData.limit(data.train(), TRAIN_ACCURACY_SAMPLE);
            Evaluator.Result train = Evaluator.evaluate(graph, trainSample, input, request.batchSize());
            Evaluator.Result validation = Evaluator.evaluate(graph, data.validation(), input, request.batchSize());
            double riseSpread = validation.changeSpread(lowestValidationLosses);
            if (validation.loss() < lowestValidationLoss) {
                lowestValidationLoss = validation.loss();
                lowestValidationLosses = validation.losses();
            }
            emit(new TrainingEvent.EpochDetail(progress.epoch, times.secondsWaiting(), times.secondsComputing(),
                    validation.classCounts(), validation.classCorrect(),
                    Double.isFinite(riseSpread) ? riseSpread : null));
            double seconds = (System.nanoTime() - epochStart) / 1e9;
            return new TrainingEvent.EpochEnd(progress.epoch, progress.iteration, trainLoss, train.accuracy(),
                    validation.loss(), validation.accuracy(), seconds);
        }

        private boolean earlyStop(TrainingEvent.EpochEnd end) {
            if (request.earlyStoppingPatience() == 0) {
                return false;
            }
            if (end.validationLoss() < bestValidationLoss - MIN_IMPROVEMENT) {
                bestValidationLoss = end.validationLoss();
                bestEpoch = end.epoch();
                bestParams = graph.params().dup();
                return false;
            }
            return end.epoch() - bestEpoch >= request.earlyStoppingPatience() && end.epoch() < request.epochs();
        }

        /** A checkpoint that cannot be written (a full disk) is reported and the run goes on: the model is in memory. */
        private void checkpoint() {
            try {
                Path file = checkpoints.write(graph, folder.checkpointsDir(), progress.epoch, progress.iteration);
                lastCheckpoint = file;
                emit(new TrainingEvent.Checkpoint(progress.epoch, progress.iteration, file.toString()));
            } catch (IOException | OutOfMemoryError e) {
                LOG.warn("cannot write the checkpoint of epoch {}", progress.epoch, e);
                emit(new TrainingEvent.Notice("Cannot write the checkpoint of epoch " + progress.epoch + " ("
                        + e.getMessage() + "); training goes on" + (lastCheckpoint == null ? "."
                        : ", and " + lastCheckpoint.getFileName() + " is the newest checkpoint.")));
            }
        }

        /**
         * The run as Stop left it: its model saved where it was updated at least once; where it was not (Stop came
         * before the first minibatch, or the cluster's first averaging round), no model is written, since it would be
         * the untrained network or the weights the run started from, and the end says so.
         */
        private TrainingEvent stopped() throws RunFailure {
            if (progress.iteration == iterationAtStart) {
                return TrainingEvent.Stopped.beforeTraining();
            }
            Path model = save();
            return new TrainingEvent.Stopped(progress.epoch, progress.iteration, model.toString());
        }

        private Path save() throws RunFailure {
            try {
                return folder.saveModel(graph);
            } catch (IOException e) {
                LOG.error("cannot save the model", e);
                throw new RunFailure("Cannot save the trained model to " + folder.model() + " (" + e.getMessage()
                        + ")." + lastCheckpointNote());
            }
        }

        /** Evaluates and saves the model in the graph now, which is the {@code which} (last or best) one of {@code modelEpoch}. */
        private TrainingEvent finish(String reason, int modelEpoch, String which) throws RunFailure {
            // on the test part where the data holds one out: validation has steered early stopping and the schedule
            Evaluator.Result result = Evaluator.evaluate(graph, data.finalEvaluation(), input, request.batchSize());
            TrainingEvent.Evaluation evaluation = result.toEvent(modelEpoch, which, data.train().classNames(),
                    data.finalEvaluationName());
            try {
                folder.saveEvaluation(evaluation);
            } catch (IOException e) {
                emit(new TrainingEvent.Notice("Cannot write " + folder.evaluation() + " (" + e.getMessage() + ")."));
            }
            emit(evaluation);
            Path model = save();
            return new TrainingEvent.Finished(progress.epoch, progress.iteration, model.toString(), reason);
        }

        private String divergenceMessage() {
            return String.format(java.util.Locale.ROOT, "The loss is diverging: %.3g on average over the last %d "
                    + "iterations, against %.3g for guessing, at epoch %d, iteration %d, so training stopped. Try a "
                    + "lower learning rate (now %s), gradient clipping, or normalising the inputs.",
                    divergence.recentMean(), DivergenceGuard.WINDOW, divergence.chanceLoss(), progress.epoch,
                    progress.iteration, currentRate());
        }

        private String nanMessage(double loss) {
            return "The loss became " + (Double.isNaN(loss) ? "NaN" : "infinite") + " at epoch " + progress.epoch
                    + ", iteration " + progress.iteration + ", so training stopped. Try a lower learning rate (now "
                    + currentRate() + "), gradient clipping, or normalising the inputs.";
        }
    }
}
