package dev.netwright.app.window;

import dev.netwright.app.compress.CompressModel;
import dev.netwright.app.compress.CompressPanel;
import dev.netwright.app.doctor.DoctorModel;
import dev.netwright.app.doctor.DoctorPanel;
import dev.netwright.app.doctor.FindingActions;
import dev.netwright.runtime.doctor.RunFindings;
import dev.netwright.app.data.DataPanel;
import dev.netwright.app.data.DataPanelModel;
import dev.netwright.app.evaluation.EvaluationModel;
import dev.netwright.app.evaluation.EvaluationPanel;
import dev.netwright.app.evaluation.EvaluationSource;
import dev.netwright.app.experiments.ExperimentsModel;
import dev.netwright.app.experiments.ExperimentsPanel;
import dev.netwright.app.runs.RunsPanel;
import dev.netwright.app.summary.ModelSummaryModel;
import dev.netwright.app.summary.ModelSummaryPanel;
import dev.netwright.app.training.ClusterRunLauncher;
import dev.netwright.app.training.ClusterSetting;
import dev.netwright.app.training.CommandLauncher;
import dev.netwright.app.training.DesignTrainingSettings;
import dev.netwright.app.training.RunFlow;
import dev.netwright.app.training.RunRecord;
import dev.netwright.app.training.TrainingModel;
import dev.netwright.app.training.TrainingPanel;
import dev.netwright.app.tryit.TryItModel;
import dev.netwright.app.tryit.TryItPanel;
import dev.netwright.app.tryit.TryItProcess;
import dev.netwright.designer.DesignerPane;
import dev.netwright.designer.command.Edits;
import dev.netwright.designer.document.DesignDocument;
import dev.netwright.runtime.data.DataSources;
import dev.netwright.runtime.design.DataRef;
import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.train.RunEvaluation;
import dev.netwright.runtime.train.RunFailure;
import dev.netwright.runtime.train.RunFolder;
import dev.netwright.runtime.train.RunRequest;
import dev.netwright.runtime.train.TrainingEvent;
import dev.netwright.runtime.weights.DesignWeights;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.ListChangeListener;
import javafx.geometry.Orientation;
import javafx.scene.Scene;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * One open design: the designer (palette, canvas, inspector) over docked Data, Training, Evaluation and Summary
 * panels. Training locks the design; the run's folder lives beside the design file (or in the app's
 * folder for a design that was never saved).
 */
public final class Workspace extends SplitPane {
    private static final Logger LOG = LoggerFactory.getLogger(Workspace.class);
    private static final String LOCK_REASON = "A training run uses this design: stop it to edit.";

    private final DesignDocument document;
    private final ObjectProperty<Path> file = new SimpleObjectProperty<>();
    private final Path untitledRunsDir;
    private final Executor background;
    /** Runs {@code netwright train --cluster} for a run on a cluster (tests give a fake). */
    private CommandLauncher commands = CommandLauncher.childJvm();
    private final Consumer<Runnable> onFxThread;
    private final DesignerPane designer;
    private final DataPanel dataPanel;
    /** What the Data tab showed before an edit gave the design data of its own (see {@link #followDesignData}). */
    private String sourceBeforeDesignData;
    private final TrainingPanel trainingPanel;
    private final EvaluationPanel evaluationPanel = new EvaluationPanel(new EvaluationModel());
    private final RunFlow runFlow;
    private final TabPane dock = new TabPane();
    /** Holds the panels' place under the designer while they are held back (see {@link #holdPanelsBack()}). */
    private final javafx.scene.layout.Pane panelsPlaceholder = new javafx.scene.layout.Pane();
    private final Tab dataTab;
    private final Tab trainingTab;
    private final Tab evaluationTab;
    private final Tab runsTab;
    private final RunsPanel runsPanel = new RunsPanel();
    private final ReadOnlyBooleanWrapper panelsDetached = new ReadOnlyBooleanWrapper(false);
    private Stage panelsWindow;
    private final Tab summaryTab;
    private final ModelSummaryPanel summaryPanel;
    private final Tab compressTab;
    private final Tab doctorTab;
    private final CompressPanel compressPanel;
    private final Tab tryItTab;
    private final TryItPanel tryItPanel;
    /** The Try it panel starts its process only once it is first shown. */
    private boolean tryItShown;
    private final DoctorPanel doctorPanel;
    private final Tab experimentsTab;
    private final ExperimentsPanel experimentsPanel;
    private BiPredicate<Path, Path> confirmDataOutsideDesign = (data, folder) -> true;
    /** Saves the design before a sweep or cluster run (see {@link #setSaveToStart}); until set, nothing is saved. */
    private Predicate<String> saveToStart = what -> false;
    private Consumer<RunRecord> onResumeFrom = run -> { };
    /** Data outside the design's folder that the user allowed this design to read. */
    private final Set<Path> dataAllowed = new HashSet<>();

    public Workspace(DesignDocument document, Path file, Path untitledRunsDir, TrainingModel training,
                     Executor background, Consumer<Runnable> onFxThread) {
        this.document = document;
        this.file.set(file);
        this.untitledRunsDir = untitledRunsDir;
        this.background = background;
        this.onFxThread = onFxThread;
        designer = new DesignerPane(document);
        new WeightsWatch(document, new dev.netwright.runtime.weights.WeightsCheck(), background, onFxThread);
        DataPanelModel dataModel = new DataPanelModel(background, onFxThread);
        document.designProperty().addListener((o, old, now) -> {
            if (dataModel.getDesign() != null) {
                followDesignData(dataModel, old, now);
                dataModel.setDesign(now);
            }
        });
        dataPanel = new DataPanel(dataModel);
        dataPanel.setOnReplaceHead(change -> document.execute(Edits.replaceHead(change.outputId(), change.classes())));
        trainingPanel = new TrainingPanel(training);
        dataModel.summaryProperty().addListener((o, old, now) -> trainingPanel.setTrainExamples(
                now == null ? 0 : now.trainSize())); // the planned learning rate's iterations
        new DesignTrainingSettings(trainingPanel.form().model(), document); // the form's values are saved with the design
        trainingPanel.setOnTrain(this::train);
        runFlow = new RunFlow(evaluationPanel.model(), EvaluationSource.childJvm(), background, onFxThread);
        runFlow.setOnProblem(trainingPanel::showProblem);
        runFlow.setOnEvaluationShown(() -> showTab("evaluation-tab"));
        CompressModel compressModel = new CompressModel(CommandLauncher.childJvm(), background, onFxThread,
                this::runsDir);
        compressModel.setOnRunsChanged(this::refreshRuns); // each compressed model is a run of its own
        compressPanel = new CompressPanel(compressModel);
        tryItPanel = new TryItPanel(new TryItModel(TryItProcess.childJvm(), background, onFxThread));
        DoctorModel doctorModel = new DoctorModel();
        doctorPanel = new DoctorPanel(doctorModel);
        training.addOnEvents(doctorModel::accept); // the running run's findings, live
        doctorModel.setApplier(new FindingActions(document, this::dataInUse)::apply); // its suggestions, as undoable edits
        doctorModel.setOnTrainAgain(this::train); // what the Train action does
        doctorModel.setOnResume(dir -> runIn(dir).ifPresentOrElse(onResumeFrom, () -> {
            doctorModel.resumeFailed();
            trainingPanel.showProblem("Cannot resume: the run " + dir.getFileName() + " is no longer in the runs list.");
        }));
        document.designProperty().addListener((o, old, now) -> doctorModel.designShown(now)); // an undo of it
        doctorModel.setOnOpenNode(id -> {
            if (document.design().contains(id)) { // a finding of an earlier run may name a node since deleted
                document.select(id);
                designer.canvas().centreOn(id);
            }
        });
        // a node selected on the canvas is the layer whose signals the Doctor tab charts (if the run sampled it)
        document.selection().addListener((javafx.collections.SetChangeListener<String>) change -> {
            if (document.selection().size() == 1) {
                doctorModel.chartNode(document.selection().iterator().next());
            }
        });
        // the cards of the nodes the findings name wear a badge; the designer gets plain words by node id
        doctorModel.notesProperty().addListener((o, old, now) -> document.showDoctorNotes(now));
        // the launcher read when a sweep starts: tests replace it (setCommandLauncher), as for a cluster run
        ExperimentsModel experimentsModel = new ExperimentsModel((arguments, lines) -> commands.start(arguments, lines),
                background, onFxThread,
                this::runsDir, () -> savedDesignSavingFirst("A sweep"));
        experimentsModel.setOnRunsChanged(this::refreshRuns); // each trial is a run of its own
        experimentsPanel = new ExperimentsPanel(experimentsModel);
        experimentsPanel.setOnShowTrial(this::showTrial);
        runFlow.runs().addListener((ListChangeListener<RunRecord>) change -> {
            trainingPanel.showRuns(runFlow.runs());
            runsPanel.show(runFlow.runs());
            compressModel.showRuns(runFlow.runs());
            if (tryItShown) {
                tryItPanel.model().showRuns(runFlow.runs());
            }
        });
        evaluationPanel.gallery().setOnExplain(this::explainInTryIt);
        // the runs chosen in the Runs panel are the Training panel's too: its chart overlays them, one is evaluated
        runsPanel.setOnChoose(chosen -> {
            var selection = trainingPanel.runsTable().getSelectionModel();
            selection.clearSelection();
            chosen.forEach(selection::select);
        });
        // a run chosen in the runs list shows its evaluation (two chosen are compared on the chart, not evaluated)
        trainingPanel.runsTable().getSelectionModel().getSelectedItems().addListener((ListChangeListener<RunRecord>) change -> {
            List<RunRecord> chosen = trainingPanel.runsTable().getSelectionModel().getSelectedItems();
            if (chosen.size() == 1 && chosen.get(0) != null) {
                runFlow.showRun(chosen.get(0));
                showFindings(chosen.get(0));
            }
        });
        training.setOnRunEnded(run -> {
            document.setLocked(false, null);
            runFlow.runEnded(run, runsDir());
            if (run.runDir() != null) { // the run the Doctor tab showed live: a change applied now can resume from it
                doctorModel.runEnded(new DoctorModel.ShownRun(run.runDir(),
                        new RunRecord(run.runDir(), run.request(), run.metrics()).name(),
                        Files.exists(new RunFolder(run.runDir()).model())));
            }
        });

        // Panels not in view get their content (and the data its first read) when first shown: opening stays quick.
        dataTab = new Tab("Data");
        trainingTab = new Tab("Training", trainingPanel);
        evaluationTab = new Tab("Evaluation");
        runsTab = new Tab("Runs");
        summaryTab = new Tab("Summary");
        compressTab = new Tab("Compress");
        tryItTab = new Tab("Try it");
        doctorTab = new Tab("Doctor");
        doctorTab.setId("doctor-tab");
        experimentsTab = new Tab("Experiments");
        experimentsTab.setId("experiments-tab");
        dataTab.setId("data-tab");
        trainingTab.setId("training-tab");
        evaluationTab.setId("evaluation-tab");
        runsTab.setId("runs-tab");
        summaryTab.setId("summary-tab");
        compressTab.setId("compress-tab");
        tryItTab.setId("tryit-tab");
        for (Tab tab : List.of(dataTab, trainingTab, evaluationTab, runsTab, summaryTab, compressTab, tryItTab, doctorTab,
                experimentsTab)) {
            tab.setClosable(false);
        }
        summaryPanel = new ModelSummaryPanel(new ModelSummaryModel(document, designer.canvas()::centreOn));
        dock.getTabs().setAll(dataTab, trainingTab, evaluationTab, runsTab, summaryTab, compressTab, tryItTab, doctorTab,
                experimentsTab);
        dock.getSelectionModel().select(trainingTab); // (adding the tabs selected the first one, which is still empty)
        whenFirstShown(dataTab, dataPanel, () -> {
            // the design's own data, unless it lies outside the design's folder and the user says no
            dataModel.setSource(designData().filter(this::mayRead).orElse(DataSources.SAMPLE));
            dataModel.setDesign(document.design());
        });
        whenFirstShown(evaluationTab, evaluationPanel, () -> { });
        whenFirstShown(runsTab, runsPanel, () -> { });
        whenFirstShown(summaryTab, summaryPanel, () -> { });
        whenFirstShown(compressTab, compressPanel, () -> { });
        whenFirstShown(tryItTab, tryItPanel, () -> {
            tryItShown = true;
            tryItPanel.model().showRuns(runFlow.runs());
        });
        whenFirstShown(doctorTab, doctorPanel, () -> { });
        whenFirstShown(experimentsTab, experimentsPanel, () -> { });
        experimentsTab.selectedProperty().addListener((o, was, now) -> {
            if (now) {
                experimentsModel.refresh(); // a sweep run from the command line shows up too
            }
        });
        setId("workspace");
        setOrientation(Orientation.VERTICAL);
        getItems().setAll(designer, dock);
        setDividerPositions(0.48); // the canvas has the designer's whole height; the panels get the rest
        refreshRuns();
    }

    private static void whenFirstShown(Tab tab, javafx.scene.Node content, Runnable firstShown) {
        tab.selectedProperty().addListener(new javafx.beans.value.ChangeListener<>() {
            @Override
            public void changed(javafx.beans.value.ObservableValue<? extends Boolean> o, Boolean was, Boolean now) {
                if (now) {
                    tab.selectedProperty().removeListener(this);
                    tab.setContent(content);
                    firstShown.run();
                }
            }
        });
    }

    public DesignDocument document() {
        return document;
    }

    public DesignerPane designer() {
        return designer;
    }

    public DataPanel dataPanel() {
        return dataPanel;
    }

    public TrainingPanel trainingPanel() {
        return trainingPanel;
    }

    public RunsPanel runsPanel() {
        return runsPanel;
    }

    public EvaluationPanel evaluationPanel() {
        return evaluationPanel;
    }

    /** The Compress tab: prune or quantise a run, and the trade-off of every model made from it. */
    public CompressPanel compressPanel() {
        return compressPanel;
    }

    /** The Try it tab: a run's model on an input of the user's, and why it decides as it does. */
    public TryItPanel tryItPanel() {
        return tryItPanel;
    }

    /**
     * The gallery's "Explain": opens Try it on sample {@code index} of the run whose evaluation is shown (the newest
     * run when none matches) and explains it.
     */
    private void explainInTryIt(int index) {
        TrainingEvent.Evaluation shown = evaluationPanel.model().evaluation();
        RunRecord run = runFlow.runs().stream().filter(r -> r.evaluation() != null && r.evaluation() == shown)
                .findFirst().orElse(runFlow.lastRunProperty().get());
        showTab("tryit-tab");
        tryItPanel.model().explainSample(run, index);
    }

    /** Ends what this design started in the background that outlives no design (Try it's process, a sweep). */
    public void closed() {
        tryItPanel.model().stop();
        experimentsPanel.model().stop(); // a sweep goes on only while its design is open (Resume picks it up)
    }

    /** The Doctor tab: the training doctor's findings on the running run, or on the run chosen in the runs list. */
    public DoctorPanel doctorPanel() {
        return doctorPanel;
    }

    /** The Experiments tab: sweeps over the design's settings, their trials side by side. */
    public ExperimentsPanel experimentsPanel() {
        return experimentsPanel;
    }

    /** The design's file, when it is saved with no change since: a sweep trains the design from its file. */
    private Optional<Path> savedDesign() {
        Path f = file.get();
        return f == null || document.commands().dirtyProperty().get() ? Optional.empty() : Optional.of(f);
    }

    /** The design's file as saved, saving it first where it is not (when the user agrees); empty if it is not. */
    private Optional<Path> savedDesignSavingFirst(String what) {
        Optional<Path> saved = savedDesign();
        return saved.isPresent() || !saveToStart.test(what) ? saved : savedDesign();
    }

    /** A trial double-clicked in the Experiments tab: chosen in the runs list, its curves on the Training chart. */
    private void showTrial(Path dir) {
        Optional<RunRecord> run = runFlow.runs().stream().filter(r -> r.dir().equals(dir)).findFirst();
        if (run.isEmpty()) {
            refreshRuns(); // a trial that ended after the list was read: the next double-click finds it
            return;
        }
        var selection = trainingPanel.runsTable().getSelectionModel();
        selection.clearSelection();
        selection.select(run.get());
        showTab("training-tab");
    }

    /** Reads what the training doctor recorded for {@code run} (in the background) and shows it in the Doctor tab. */
    private void showFindings(RunRecord run) {
        background.execute(() -> {
            List<TrainingEvent.Finding> findings;
            try {
                findings = RunFindings.recorded(new RunFolder(run.dir()));
            } catch (RunFailure e) {
                findings = List.of(); // a damaged or foreign file: the tab says nothing rather than something wrong
            }
            List<TrainingEvent.Finding> read = findings;
            List<TrainingEvent.Signals> signals = RunFindings.signals(new RunFolder(run.dir()));
            boolean saved = Files.exists(new RunFolder(run.dir()).model());
            onFxThread.accept(() -> doctorPanel.model().showRun(new DoctorModel.ShownRun(run.dir(), run.name(), saved),
                    read, signals));
        });
    }

    /** The Summary tab's table of layers (kept up to date whether shown or not). */
    public ModelSummaryPanel summaryPanel() {
        return summaryPanel;
    }

    public TrainingModel training() {
        return trainingPanel.model();
    }

    /** The design's file; null until it is first saved. */
    public ObjectProperty<Path> fileProperty() {
        return file;
    }

    public Path file() {
        return file.get();
    }

    /** Where this design's runs go: {@code <name>.runs} beside its file, or the app's folder for untitled designs. */
    public Path runsDir() {
        Path f = file.get();
        return f != null ? dev.netwright.app.files.ProjectFiles.runsDir(f)
                : untitledRunsDir.resolve(RunFolder.slug(document.design().name(), "untitled"));
    }

    /** The most recent run with a saved model, if any (for Export trained model). */
    public Optional<RunRecord> lastRun() {
        return Optional.ofNullable(runFlow.lastRunProperty().get());
    }

    /** What follows a run's end: evaluation, the last run, the list of runs. */
    public RunFlow runFlow() {
        return runFlow;
    }

    public void showTab(String id) {
        dock.getTabs().stream().filter(t -> id.equals(t.getId())).findFirst().ifPresent(dock.getSelectionModel()::select);
        if (panelsWindow != null) {
            panelsWindow.toFront();
        }
    }

    /** Whether the Data, Training, Evaluation and Runs panels are in a window of their own. */
    public ReadOnlyBooleanProperty panelsDetachedProperty() {
        return panelsDetached.getReadOnlyProperty();
    }

    /**
     * Moves the panels into a window of their own (for a second screen, or to give the designer the main window's
     * whole height); closing that window docks them again. Nothing about the runs changes.
     */
    public void detachPanels(Window owner) {
        if (panelsWindow != null) {
            panelsWindow.toFront();
            return;
        }
        double width = Math.max(900, getWidth());
        double height = Math.max(420, dock.getHeight());
        getItems().removeAll(dock, panelsPlaceholder);
        Stage window = new Stage();
        window.initOwner(owner);
        window.titleProperty().bind(Bindings.concat("Panels — ", document.designProperty().map(Design::name)));
        window.setScene(new Scene(dock, width, height));
        if (owner.getScene() != null) {
            // the menus' keys (Ctrl+Enter to train, Ctrl+1 to 4, Ctrl+S, …) work in the panels' window too
            window.getScene().getAccelerators().putAll(owner.getScene().getAccelerators());
        }
        window.setOnHidden(e -> dockPanels());
        panelsWindow = window;
        panelsDetached.set(true);
        window.show();
    }

    /**
     * Leaves an empty place of the panels' size under the designer until {@link #bringPanelsIn()}: the frame that
     * first shows the design then has no Training panel to style, lay out and draw (issue 15, defect 13: the
     * design opened at start comes first). The canvas keeps the size it will have, so the design's first view fits.
     */
    void holdPanelsBack() {
        int at = getItems().indexOf(dock);
        if (at >= 0) {
            getItems().set(at, panelsPlaceholder);
            setDividerPositions(0.48);
        }
    }

    /** Puts the panels held back by {@link #holdPanelsBack()} in their place; nothing happens otherwise. */
    void bringPanelsIn() {
        int at = getItems().indexOf(panelsPlaceholder);
        if (at >= 0) {
            getItems().set(at, dock);
            setDividerPositions(0.48);
        }
    }

    /** Whether the panels are under the designer (or in their own window), not held back. */
    boolean panelsInPlace() {
        return !getItems().contains(panelsPlaceholder);
    }

    /** Puts the panels back under the designer and closes their window; nothing happens when they are docked. */
    public void dockPanels() {
        if (panelsWindow == null) {
            return;
        }
        Stage window = panelsWindow;
        panelsWindow = null;
        window.setOnHidden(null);
        window.getScene().setRoot(new javafx.scene.layout.Pane()); // the dock can have only one parent
        window.close();
        getItems().add(dock);
        setDividerPositions(0.48);
        panelsDetached.set(false);
    }

    /**
     * Who saves the design before a sweep or a cluster run when it has unsaved changes or no file (the main window
     * asks the user, then saves): given what runs it ("A sweep"), true when it was saved.
     */
    public void setSaveToStart(Predicate<String> saveToStart) {
        this.saveToStart = Objects.requireNonNull(saveToStart);
    }

    /** Who answers "read data outside the design's folder?" (the main window asks the user). */
    public void setDataOutsideDesignConfirmation(BiPredicate<Path, Path> confirmation) {
        this.confirmDataOutsideDesign = Objects.requireNonNull(confirmation);
    }

    /** The data a run started now would train on: the Data tab's, else the design's own, else the bundled sample. */
    private String dataInUse() {
        return Optional.ofNullable(dataPanel.model().sourceProperty().get()).filter(s -> !s.isBlank())
                .or(this::designData).orElse(DataSources.SAMPLE);
    }

    /**
     * The Data tab shows the design's data when an edit changes it (the doctor's "balance the classes"), and what it
     * showed before when an undo takes the design's data away again.
     */
    private void followDesignData(DataPanelModel dataModel, Design old, Design now) {
        if (old.data().equals(now.data())) {
            return;
        }
        if (now.data().isPresent()) {
            if (old.data().isEmpty()) {
                sourceBeforeDesignData = dataModel.getSource();
            }
            dataModel.setSource(designData().orElseThrow());
        } else if (sourceBeforeDesignData != null) {
            dataModel.setSource(sourceBeforeDesignData);
        }
    }

    /** The design's own data reference, with a relative path taken from the design file's folder. */
    private Optional<String> designData() {
        Path f = file.get();
        return document.design().data().map(DataRef::source)
                .map(ref -> f == null ? ref : DataSources.resolved(ref, f.toAbsolutePath().getParent()));
    }

    /**
     * Whether Netwright may read {@code ref}: always, unless it is the design's own data and names a file outside the
     * design's folder, which the user is asked about once (a design from elsewhere can name any file).
     */
    private boolean mayRead(String ref) {
        Path f = file.get();
        if (f == null || !designData().map(ref::equals).orElse(false)) {
            return true;
        }
        Path folder = f.toAbsolutePath().normalize().getParent();
        Optional<Path> named = DataSources.outside(ref, folder);
        if (named.isEmpty() || dataAllowed.contains(named.get())) {
            return true;
        }
        boolean allowed = confirmDataOutsideDesign.test(named.get(), folder);
        if (allowed) {
            dataAllowed.add(named.get());
        }
        return allowed;
    }

    /** Who resumes from a run the Doctor tab shows (the window: Continue from This Run, then {@link #trainFrom}). */
    void setOnResumeFrom(Consumer<RunRecord> action) {
        onResumeFrom = Objects.requireNonNull(action, "action");
    }

    /**
     * Resuming from a run the Doctor tab shows did not start (its weights could not be read, or Train refused): the tab
     * stops saying it is.
     */
    void resumeFailed() {
        doctorPanel.model().resumeFailed();
    }

    /** The listed run in folder {@code dir}, or the last run when it is that one (a run just ended, not yet listed). */
    private Optional<RunRecord> runIn(Path dir) {
        return runFlow.runs().stream().filter(r -> r.dir().equals(dir)).findFirst()
                .or(() -> lastRun().filter(r -> r.dir().equals(dir)));
    }

    /** Train: check the design, read the settings, lock the design and start the worker. Never waits. */
    public void train() {
        train(null);
    }

    /**
     * Train, the design starting from the weights it took from the run in {@code sourceRun} (Continue from This Run),
     * which the new run records as where its starting weights came from ({@code initFrom} in its run.json).
     *
     * @return whether the run started; where it did not, the panel says why (the design has errors, ...)
     */
    public boolean trainFrom(Path sourceRun) {
        return train(sourceRun.toAbsolutePath().normalize().toString());
    }

    /** Starts the run, or says beside the panel why not and returns false. */
    private boolean train(String initFrom) {
        TrainingModel model = training();
        if (!model.state().canStart()) {
            return false;
        }
        showTab("training-tab");
        Design design = document.design();
        long errors = document.check().errorCount();
        if (errors > 0) {
            trainingPanel.showProblem("The design has " + errors + (errors == 1 ? " error" : " errors")
                    + ": fix " + (errors == 1 ? "it" : "them") + " first (see the problems list under the canvas).");
            return false;
        }
        String data = dataInUse();
        if (!mayRead(data)) {
            trainingPanel.showProblem("Not started: the design's data lies outside its folder and was not read. "
                    + "Choose the data on the Data tab.");
            return false;
        }
        RunRequest request;
        try {
            request = trainingPanel.form().request(design, data);
            if (initFrom != null) {
                request = request.initialisedFrom(request.design(), initFrom);
            }
        } catch (IllegalArgumentException e) {
            trainingPanel.showProblem(e.getMessage());
            return false;
        }
        Path runDir = runsDir().resolve(LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS")));
        ClusterSetting cluster = trainingPanel.cluster();
        if (cluster.isSet()) {
            return trainOnCluster(model, cluster, request, runDir);
        }
        document.setLocked(true, LOCK_REASON);
        trainingPanel.showProblem(null);
        model.start(request, runDir);
        return true;
    }

    /**
     * Trains the saved design on the Cluster's Spark master ({@code netwright train --cluster} in a child JVM); says
     * which of the panel's settings a cluster does not use. A design with unsaved changes is saved first if the user
     * agrees, else refused.
     */
    private boolean trainOnCluster(TrainingModel model, ClusterSetting cluster, RunRequest request, Path runDir) {
        Optional<Path> saved = savedDesignSavingFirst("A run on a cluster");
        String refusal = cluster.refusal(saved);
        if (!refusal.isEmpty()) {
            trainingPanel.showProblem(refusal);
            return false;
        }
        List<String> notUsed = ClusterSetting.notUsed(request);
        document.setLocked(true, LOCK_REASON);
        trainingPanel.showProblem(notUsed.isEmpty() ? null
                : "Not used on a cluster: " + String.join(", ", notUsed) + ".");
        model.start(request, runDir, new ClusterRunLauncher(commands, command -> {
            Thread waiter = new Thread(command, "cluster-run");
            waiter.setDaemon(true);
            waiter.start();
        }, cluster.master(), saved.get()));
        return true;
    }

    /**
     * Moves the runs this design made while it had no file ({@code from}) into its runs folder beside the file, in
     * the background, then shows them. Leaves them where they are (and says so in the log) when the folder
     * beside the file exists already or the move fails.
     */
    void adoptRuns(Path from) {
        Path to = runsDir();
        background.execute(() -> {
            if (Files.isDirectory(from) && !Files.exists(to)) {
                try {
                    Files.createDirectories(to.getParent());
                    Files.move(from, to);
                } catch (java.io.IOException e) {
                    LOG.warn("the runs in {} stay there: cannot move them to {} ({})", from, to, e.getMessage());
                }
            }
            onFxThread.accept(this::refreshRuns);
        });
    }

    /** What runs {@code netwright train --cluster} and {@code netwright sweep} (tests: a fake, no child JVM). */
    void setCommandLauncher(CommandLauncher launcher) {
        commands = Objects.requireNonNull(launcher, "launcher");
    }

    /** Reads this design's earlier runs in the background and shows them. */
    public void refreshRuns() {
        runFlow.refreshRuns(runsDir());
    }

    /**
     * Evaluates the design's own trained weights (an imported model) on its data's test set without training: read,
     * compiled and evaluated in the background, shown in the Evaluation panel. Says why not when the design has no
     * weights; a failure (weights that no longer fit, data that cannot be read) is shown in the panel's line.
     */
    public void evaluateOwnWeights(Consumer<String> noWeights) {
        Design design = document.design();
        if (design.weights().isEmpty()) {
            noWeights.accept("This design has no trained weights of its own: import a model with weights (File ▸ "
                    + "Import…), or train it and look at the run's evaluation.");
            return;
        }
        Path folder = file() == null ? Path.of("").toAbsolutePath() : file().toAbsolutePath().getParent();
        String data = design.data().map(d -> DataSources.resolved(d.source(), folder)).orElse(DataSources.SAMPLE);
        EvaluationModel evaluation = evaluationPanel.model();
        evaluation.showPending("Evaluating the design's own weights on " + data + "…");
        background.execute(() -> {
            try {
                TrainingEvent.Evaluation result = RunEvaluation.evaluateDesign(design,
                        DesignWeights.read(Path.of(design.weights().get())), data, RunRequest.DEFAULT_NORMALISATION, 0);
                onFxThread.accept(() -> evaluation.show(result));
            } catch (RunFailure | IOException e) {
                onFxThread.accept(() -> evaluation.showNone("Cannot evaluate the design's weights: " + e.getMessage()));
            }
        });
    }
}
