package dev.netwright.app.compress;

import dev.netwright.app.training.CommandLauncher;
import dev.netwright.app.training.RunRecord;
import dev.netwright.runtime.compress.CompressionReport;
import dev.netwright.runtime.train.RunFolder;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The Compress panel's view model: the run to compress (one with a saved model), the settings as the user types them,
 * what is wrong with them, the compression under way (its last output line; cancel), and the run with every model
 * compressed from it ({@link Variant}s, read from the runs folder). The compression runs as {@code netwright compress}
 * through a {@link CommandLauncher}, off the FX thread; each result is a run folder beside the source, so the runs
 * list shows it too ({@link #setOnRunsChanged}). For the FX thread.
 */
public final class CompressModel {
    private final CommandLauncher launcher;
    private final Executor background;
    private final Consumer<Runnable> onFxThread;
    private final Supplier<Path> runsDir;
    private final ObservableList<RunRecord> runs = FXCollections.observableArrayList();
    private final ObjectProperty<RunRecord> source = new SimpleObjectProperty<>(this, "source");
    private final ObjectProperty<CompressSettings.Method> method =
            new SimpleObjectProperty<>(this, "method", CompressSettings.Method.PRUNE);
    private final StringProperty sparsity = new SimpleStringProperty(this, "sparsity", "0.9");
    private final BooleanProperty global = new SimpleBooleanProperty(this, "global");
    private final BooleanProperty gradual = new SimpleBooleanProperty(this, "gradual");
    private final BooleanProperty structured = new SimpleBooleanProperty(this, "structured");
    private final StringProperty finetuneEpochs = new SimpleStringProperty(this, "finetuneEpochs", "1");
    private final StringProperty calibration = new SimpleStringProperty(this, "calibration", "500");
    private final ObjectProperty<Path> student = new SimpleObjectProperty<>(this, "student");
    private final StringProperty alpha = new SimpleStringProperty(this, "alpha", "0.5");
    private final StringProperty temperature = new SimpleStringProperty(this, "temperature", "4");
    private final StringProperty distilEpochs = new SimpleStringProperty(this, "distilEpochs", "0");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper(this, "problem", "");
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ObservableList<Variant> variants = FXCollections.observableArrayList();
    private final AtomicReference<CommandLauncher.Running> underWay = new AtomicReference<>();
    private volatile boolean cancelled;
    private Runnable onRunsChanged = () -> { };

    public CompressModel(CommandLauncher launcher, Executor background, Consumer<Runnable> onFxThread,
                         Supplier<Path> runsDir) {
        this.launcher = Objects.requireNonNull(launcher, "launcher");
        this.background = Objects.requireNonNull(background, "background");
        this.onFxThread = Objects.requireNonNull(onFxThread, "onFxThread");
        this.runsDir = Objects.requireNonNull(runsDir, "runsDir");
        for (var p : List.of(method, sparsity, global, gradual, structured, finetuneEpochs, calibration, source, student,
                alpha, temperature, distilEpochs)) {
            p.addListener(o -> check());
        }
        source.addListener(o -> reloadVariants());
        check();
    }

    /** The design's runs, newest first: those with a saved model can be compressed. Keeps the chosen one if it stays. */
    public void showRuns(List<RunRecord> all) {
        Path chosen = source.get() == null ? null : source.get().dir();
        runs.setAll(all.stream().filter(r -> Files.isRegularFile(new RunFolder(r.dir()).model())).toList());
        // the run chosen before, else the newest trained one (a compressed run is a source only when chosen)
        RunRecord again = runs.stream().filter(r -> r.dir().equals(chosen)).findFirst()
                .or(() -> runs.stream().filter(r -> !Files.exists(r.dir().resolve(CompressionReport.FILE))).findFirst())
                .orElse(runs.isEmpty() ? null : runs.get(0));
        if (again == source.get()) {
            reloadVariants();
        } else {
            source.set(again);
        }
    }

    /** Called after a compression ends with a new run folder, for the runs list to show it. */
    public void setOnRunsChanged(Runnable listener) {
        onRunsChanged = Objects.requireNonNull(listener);
    }

    /** The settings as typed now; empty with {@link #problemProperty()} saying why when they are not numbers. */
    public Optional<CompressSettings> settings() {
        try {
            return Optional.of(switch (method.get()) {
                case DISTIL -> CompressSettings.distil(student.get(), Double.parseDouble(alpha.get().strip()),
                        Double.parseDouble(temperature.get().strip()), Integer.parseInt(distilEpochs.get().strip()));
                case PRUNE -> new CompressSettings(method.get(), share(sparsity.get()), global.get(), gradual.get(),
                        structured.get(), Integer.parseInt(finetuneEpochs.get().strip()), 500);
                case QUANTISE -> new CompressSettings(method.get(), 0.9, false, false, false, 0,
                        Integer.parseInt(calibration.get().strip()));
            });
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** "0.9" or "90%". */
    private static double share(String text) {
        String t = text.strip();
        return t.endsWith("%") ? Double.parseDouble(t.substring(0, t.length() - 1).strip()) / 100
                : Double.parseDouble(t);
    }

    private void check() {
        problem.set(whatIsWrong());
    }

    private String whatIsWrong() {
        if (source.get() == null) {
            return "Choose a run with a saved model to compress (train one first).";
        }
        if (method.get() == CompressSettings.Method.PRUNE && !parses(() -> share(sparsity.get()))) {
            return "The sparsity must be a number such as 0.9 or 90%, not \"" + sparsity.get() + "\".";
        }
        if (method.get() == CompressSettings.Method.PRUNE && !parses(() -> Integer.parseInt(finetuneEpochs.get().strip()))) {
            return "The fine-tuning epochs must be a whole number, not \"" + finetuneEpochs.get() + "\".";
        }
        if (method.get() == CompressSettings.Method.QUANTISE && !parses(() -> Integer.parseInt(calibration.get().strip()))) {
            return "The calibration examples must be a whole number, not \"" + calibration.get() + "\".";
        }
        if (method.get() == CompressSettings.Method.DISTIL) {
            if (!parses(() -> Double.parseDouble(alpha.get().strip()))) {
                return "Alpha must be a number from 0 to 1, not \"" + alpha.get() + "\".";
            }
            if (!parses(() -> Double.parseDouble(temperature.get().strip()))) {
                return "The temperature must be a number such as 4, not \"" + temperature.get() + "\".";
            }
            if (!parses(() -> Integer.parseInt(distilEpochs.get().strip()))) {
                return "The student's epochs must be a whole number, not \"" + distilEpochs.get() + "\".";
            }
        }
        return settings().flatMap(CompressSettings::problem).orElse("");
    }

    private static boolean parses(Supplier<Object> parse) {
        try {
            parse.get();
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** Starts compressing the chosen run with the settings; does nothing while they have a problem or one runs. */
    public void compress() {
        check();
        if (running.get() || !problem.get().isEmpty()) {
            return;
        }
        CompressSettings settings = settings().orElseThrow();
        RunRecord run = source.get();
        List<String> arguments = settings.arguments(run.dir());
        running.set(true);
        cancelled = false;
        message.set("Compressing " + run.name() + "…");
        background.execute(() -> {
            CommandLauncher.Outcome outcome;
            try {
                outcome = launcher.run(arguments, line -> onFxThread.accept(() -> message.set(line)), started -> {
                    underWay.set(started);
                    if (cancelled) {
                        started.cancel(); // Cancel was pressed while it started
                    }
                });
            } catch (IOException e) {
                onFxThread.accept(() -> ended("The compression could not start: " + e.getMessage()));
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            List<Variant> found = CompressionVariants.of(run.dir(), runsDir.get());
            onFxThread.accept(() -> {
                ended(cancelled ? "Cancelled." : outcome.exitCode() == 0 ? done(found)
                        : "The compression failed: " + outcome.lastLine());
                if (run == source.get()) {
                    variants.setAll(found);
                }
                onRunsChanged.run();
            });
        });
    }

    private void ended(String text) {
        underWay.set(null);
        running.set(false);
        message.set(text);
    }

    private static String done(List<Variant> found) {
        if (found.isEmpty()) {
            return "Done, but no compressed run was found beside the source.";
        }
        Variant made = found.get(found.size() - 1);
        Variant original = found.get(0);
        return String.format(Locale.ROOT, "Done: %s — accuracy %.4f (original %.4f), %,d bytes (%.2f× the original).",
                made.method(), made.accuracy(), original.accuracy(), made.fileBytes(),
                (double) made.fileBytes() / Math.max(1, original.fileBytes()));
    }

    /** Stops the compression under way. */
    public void cancel() {
        if (running.get()) {
            cancelled = true;
            CommandLauncher.Running started = underWay.get();
            if (started != null) {
                started.cancel();
            }
        }
    }

    private void reloadVariants() {
        RunRecord run = source.get();
        if (run == null) {
            variants.clear();
            return;
        }
        background.execute(() -> {
            List<Variant> found = CompressionVariants.of(run.dir(), runsDir.get());
            onFxThread.accept(() -> {
                if (run == source.get()) {
                    variants.setAll(found);
                }
            });
        });
    }

    public ObservableList<RunRecord> runs() {
        return runs;
    }

    public ObjectProperty<RunRecord> sourceProperty() {
        return source;
    }

    public ObjectProperty<CompressSettings.Method> methodProperty() {
        return method;
    }

    public StringProperty sparsityProperty() {
        return sparsity;
    }

    public BooleanProperty globalProperty() {
        return global;
    }

    public BooleanProperty gradualProperty() {
        return gradual;
    }

    public BooleanProperty structuredProperty() {
        return structured;
    }

    public StringProperty finetuneEpochsProperty() {
        return finetuneEpochs;
    }

    public StringProperty calibrationProperty() {
        return calibration;
    }

    /** With distillation: the student design's file; null until one is chosen. */
    public ObjectProperty<Path> studentProperty() {
        return student;
    }

    public StringProperty alphaProperty() {
        return alpha;
    }

    public StringProperty temperatureProperty() {
        return temperature;
    }

    /** The student's epochs; 0 for as many as the run had. */
    public StringProperty distilEpochsProperty() {
        return distilEpochs;
    }

    /** What keeps Compress from starting, in a sentence; empty when it can. */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    /** The compression's last output line while it runs; then what it made, or why it failed. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** The chosen run (first, as "original") and the models compressed from it, oldest first. */
    public ObservableList<Variant> variants() {
        return variants;
    }
}
