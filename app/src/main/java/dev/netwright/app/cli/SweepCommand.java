package dev.netwright.app.cli;

import dev.netwright.runtime.check.CheckResult;
import dev.netwright.runtime.check.Checker;
import dev.netwright.runtime.data.DataException;
import dev.netwright.runtime.data.DataSources;
import dev.netwright.runtime.data.DataSplit;
import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.design.TrainingPlan;
import dev.netwright.runtime.layers.kinds.StandardKinds;
import dev.netwright.runtime.sweep.ClusterTrials;
import dev.netwright.runtime.sweep.Experiment;
import dev.netwright.runtime.sweep.ExperimentJson;
import dev.netwright.runtime.sweep.Halving;
import dev.netwright.runtime.sweep.Parallelism;
import dev.netwright.runtime.sweep.SweepRunner;
import dev.netwright.runtime.sweep.SweepSetting;
import dev.netwright.runtime.sweep.SweepSpace;
import dev.netwright.runtime.sweep.Trial;
import dev.netwright.runtime.sweep.TrialLauncher;
import dev.netwright.runtime.sweep.TrialPlans;
import dev.netwright.runtime.sweep.WorkerTrialLauncher;
import dev.netwright.runtime.train.Backend;
import dev.netwright.runtime.train.EngineChoices;
import dev.netwright.runtime.train.RunFolder;
import dev.netwright.runtime.train.RunRequest;
import dev.netwright.runtime.train.RunRequestJson;
import dev.netwright.runtime.train.TrainingPlans;
import dev.netwright.runtime.train.worker.WorkerClient;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * {@code netwright sweep DESIGN --param ...}: trains many variants of a design (an experiment), each trial an ordinary
 * run folder inside the experiment's folder, and prints them ranked by validation accuracy.
 */
@Command(name = "sweep", description = {"Train variants of a design and rank them: each --param is a training setting "
        + "or a node's property, with values listed (batch=32,64) or a range (lr=1e-4..1e-2:log, for random search; a "
        + "grid needs a count: lr=1e-4..1e-2:log:3). Each trial is an ordinary run folder inside the experiment's "
        + "folder, which keeps experiment.json; a sweep stopped or interrupted goes on with --resume DIR (or the same "
        + "command with the same --out).",
        "Settings: " + "lr, batch, epochs, optimizer, l2, clip, seed, patience, normalise, lr-schedule, augment "
                + "(lr-schedule and augment values are separated by |)."})
final class SweepCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final WorkerClient workers;
    private final ClusterTrials clusterTrials;

    SweepCommand() {
        this(null);
    }

    SweepCommand(WorkerClient workers) {
        this(workers, null);
    }

    /** With the given cluster support instead of the one found on the class path (tests). */
    SweepCommand(WorkerClient workers, ClusterTrials clusterTrials) {
        this.workers = workers;
        this.clusterTrials = clusterTrials;
    }

    @Parameters(paramLabel = "DESIGN", arity = "0..1", description = "A design file, or sample:ID (not needed with --resume or --show).")
    String design;

    @Option(names = "--param", paramLabel = "NAME=VALUES", description = "A dimension: a setting (lr=1e-4..1e-2:log, batch=32,64, optimizer=adam,sgd) or NODE.PROPERTY (dense1.units=32,64,128). Repeat for more.")
    List<String> params = new ArrayList<>();

    @Option(names = "--strategy", description = "grid (every combination), random (draws, reproducible with --seed) or halving (successive halving: all trials a few epochs, the best 1/eta go on; default: ${DEFAULT-VALUE}).", defaultValue = "random")
    String strategy;

    @Option(names = "--trials", paramLabel = "N", description = "How many trials (random and halving; default 10). With grid: at most N of the combinations, drawn with --seed (default: all).")
    Integer trials;

    @Option(names = "--eta", description = "Halving: keep the best 1/ETA after each rung (default: ${DEFAULT-VALUE}).", defaultValue = "3")
    int eta;

    @Option(names = "--parallel", paramLabel = "N", description = "Trials at once, each in a worker process (1-" + Parallelism.MAX + "; default: chosen for this machine, one per two cores and 2 GiB of memory, at most 4).")
    Integer parallel;

    @Option(names = "--epochs", description = "Epochs of each trial; with halving, of the last rung (default: the design's, else 1).")
    Integer epochs;

    @Option(names = "--data", paramLabel = "SOURCE", description = "As for 'netwright train' (default: the design's own, else fashion-mnist-sample).")
    String data;

    @Option(names = "--seed", description = "Seed of the random draws and of each trial's training (default: the design's, else train's default).")
    Long seed;

    @Option(names = "--max-train", description = "Use only the first N training samples in each trial (0: all).")
    Integer maxTrain;

    @Option(names = "--max-validation", description = "Use only the first N validation samples, and as many test samples (0: all).")
    Integer maxValidation;

    @Option(names = "--backend", description = "AUTO, CPU or GPU (default: the design's, else AUTO).")
    Backend backend;

    @Option(names = "--out", paramLabel = "DIR", description = "The experiment's folder: new or empty, or one holding this same sweep, which then goes on (default: runs/<design>-sweep-<time>).")
    Path out;

    @Option(names = "--resume", paramLabel = "DIR", description = "Go on with the experiment in DIR: finished and failed trials are kept and reported, the others train.")
    Path resume;

    @Option(names = "--cluster", paramLabel = "MASTER", description = "Run each trial as a task on an Apache Spark "
            + "cluster: spark://HOST:PORT (a standalone master) or local[N]. Needs Netwright's cluster module "
            + "(docs/guide.md, \"Sweeps on a cluster\"); the run folders come back here.")
    String cluster;

    @Option(names = "--show", paramLabel = "DIR", description = "Print the trials of the experiment in DIR, best first, and exit.")
    Path show;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        try {
            if (parallel != null && (parallel < 1 || parallel > Parallelism.MAX)) {
                throw new IllegalArgumentException("--parallel must be from 1 to " + Parallelism.MAX + ", not " + parallel);
            }
            ClusterTrials onCluster = cluster == null ? null : clusterTrials != null ? clusterTrials : clusterModule();
            if (show != null) {
                Experiment experiment = read(show);
                SweepTable.print(experiment, stdout);
                return ExitCodes.OK;
            }
            Path dir;
            Experiment experiment;
            RunRequest base;
            if (resume != null) {
                dir = resume;
                experiment = read(dir);
                base = readBase(dir);
                stdout.println("Resuming the experiment in " + dir.toAbsolutePath() + ": " + summary(experiment));
            } else {
                if (design == null) {
                    throw new CliException(ExitCodes.BAD_INPUT, "Name a DESIGN to sweep (or --resume DIR, --show DIR).");
                }
                Design loaded = DesignArgument.load(design);
                CheckResult check = new Checker().check(loaded);
                if (check.hasErrors()) {
                    stderr.println("The design has errors; fix them first (netwright check " + design + "):");
                    check.errors().forEach(d -> stderr.println("  " + (d.nodeId() == null ? "design" : d.nodeId())
                            + ": " + d.message()));
                    return ExitCodes.DESIGN_ERRORS;
                }
                base = baseRequest(loaded);
                SweepSpace space = SweepSpace.parse(params, base.design(), StandardKinds.catalog());
                experiment = plan(space, loaded.name(), base);
                DataSources.requirePresent(base.data());
                dir = out != null ? out : RunFolder.createUnique(Path.of("runs"), RunFolder.slug(loaded.name(), "design")
                        + "-sweep-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))).dir();
                if (Files.isRegularFile(dir.resolve(Experiment.FILE_NAME))) {
                    Experiment earlier = read(dir);
                    if (!earlier.sameSweepAs(experiment)) {
                        throw new CliException(ExitCodes.BAD_INPUT, dir + " holds another sweep (" + summary(earlier)
                                + "); continue it with --resume " + dir + ", or name another --out.");
                    }
                    experiment = earlier;
                    base = readBase(dir);
                    stdout.println("Going on with the experiment in " + dir.toAbsolutePath() + ": " + summary(experiment));
                } else {
                    claim(dir);
                    Path baseDir = Files.createDirectories(dir.resolve(Experiment.BASE_DIR));
                    new RunRequestJson().write(base, baseDir);
                    stdout.println("Experiment folder: " + dir.toAbsolutePath() + " | " + summary(experiment));
                }
            }
            // going on here: a cluster the experiment named before, and why it stopped there, no longer hold
            return onCluster == null ? run(dir, experiment.onCluster(null), base, stdout, null)
                    : runOnCluster(onCluster, dir, experiment, base, stdout, stderr);
        } catch (CliException e) {
            stderr.println(e.getMessage());
            return e.exitCode();
        } catch (DataException | IllegalArgumentException e) {
            stderr.println(e.getMessage());
            return ExitCodes.BAD_INPUT;
        } catch (IOException e) {
            stderr.println("The sweep cannot go on: " + e.getMessage());
            return ExitCodes.RUN_FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ExitCodes.RUN_FAILED;
        }
    }

    /** The cluster module, found on the class path; its absence is said with what to install. */
    private static ClusterTrials clusterModule() throws CliException {
        return ServiceLoader.load(ClusterTrials.class).findFirst().orElseThrow(() -> new CliException(
                ExitCodes.BAD_INPUT, "--cluster needs Netwright's cluster module (Apache Spark), which is not on the "
                + "class path: from a source checkout, build it with 'mvn -B -DskipTests package -pl app,cluster -am' "
                + "(the ./netwright launcher adds it when --cluster is given); the installed app does not include it."));
    }

    /** Connects to the cluster (a failure is recorded in experiment.json and ends the sweep), then runs there. */
    private int runOnCluster(ClusterTrials module, Path dir, Experiment experiment, RunRequest base,
                             PrintWriter stdout, PrintWriter stderr) throws IOException, InterruptedException {
        ExperimentJson json = new ExperimentJson();
        ClusterTrials.Launcher launcher;
        try {
            launcher = module.connect(cluster);
        } catch (IOException e) {
            json.write(experiment.onCluster(cluster).withProblem(e.getMessage()), dir);
            stderr.println(e.getMessage());
            stderr.println("Nothing was trained; the experiment in " + dir.toAbsolutePath() + " goes on with --resume "
                    + dir + " (with --cluster, or without to train here).");
            return ExitCodes.RUN_FAILED;
        }
        try (launcher) {
            stdout.println("Cluster: " + cluster + ", " + launcher.slots() + " trials at once");
            return run(dir, experiment.onCluster(cluster), base, stdout, launcher);
        }
    }

    private int run(Path dir, Experiment experiment, RunRequest base, PrintWriter stdout, ClusterTrials.Launcher onCluster)
            throws IOException, InterruptedException {
        experiment.trials().stream().filter(t -> t.state() == Trial.State.FINISHED || t.state() == Trial.State.FAILED
                        || t.state() == Trial.State.STOPPED_EARLY)
                .forEach(t -> stdout.println(SweepTable.ended(t) + " (before)"));
        int cores = Runtime.getRuntime().availableProcessors();
        int atOnce = parallel != null ? parallel : onCluster != null ? onCluster.slots() : Parallelism.defaultHere();
        EngineChoices engine = base.engine();
        // on a cluster a trial is a task, and Spark gives a task one core: one native thread, as trials share a host
        RunRequest shared = base.withEngine(engine.withThreads(onCluster != null ? 1
                : Parallelism.threadsPerTrial(engine.threads(), atOnce, cores)));
        SweepSpace space = SweepSpace.parse(experiment.params(), base.design(), StandardKinds.catalog());
        TrialLauncher launcher = onCluster != null ? onCluster
                : new WorkerTrialLauncher(workers != null ? workers : WorkerClient.forThisJvm());
        SweepRunner runner = new SweepRunner(dir, shared, space, launcher, atOnce, new SweepProgress(stdout, experiment));
        stdout.println(experiment.trials().size() + " trials, " + atOnce + " at once" + (onCluster == null && atOnce > cores
                ? " (more than this computer's " + cores + " cores: they will slow each other down)" : ""));
        Thread stopOnExit = new Thread(runner::stop, "stop-sweep-on-exit");
        Runtime.getRuntime().addShutdownHook(stopOnExit);
        Experiment done;
        try {
            done = runner.run(experiment);
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(stopOnExit);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs anyway
            }
        }
        stdout.println();
        SweepTable.print(done, stdout);
        stdout.println("Each trial is a run folder in " + dir.toAbsolutePath() + " (netwright evaluate "
                + dir.resolve(done.ranked().get(0).id()) + ").");
        boolean allFailed = done.trials().stream().allMatch(t -> t.state() == Trial.State.FAILED);
        return allFailed ? ExitCodes.RUN_FAILED : ExitCodes.OK;
    }

    /** The trials, by strategy. */
    private Experiment plan(SweepSpace space, String designName, RunRequest base) {
        Experiment.Strategy chosen = switch (strategy.toLowerCase(java.util.Locale.ROOT)) {
            case "grid" -> Experiment.Strategy.GRID;
            case "random" -> Experiment.Strategy.RANDOM;
            case "halving", "asha", "hyperband" -> Experiment.Strategy.HALVING;
            default -> throw new IllegalArgumentException("--strategy must be grid, random or halving, not '" + strategy + "'");
        };
        if (trials != null && trials < 1) {
            throw new IllegalArgumentException("--trials must be at least 1, not " + trials);
        }
        long sweepSeed = base.settings().seed();
        int count = trials != null ? trials : 10;
        List<Map<String, Object>> settings;
        List<Halving.Rung> rungs = List.of();
        switch (chosen) {
            case GRID -> settings = TrialPlans.grid(space, trials != null ? trials : 0, sweepSeed);
            case RANDOM -> settings = TrialPlans.random(space, count, sweepSeed);
            default -> {
                if (space.dimensions().stream().anyMatch(d -> d.setting() == SweepSetting.EPOCHS)) {
                    throw new IllegalArgumentException("--param epochs cannot go with --strategy halving, which gives "
                            + "each rung its epochs; set the last rung's with --epochs.");
                }
                rungs = Halving.rungs(count, eta, base.epochs());
                settings = TrialPlans.random(space, count, sweepSeed);
            }
        }
        List<Trial> planned = new ArrayList<>();
        for (int i = 0; i < settings.size(); i++) {
            planned.add(Trial.pending(Trial.idOf(i + 1), settings.get(i)));
        }
        return new Experiment(design, designName, chosen, space.asParams(), trials != null ? trials : 0, sweepSeed,
                chosen == Experiment.Strategy.HALVING ? eta : 0, base.epochs(), rungs, planned);
    }

    /** The settings every trial starts from: the design's saved ones, with what the options name. */
    private RunRequest baseRequest(Design loaded) {
        TrainingPlan plan = loaded.training().orElse(TrainingPlans.defaults());
        Design run = TrainingPlans.runDesign(plan, loaded);
        Path designFolder = design.startsWith(DesignArgument.SAMPLE_PREFIX) ? Path.of("").toAbsolutePath()
                : Path.of(design).toAbsolutePath().normalize().getParent();
        String source = data != null ? DataSources.resolved(data, Path.of(""))
                : loaded.data().map(d -> DataSources.resolved(d.source(), designFolder)).orElse(DataSources.SAMPLE);
        return new RunRequest(run, source, TrainingPlans.settings(plan).withSeed(seed != null ? seed : plan.seed()),
                epochs != null ? epochs : plan.epochs(), plan.batchSize(), RunRequest.DEFAULT_NORMALISATION,
                RunRequest.DEFAULT_VALIDATION_FRACTION, plan.patience(),
                backend != null ? backend : TrainingPlans.backend(plan),
                maxTrain != null ? maxTrain : plan.maxTrainExamples(),
                maxValidation != null ? maxValidation : plan.maxValidationExamples(), null, null,
                EngineChoices.forDesign(run), plan.lrSchedule(), plan.augmentation(), DataSplit.HOLD_OUT_TEST);
    }

    /** A new or empty folder for the experiment. */
    private static void claim(Path dir) throws IOException, CliException {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new CliException(ExitCodes.BAD_INPUT, dir + " is not a folder; name a new or empty folder with --out.");
        }
        if (Files.isDirectory(dir)) {
            try (Stream<Path> entries = Files.list(dir)) {
                if (entries.findAny().isPresent()) {
                    throw new CliException(ExitCodes.BAD_INPUT, dir + " is not empty and holds no experiment; name a "
                            + "new or empty folder with --out.");
                }
            }
        }
        Files.createDirectories(dir);
    }

    private static Experiment read(Path dir) throws CliException {
        try {
            return new ExperimentJson().read(dir);
        } catch (IOException e) {
            throw new CliException(ExitCodes.BAD_INPUT, "Cannot read the experiment: " + e.getMessage());
        }
    }

    private static RunRequest readBase(Path dir) throws CliException {
        try {
            return new RunRequestJson().read(dir.resolve(Experiment.BASE_DIR));
        } catch (IOException e) {
            throw new CliException(ExitCodes.BAD_INPUT, "Cannot read the experiment's settings: " + e.getMessage());
        }
    }

    private static String summary(Experiment experiment) {
        long ended = experiment.trials().stream().filter(t -> t.state() == Trial.State.FAILED
                || t.state() == Trial.State.STOPPED_EARLY || t.state() == Trial.State.FINISHED).count();
        return experiment.strategy().inWords() + " over " + String.join(" ", experiment.params()) + ", "
                + experiment.trials().size() + " trials (" + ended + " ended)"
                + (experiment.rungs().isEmpty() ? "" : ", rungs of " + experiment.rungs().stream()
                .map(r -> r.trials() + "x" + r.epochs() + " epochs").reduce((a, b) -> a + ", " + b).orElse(""));
    }
}
