package dev.netwright.app.experiments;

import dev.netwright.app.files.ProjectFiles;
import dev.netwright.app.training.ClusterSetting;
import dev.netwright.app.training.CommandLauncher;
import dev.netwright.charts.metrics.ParallelCoordinates;
import dev.netwright.runtime.sweep.Experiment;
import dev.netwright.runtime.sweep.ExperimentJson;
import dev.netwright.runtime.sweep.Trial;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The Experiments tab's view model: the design's sweeps (the experiment folders among its runs), the trials of the
 * one chosen, and a new sweep's settings. A sweep runs {@code netwright sweep} in a child JVM through a
 * {@link CommandLauncher}, off the FX thread; each line it prints re-reads its {@code experiment.json}, so the table
 * follows the trials as they start and end. Knows no controls; called on the FX thread.
 */
public final class ExperimentsModel {
    private static final Logger LOG = LoggerFactory.getLogger(ExperimentsModel.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT);
    static final String SAVE_FIRST = "Save the design first (File ▸ Save): a sweep trains the design as saved, and "
            + "its trials are kept beside it.";

    /** An experiment folder and what its experiment.json says. */
    public record Entry(Path dir, Experiment experiment) {
        /** The folder's name, the design's name and the strategy, for the chooser. */
        @Override
        public String toString() {
            long finished = experiment.trials().stream().filter(t -> t.state() == Trial.State.FINISHED).count();
            return dir.getFileName() + " · " + experiment.strategy().inWords() + " · " + finished + " of "
                    + experiment.trials().size() + " trials finished";
        }
    }

    private final CommandLauncher launcher;
    private final Executor background;
    private final Consumer<Runnable> onFxThread;
    private final Supplier<Path> runsDir;
    private final Supplier<Optional<Path>> savedDesign;
    private final ExperimentJson json = new ExperimentJson();
    private final StringProperty params = new SimpleStringProperty(this, "params", "");
    private final ObjectProperty<Experiment.Strategy> strategy =
            new SimpleObjectProperty<>(this, "strategy", Experiment.Strategy.RANDOM);
    private final StringProperty trials = new SimpleStringProperty(this, "trials", "8");
    private final StringProperty epochs = new SimpleStringProperty(this, "epochs", "1");
    private final StringProperty maxTrain = new SimpleStringProperty(this, "maxTrain", "0");
    private final StringProperty parallel = new SimpleStringProperty(this, "parallel", "1");
    private final StringProperty cluster = new SimpleStringProperty(this, "cluster", "");
    private final ReadOnlyStringWrapper chosenPlace = new ReadOnlyStringWrapper(this, "chosenPlace", "");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper(this, "problem", "");
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ObservableList<Entry> experiments = FXCollections.observableArrayList();
    private final ObjectProperty<Entry> chosen = new SimpleObjectProperty<>(this, "chosen");
    private final ObservableList<Trial> trialRows = FXCollections.observableArrayList();
    /** One read-only view each: a listener on a view lives as long as the view, so callers must all get the same. */
    private final ObservableList<Entry> experimentsView = FXCollections.unmodifiableObservableList(experiments);
    private final ObservableList<Trial> trialsView = FXCollections.unmodifiableObservableList(trialRows);
    private final AtomicReference<CommandLauncher.Running> underWay = new AtomicReference<>();
    private volatile boolean cancelled;
    private Runnable onRunsChanged = () -> { };

    /**
     * @param savedDesign the design's file when it is saved with no change since (the window offers to save it first),
     *                    else empty: a sweep reads the design from its file. Asked only when a sweep starts.
     */
    public ExperimentsModel(CommandLauncher launcher, Executor background, Consumer<Runnable> onFxThread,
                            Supplier<Path> runsDir, Supplier<Optional<Path>> savedDesign) {
        this.launcher = Objects.requireNonNull(launcher, "launcher");
        this.background = Objects.requireNonNull(background, "background");
        this.onFxThread = Objects.requireNonNull(onFxThread, "onFxThread");
        this.runsDir = Objects.requireNonNull(runsDir, "runsDir");
        this.savedDesign = Objects.requireNonNull(savedDesign, "savedDesign");
        for (javafx.beans.Observable p : List.<javafx.beans.Observable>of(params, strategy, trials, epochs, maxTrain,
                parallel, cluster)) {
            p.addListener(o -> problem.set(whatIsWrong()));
        }
        chosen.addListener((o, old, now) -> {
            trialRows.setAll(now == null ? List.of() : now.experiment().trials());
            chosenPlace.set(now == null ? "" : place(now.experiment()));
        });
        problem.set(whatIsWrong());
    }

    /** Called after a sweep ends (or moves on), for the runs list to show its trials. */
    public void setOnRunsChanged(Runnable listener) {
        onRunsChanged = Objects.requireNonNull(listener);
    }

    /**
     * Reads the design's experiments again (in the background), newest first; keeps the chosen one if it stays. An
     * experiment whose file cannot be read is left out, and the message line says which and why.
     */
    public void refresh() {
        Path dir = runsDir.get();
        background.execute(() -> {
            List<String> problems = new ArrayList<>();
            List<Entry> found = read(dir, problems);
            onFxThread.accept(() -> {
                show(found);
                if (!problems.isEmpty() && !running.get()) {
                    message.set((problems.size() == 1 ? "Left out an experiment that cannot be read: "
                            : "Left out " + problems.size() + " experiments that cannot be read; the first: ")
                            + problems.get(0));
                }
            });
        });
    }

    private void show(List<Entry> found) {
        Path was = chosen.get() == null ? null : chosen.get().dir();
        experiments.setAll(found);
        Entry again = found.stream().filter(e -> e.dir().equals(was)).findFirst()
                .orElse(found.isEmpty() ? null : found.get(0));
        chosen.set(again); // a new Entry for the same folder: the table takes its trials as they are now
    }

    /** The experiment folders in {@code dir}, newest first; a broken one is left out. */
    private List<Entry> read(Path dir) {
        return read(dir, new ArrayList<>());
    }

    /**
     * The experiment folders in {@code dir}: newest first (by name, as they are stamped); a broken one is left out and
     * what is wrong with it (its file and the problem) added to {@code problems}.
     */
    private List<Entry> read(Path dir, List<String> problems) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Entry> found = new ArrayList<>();
        try (Stream<Path> children = Files.list(dir)) {
            for (Path child : children.filter(p -> Files.isRegularFile(p.resolve(Experiment.FILE_NAME))).toList()) {
                try {
                    found.add(new Entry(child, json.read(child)));
                } catch (IOException e) {
                    LOG.warn("leaving out an experiment that cannot be read: {}", e.getMessage());
                    problems.add(e.getMessage());
                }
            }
        } catch (IOException e) {
            LOG.warn("cannot list the experiments in {}: {}", dir, e.getMessage());
            problems.add("cannot list " + dir + ": " + e.getMessage());
        }
        found.sort(Comparator.comparing((Entry e) -> lastChanged(e.dir())).reversed()
                .thenComparing(e -> e.dir().getFileName().toString(), Comparator.reverseOrder()));
        return found;
    }

    private static long lastChanged(Path dir) {
        try {
            return Files.getLastModifiedTime(dir.resolve(Experiment.FILE_NAME)).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }

    /** The dimension names of the chosen experiment, in the order its trials name them. */
    public List<String> dimensions() {
        Entry entry = chosen.get();
        if (entry == null) {
            return List.of();
        }
        return entry.experiment().trials().stream().flatMap(t -> t.settings().keySet().stream()).distinct().toList();
    }

    /** The chosen experiment's trials in parallel coordinates, best validation accuracy on the last axis. */
    public ParallelCoordinates picture() {
        List<String> names = dimensions();
        List<ParallelCoordinates.Row> rows = new ArrayList<>();
        for (Trial trial : trialRows) {
            List<Object> values = new ArrayList<>();
            names.forEach(n -> values.add(trial.settings().get(n)));
            rows.add(new ParallelCoordinates.Row(trial.id(), values, trial.bestValidationAccuracy()));
        }
        return ParallelCoordinates.of(names, rows, "best val. acc.");
    }

    /** The chosen experiment's best trial (highest best validation accuracy), if any has a result. */
    public Optional<Trial> best() {
        Entry entry = chosen.get();
        return entry == null ? Optional.empty() : entry.experiment().ranked().stream()
                .filter(t -> !Double.isNaN(t.bestValidationAccuracy())).findFirst();
    }

    /** The run folder of {@code trial} of the chosen experiment. */
    public Optional<Path> runDir(Trial trial) {
        Entry entry = chosen.get();
        return entry == null ? Optional.empty() : Optional.of(entry.dir().resolve(trial.id()));
    }

    /** The dimensions as typed: one {@code NAME=VALUES} per line (or separated by ';'), blank lines left out. */
    List<String> paramList() {
        return Stream.of(params.get().split("[\\n;]")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private String whatIsWrong() {
        List<String> dims = paramList();
        if (dims.isEmpty()) {
            return "Add a dimension to sweep, one per line: a setting (lr=1e-4..1e-2:log, batch=32,64, "
                    + "optimizer=adam,sgd) or a node's property (dense1.units=32,64,128).";
        }
        for (String dim : dims) {
            int eq = dim.indexOf('=');
            if (eq <= 0 || eq == dim.length() - 1) {
                return "'" + dim + "' is not NAME=VALUES (for example lr=1e-4..1e-2:log or dense1.units=32,64).";
            }
        }
        String count = positive(trials.get(), "Trials", 1);
        String epochCount = count == null ? positive(epochs.get(), "Epochs", 1) : count;
        String examples = epochCount == null ? positive(maxTrain.get(), "Training examples", 0) : epochCount;
        String atOnce = examples == null ? positive(parallel.get(), "At once", 1) : examples;
        if (atOnce != null) {
            return atOnce;
        }
        return Integer.parseInt(parallel.get().strip()) > 8 ? "At once must be from 1 to 8 trials."
                : clusterProblem(cluster.get().strip());
    }

    /** What is wrong with a Cluster as typed; empty when it is empty (this machine) or a master URL the sweep takes. */
    static String clusterProblem(String master) {
        return ClusterSetting.problemOf(master);
    }

    /** Where an experiment's trials ran (its cluster, or this machine), and why it stopped there, if it says. */
    static String place(Experiment experiment) {
        String where = "Trained on " + (experiment.cluster() == null ? "this machine" : experiment.cluster());
        return experiment.problem() == null ? where : where + " · stopped: " + experiment.problem();
    }

    private static String positive(String text, String name, int least) {
        try {
            int value = Integer.parseInt(text.strip());
            return value < least ? name + " must be " + least + " or more." : null;
        } catch (NumberFormatException e) {
            return name + " must be a whole number: '" + text.strip() + "' is not.";
        }
    }

    /** The {@code netwright sweep} arguments for these settings, the experiment going to {@code out}. */
    List<String> arguments(Path design, Path out) {
        List<String> arguments = new ArrayList<>(List.of("sweep", design.toString()));
        paramList().forEach(p -> arguments.addAll(List.of("--param", p)));
        arguments.addAll(List.of("--strategy", strategy.get().inWords(), "--trials", trials.get().strip(),
                "--epochs", epochs.get().strip(), "--parallel", parallel.get().strip(), "--out", out.toString()));
        if (Integer.parseInt(maxTrain.get().strip()) > 0) {
            arguments.addAll(List.of("--max-train", maxTrain.get().strip()));
        }
        if (!cluster.get().isBlank()) {
            arguments.addAll(List.of("--cluster", cluster.get().strip()));
        }
        return arguments;
    }

    /** Starts a sweep with the settings as typed, unless they are wrong, the design is unsaved or one runs. */
    public void start() {
        problem.set(whatIsWrong());
        if (running.get()) {
            return;
        }
        if (!problem.get().isEmpty()) {
            message.set("Not started: " + problem.get());
            return;
        }
        Optional<Path> design = savedDesign.get();
        if (design.isEmpty()) {
            message.set(SAVE_FIRST);
            return;
        }
        String name = ProjectFiles.displayName(design.get()); // "cnn" for cnn.netwright.json, not "cnn.netwright"
        Path out = runsDir.get().resolve(name + "-sweep-" + STAMP.format(LocalDateTime.now()));
        launch(arguments(design.get(), out), out, "Sweeping " + name + "…");
    }

    /** Goes on with the chosen experiment (after a stop or a crash): its finished trials are kept. */
    public void resume() {
        Entry entry = chosen.get();
        if (running.get() || entry == null) {
            return;
        }
        if (entry.experiment().isOver()) {
            message.set(entry.dir().getFileName() + " has ended: every trial finished, failed or stopped early.");
            return;
        }
        launch(List.of("sweep", "--resume", entry.dir().toString()), entry.dir(),
                "Going on with " + entry.dir().getFileName() + "…");
    }

    /** Stops the sweep under way; the trials that finished stay, and Resume goes on with the others. */
    public void stop() {
        cancelled = true;
        CommandLauncher.Running started = underWay.get();
        if (started != null) {
            started.cancel();
        }
    }

    private void launch(List<String> arguments, Path out, String starting) {
        running.set(true);
        cancelled = false;
        message.set(starting);
        background.execute(() -> {
            CommandLauncher.Outcome outcome;
            try {
                outcome = launcher.run(arguments, line -> {
                    Optional<Entry> underWayNow = readOne(out); // a trial started or ended: its state is written
                    onFxThread.accept(() -> {
                        message.set(line);
                        underWayNow.ifPresent(this::showUnderWay);
                    });
                }, started -> {
                    underWay.set(started);
                    if (cancelled) {
                        started.cancel(); // Stop was pressed while it started
                    }
                });
            } catch (IOException e) {
                onFxThread.accept(() -> ended("The sweep could not start: " + e.getMessage()));
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            List<Entry> found = read(out.getParent());
            onFxThread.accept(() -> {
                show(chooseFirst(found, out));
                ended(cancelled ? "Stopped: the finished trials are kept; Resume goes on with the others."
                        : outcome.exitCode() == 0 ? done()
                        : "The sweep failed (exit code " + outcome.exitCode() + "): " + outcome.lastLine());
                onRunsChanged.run();
            });
        });
    }

    /**
     * The experiment in {@code dir} as its file says now, if it has one that can be read: while a sweep runs, each of its
     * lines reads only the experiment under way, not every experiment of the design again.
     */
    private Optional<Entry> readOne(Path dir) {
        if (!Files.isRegularFile(dir.resolve(Experiment.FILE_NAME))) {
            return Optional.empty(); // the sweep has not written it yet
        }
        try {
            return Optional.of(new Entry(dir, json.read(dir)));
        } catch (IOException e) {
            LOG.warn("cannot read the experiment under way: {}", e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * Lists the experiment under way first, as {@code entry} says now. It becomes the chosen one when it first appears
     * (the sweep just started) and stays chosen, unless the user has chosen another one to look at meanwhile.
     */
    private void showUnderWay(Entry entry) {
        boolean firstSight = experiments.stream().noneMatch(e -> e.dir().equals(entry.dir()));
        Entry was = chosen.get();
        List<Entry> listed = first(entry, experiments);
        Entry choose = firstSight || was == null || was.dir().equals(entry.dir()) ? entry
                : listed.stream().filter(e -> e.dir().equals(was.dir())).findFirst().orElse(entry);
        experiments.setAll(listed);
        chosen.set(choose);
    }

    /** {@code entry} first, then the others of {@code shown} (an older reading of the same folder left out). */
    private static List<Entry> first(Entry entry, List<Entry> shown) {
        List<Entry> ordered = new ArrayList<>(List.of(entry));
        shown.stream().filter(e -> !e.dir().equals(entry.dir())).forEach(ordered::add);
        return ordered;
    }

    /** {@code found} with the experiment in {@code out} first, so that the one under way is the one shown. */
    private static List<Entry> chooseFirst(List<Entry> found, Path out) {
        List<Entry> ordered = new ArrayList<>(found);
        ordered.sort(Comparator.comparing((Entry e) -> !e.dir().equals(out)));
        return ordered;
    }

    private void ended(String text) {
        underWay.set(null);
        running.set(false);
        message.set(text);
    }

    private String done() {
        return best().map(t -> String.format(Locale.ROOT, "Done: the best trial is %s, validation accuracy %.4f "
                + "(double-click a trial to see its run).", t.id(), t.bestValidationAccuracy()))
                .orElse("Done, but no trial has a result: see the trials' messages.");
    }

    public StringProperty paramsProperty() {
        return params;
    }

    public ObjectProperty<Experiment.Strategy> strategyProperty() {
        return strategy;
    }

    public StringProperty trialsProperty() {
        return trials;
    }

    public StringProperty epochsProperty() {
        return epochs;
    }

    public StringProperty maxTrainProperty() {
        return maxTrain;
    }

    public StringProperty parallelProperty() {
        return parallel;
    }

    /** Where the trials train: empty for this machine, else a Spark master URL (spark://HOST:PORT or local[N]). */
    public StringProperty clusterProperty() {
        return cluster;
    }

    /** Where the chosen experiment's trials ran, and why it stopped there if it did; empty when none is chosen. */
    public ReadOnlyStringProperty chosenPlaceProperty() {
        return chosenPlace.getReadOnlyProperty();
    }

    /** What is wrong with the settings as typed; empty when a sweep can start. */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    /** What the sweep under way (or the last one) said last. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ObservableList<Entry> experiments() {
        return experimentsView;
    }

    public ObjectProperty<Entry> chosenProperty() {
        return chosen;
    }

    /** The chosen experiment's trials, as its experiment.json says now. */
    public ObservableList<Trial> trials() {
        return trialsView;
    }
}
