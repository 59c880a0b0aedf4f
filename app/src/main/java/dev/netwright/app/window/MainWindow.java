package dev.netwright.app.window;

import dev.netwright.app.files.AutosaveTimer;
import dev.netwright.app.files.DesignOpenException;
import dev.netwright.app.files.RecentFiles;
import dev.netwright.app.files.Recovery;
import dev.netwright.app.files.ProjectFiles;
import dev.netwright.app.help.UserGuide;
import dev.netwright.app.start.StartPage;
import dev.netwright.app.training.FxTimers;
import dev.netwright.app.training.TrainingModel;
import dev.netwright.designer.command.Edits;
import dev.netwright.designer.document.DesignDocument;
import dev.netwright.designer.layout.AutoLayout;
import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.design.ReadOnlyFileException;
import dev.netwright.runtime.train.Backend;
import dev.netwright.runtime.train.BackendChooser;
import dev.netwright.samples.Samples;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.geometry.Dimension2D;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;
import javafx.stage.Screen;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The main window: menus and toolbar on top, the start page or the open design's workspace in the middle,
 * the status bar below. It owns the file flows (new, open, save, recent, autosave and recovery, confirm
 * before losing changes) and hands editing and training to the {@link Workspace}.
 */
public final class MainWindow {
    private static final Logger LOG = LoggerFactory.getLogger(MainWindow.class);
    /** How often the open design is autosaved to the recovery file when it changed. */
    public static final java.time.Duration AUTOSAVE_PERIOD = AutosaveTimer.DEFAULT_PERIOD;
    private static final double MIN_WIDTH = 900;
    private static final double MIN_HEIGHT = 600;

    private final Stage stage;
    private Consumer<String> browser;
    private final BooleanProperty panelsDetached = new SimpleBooleanProperty(false);
    private final AppContext context;
    private final Dialogs dialogs;
    private final BorderPane root = new BorderPane();
    private final StatusBarModel status = new StatusBarModel();
    private final StatusBar statusBar = new StatusBar(status);
    private final StartPage startPage;
    private final ObjectProperty<Workspace> workspace = new SimpleObjectProperty<>();
    /** A design that differs from its file although no edit was made here (recovered after a crash). */
    private final BooleanProperty unsavedSinceOpen = new SimpleBooleanProperty();
    private final AutosaveTimer autosaveTimer;
    private final ModelImportActions imports = new ModelImportActions(this);
    private final RunWeightsActions runWeights = new RunWeightsActions(this);
    /** Set once the user confirmed quitting; the window closes when the training, if any, has ended. */
    private boolean quitting;
    private final ProjectFiles projectFiles = new ProjectFiles();

    public MainWindow(Stage stage, AppContext context, Dialogs dialogs) {
        this.stage = stage;
        this.context = context;
        this.dialogs = dialogs != null ? dialogs : new FxDialogs(stage);
        startPage = new StartPage(this::newDesign, this::openWithChooser, this::openSample, this::openFile,
                context.background(), context.onFxThread());
        AppMenus menus = new AppMenus(this);
        root.setTop(new VBox(menus.menuBar(), menus.toolBar()));
        root.setBottom(statusBar);
        root.setCenter(startPage);
        refreshRecent();
        Dimension2D size = initialSize(Screen.getPrimary().getVisualBounds());
        Scene scene = new Scene(root, size.getWidth(), size.getHeight());
        stage.setScene(scene);
        stage.sizeToScene(); // a stage shown before (another window's, in the tests) keeps its size otherwise
        FocusKeeper.install(scene, () -> workspace().map(w -> w.designer().canvas()));
        FileDrop.install(scene, this::openDropped);
        stage.setMinWidth(Math.min(MIN_WIDTH, size.getWidth()));
        stage.setMinHeight(Math.min(MIN_HEIGHT, size.getHeight()));
        stage.setOnCloseRequest(e -> {
            e.consume();
            quit();
        });
        workspace.addListener((o, old, now) -> {
            if (old != null) {
                old.dockPanels(); // a closed design's panels go with it
            }
            panelsDetached.unbind();
            if (now != null) {
                panelsDetached.bind(now.panelsDetachedProperty());
            } else {
                panelsDetached.set(false);
            }
            status.show(now == null ? null : now.document(), now == null ? null : now.training());
            updateTitle();
        });
        updateTitle();
        autosaveTimer = AutosaveTimer.start(context.autosave(), this::autosaveSnapshot, context.onFxThread(), AUTOSAVE_PERIOD);
        probeBackend();
    }

    /**
     * The window's first size: most of the screen (the designer and the training panels both want room), at most
     * 1800×1100, and never larger than the screen (a fixed 1400×900 hung off a 1366×768 laptop's screen).
     */
    static Dimension2D initialSize(Rectangle2D screen) {
        double width = Math.min(screen.getWidth(), Math.max(MIN_WIDTH, Math.min(1800, screen.getWidth() * 0.92)));
        double height = Math.min(screen.getHeight(), Math.max(MIN_HEIGHT, Math.min(1100, screen.getHeight() * 0.92)));
        return new Dimension2D(width, height);
    }

    public Stage stage() {
        return stage;
    }

    AppContext context() {
        return context;
    }

    public Dialogs dialogs() {
        return dialogs;
    }

    public StatusBar statusBar() {
        return statusBar;
    }

    public StatusBarModel status() {
        return status;
    }

    public StartPage startPage() {
        return startPage;
    }

    public ReadOnlyObjectProperty<Workspace> workspaceProperty() {
        return workspace;
    }

    public Optional<Workspace> workspace() {
        return Optional.ofNullable(workspace.get());
    }

    /** Whether the open design has changes that are not in its file. */
    public boolean isDirty() {
        Workspace w = workspace.get();
        return w != null && (w.document().commands().dirtyProperty().get() || unsavedSinceOpen.get());
    }

    /** Until a design named on the command line is open: a line saying so, instead of the start page. */
    public void showOpening(String what) {
        javafx.scene.control.Label opening = new javafx.scene.control.Label("Opening " + what + "\u2026");
        opening.setStyle("-fx-font-size: 16px; -fx-text-fill: #555;");
        opening.setWrapText(true);
        opening.setPadding(new javafx.geometry.Insets(24));
        root.setCenter(opening);
    }

    /** Reads the recent designs in the background (the store is a file) and shows them on the start page. */
    private void refreshRecent() {
        changeRecent(recent -> { });
    }

    /** Changes the recent designs (a file write) in the background, then shows them. */
    private void changeRecent(Consumer<RecentFiles> change) {
        context.background().execute(() -> {
            change.accept(context.recent());
            var recent = context.recent().list();
            context.onFxThread().accept(() -> startPage.showRecent(recent));
        });
    }

    // ---- start-up --------------------------------------------------------------------------------------------

    /** After a crash, offers the design autosaved then (read it with {@code Autosave.pending()} off the FX thread); returns whether it was opened. */
    public boolean offerRecovery(Recovery recovery) {
        boolean accept = dialogs.offerRecovery(recovery.design().name(), recovery.originalFile(), recovery.savedAt());
        context.background().execute(this::clearRecovery);
        if (accept) {
            show(recovery.design(), recovery.originalFile(), true);
        }
        return accept;
    }

    // ---- file actions ----------------------------------------------------------------------------------------

    public void newDesign() {
        if (confirmLosingChanges("start a new design")) {
            show(Design.empty("Untitled"), null, false);
        }
    }

    public void openSample(String id) {
        if (!confirmLosingChanges("open a sample")) {
            return;
        }
        try {
            show(Samples.load(id), null, false);
        } catch (RuntimeException e) {
            dialogs.showError("Cannot open the sample", "The sample '" + id + "' cannot be opened: " + e.getMessage());
            backToStartIfNothingOpened();
        }
    }

    public void openWithChooser() {
        if (!confirmLosingChanges("open another design")) {
            return;
        }
        Path dir = workspace().map(Workspace::file).map(Path::getParent).orElse(null);
        dialogs.chooseDesignToOpen(dir).ifPresent(this::openFileConfirmed);
    }

    /** Opens a design file (asks first when the open design has unsaved changes). */
    public void openFile(Path file) {
        if (confirmLosingChanges("open another design")) {
            openFileConfirmed(file);
        }
    }

    /**
     * A file dropped on the window: a design opens as with File ▸ Open, a Keras model or code as with File ▸ Import…
     * (asking first about unsaved changes).
     */
    void openDropped(Path file) {
        switch (OpenableFiles.kindOf(file)) {
            case DESIGN -> openFile(file);
            case MODEL -> imports.importFile(file);
            case NONE -> LOG.debug("ignored a dropped file the window cannot open: {}", file);
        }
    }

    /** An imported model as a new, unsaved design (asking first about the open design's unsaved changes). */
    void openImported(Design design, String action) {
        if (confirmLosingChanges(action)) {
            show(design, null, true);
        }
    }

    ModelImportActions imports() {
        return imports;
    }

    private void openFileConfirmed(Path file) {
        try {
            Design design = projectFiles.open(file);
            show(design, file, false);
            changeRecent(recent -> recent.add(file));
        } catch (DesignOpenException e) {
            if (e.problem() == DesignOpenException.Problem.MISSING) {
                changeRecent(recent -> recent.remove(file));
            }
            dialogs.showError("Cannot open the design", e.getMessage());
            backToStartIfNothingOpened();
        }
    }

    /** A design named on the command line that could not be opened leaves the start page, not "Opening …", behind. */
    private void backToStartIfNothingOpened() {
        if (workspace.get() == null && root.getCenter() != startPage) {
            root.setCenter(startPage);
            refreshRecent();
        }
    }

    /** Saves to the design's file, or asks for one. Returns whether it was saved. */
    public boolean save() {
        Workspace w = workspace.get();
        if (w == null) {
            return false;
        }
        if (w.file() == null) {
            return saveAs();
        }
        return saveTo(w, w.file());
    }

    public boolean saveAs() {
        Workspace w = workspace.get();
        if (w == null) {
            return false;
        }
        Path dir = w.file() != null ? w.file().getParent() : null;
        Optional<Path> chosen = dialogs.chooseDesignToSave(dir, fileNameFor(w.document().design()));
        return chosen.filter(p -> saveTo(w, ProjectFiles.withDefaultExtension(p))).isPresent();
    }

    private boolean saveTo(Workspace w, Path file) {
        String stem = ProjectFiles.displayName(file);
        if (ProjectFiles.UNTITLED.equals(w.document().design().name()) && !ProjectFiles.UNTITLED.equals(stem)) {
            // a new design takes its first file's name (one undoable step; a locked design keeps its name)
            w.document().execute(Edits.nameDesign(stem));
        }
        try {
            projectFiles.save(w.document().design(), file);
        } catch (ReadOnlyFileException e) {
            dialogs.showError("Cannot save the design", e.getMessage() + ". The design is still open.");
            return false;
        } catch (IOException e) {
            dialogs.showError("Cannot save the design", "Cannot write " + file + ": " + ProjectFiles.describe(e)
                    + ". The design is still open; try another folder.");
            return false;
        }
        boolean moved = w.file() == null || !w.file().equals(file);
        Path untitledRuns = w.file() == null ? w.runsDir() : null;
        w.fileProperty().set(file);
        w.document().commands().markSaved();
        unsavedSinceOpen.set(false);
        autosaveTimer.markSaved(w.document().commands().revisionProperty().get());
        changeRecent(recent -> recent.add(file));
        if (untitledRuns != null && !w.training().state().isActive()) {
            w.adoptRuns(untitledRuns); // the runs made before the first save go beside the file with the design
        } else if (moved) {
            w.refreshRuns();
        }
        updateTitle();
        return true;
    }

    /**
     * Quits after asking about a running training and unsaved changes; returns false when the user cancelled.
     * A running training is asked to stop, as the question promises, and the window closes once the worker has
     * saved its model and ended (the training model kills a worker that does not stop within its grace time), so
     * the FX thread never waits for it.
     */
    public boolean quit() {
        if (quitting) {
            return true;
        }
        Workspace w = workspace.get();
        boolean running = w != null && w.training().state().isActive();
        if (running && !dialogs.confirmStopRun()) {
            return false;
        }
        if (!confirmLosingChanges("quit")) {
            return false;
        }
        quitting = true;
        autosaveTimer.close();
        clearRecovery();
        if (!running) {
            stage.close();
            return true;
        }
        w.training().stateProperty().addListener((o, old, now) -> {
            if (!now.isActive()) {
                stage.close();
            }
        });
        w.training().stop();
        if (!w.training().state().isActive()) {
            stage.close(); // it had already ended
        }
        return true;
    }

    /** Autosaves now if the design changed since the last save or autosave (the timer does this every 30 s). */
    public void autosaveNow() {
        autosaveTimer.tick();
    }

    /** The open design for the autosave timer (FX thread); null when there is nothing to keep. */
    private AutosaveTimer.Snapshot autosaveSnapshot() {
        Workspace w = workspace.get();
        return w == null ? null : new AutosaveTimer.Snapshot(w.document().design(),
                w.document().commands().revisionProperty().get(), w.file());
    }

    private void clearRecovery() {
        try {
            context.autosave().clear();
        } catch (IOException e) {
            LOG.warn("cannot remove the recovery file: {}", e.getMessage());
        }
    }

    /** True when there is nothing to lose, or the user saved or discarded it. */
    private boolean confirmLosingChanges(String action) {
        if (!isDirty()) {
            return true;
        }
        Workspace w = workspace.get();
        return switch (dialogs.confirmUnsaved(displayName(w), action)) {
            case SAVE -> save();
            case DISCARD -> true;
            case CANCEL -> false;
        };
    }

    /** Replaces the open design (the old workspace's run, if any, was stopped by the caller's confirmation). */
    void show(Design design, Path file, boolean recovered) {
        Workspace old = workspace.get();
        if (old != null && old.training().state().isActive()) {
            old.training().stop();
        }
        if (old != null) {
            old.closed();
        }
        DesignDocument document = new DesignDocument(AutoLayout.placedIfUnplaced(design));
        TrainingModel training = new TrainingModel(context.launcher(), context.background(), context.onFxThread(),
                new FxTimers());
        Workspace w = new Workspace(document, file, untitledRunsDir(), training, context.background(),
                context.onFxThread());
        w.setDataOutsideDesignConfirmation(dialogs::confirmDataOutsideDesign);
        w.setSaveToStart(what -> dialogs.confirmSaveToStart(w.document().design().name(), what) && save());
        w.runsPanel().setOnContinueFrom(run -> runWeights.continueFrom(w, run));
        w.setOnResumeFrom(run -> runWeights.resumeFrom(w, run)); // the Doctor tab's: the same step, then Train
        w.runsPanel().setOnStartFrom(runWeights::startFrom);
        unsavedSinceOpen.set(recovered);
        if (!recovered) {
            autosaveTimer.markSaved(document.commands().revisionProperty().get());
        }
        document.commands().dirtyProperty().addListener((o, was, now) -> updateTitle());
        document.commands().revisionProperty().addListener((o, was, now) -> updateTitle()); // a renamed design
        workspace.set(w);
        root.setCenter(w);
        updateTitle();
        fitOnceSized(w);
    }

    /** Fits the design in view once the canvas has its size (after the first layout pass). */
    private static void fitOnceSized(Workspace w) {
        var canvas = w.designer().canvas();
        javafx.beans.value.ChangeListener<Number> fit = new javafx.beans.value.ChangeListener<>() {
            @Override
            public void changed(javafx.beans.value.ObservableValue<? extends Number> o, Number was, Number now) {
                if (canvas.getWidth() > 0 && canvas.getHeight() > 0) {
                    canvas.widthProperty().removeListener(this);
                    canvas.heightProperty().removeListener(this);
                    javafx.application.Platform.runLater(() -> {
                        canvas.showReadable(); // a large design from its inputs, not whole with 3 px text
                        canvas.requestFocus(); // the keys (Delete, F, L, arrows) work at once
                    });
                }
            }
        };
        canvas.widthProperty().addListener(fit);
        canvas.heightProperty().addListener(fit);
    }

    /** Back to the start page (File ▸ Close), asking about unsaved changes. */
    public void showStart() {
        if (workspace.get() != null && workspace.get().training().state().isActive()) {
            return;
        }
        if (confirmLosingChanges("close it")) {
            autosaveTimer.discard(); // saved, unchanged or discarded: nothing of it to recover
            workspace.get().closed();
            workspace.set(null);
            unsavedSinceOpen.set(false);
            root.setCenter(startPage);
            refreshRecent();
            updateTitle();
        }
    }

    // ---- status ----------------------------------------------------------------------------------------------

    void updateTitle() {
        Workspace w = workspace.get();
        stage.setTitle(w == null ? "Netwright" : displayName(w) + (isDirty() ? " \u2022" : "") + " \u2014 Netwright");
    }

    /** Asks which backend a run would get, in the background (the probe runs nvidia-smi). */
    /** Whether the open design's panels are in a window of their own. */
    public ReadOnlyBooleanProperty panelsDetachedProperty() {
        return panelsDetached;
    }

    /** View ▸ Panels ▸ In Their Own Window / Dock the Panels. */
    public void togglePanelsWindow() {
        workspace().ifPresent(w -> {
            if (w.panelsDetachedProperty().get()) {
                w.dockPanels();
            } else {
                w.detachPanels(stage);
            }
        });
    }

    /** How the desktop opens a web page (the app's host services); without one, the guide's file is named instead. */
    public void setBrowser(Consumer<String> openUri) {
        browser = openUri;
    }

    /**
     * Help ▸ User Guide: writes the guide with its screenshots into the app's folder (in the background) and opens
     * it in the desktop's browser.
     */
    public void openUserGuide() {
        Path folder = context.home().root().resolve("guide");
        context.background().execute(() -> {
            try {
                Path page = UserGuide.writeTo(folder);
                context.onFxThread().accept(() -> {
                    if (browser != null) {
                        browser.accept(page.toUri().toString());
                    } else {
                        dialogs.showInformation("User guide", "The user guide is " + page + ": open it in a web browser.");
                    }
                });
            } catch (IOException e) {
                LOG.warn("cannot write the user guide to {}", folder, e);
                context.onFxThread().accept(() -> dialogs.showError("Cannot open the user guide",
                        "Cannot write it to " + folder + ": " + ProjectFiles.describe(e) + "."));
            } catch (RuntimeException e) { // a build without the guide: a bug, logged with its trace
                LOG.error("cannot write the user guide", e);
                context.onFxThread().accept(() -> dialogs.showError("Cannot open the user guide", e.getMessage() + "."));
            }
        });
    }

    private void probeBackend() {
        context.background().execute(() -> {
            String message;
            try {
                message = BackendChooser.forThisBuild().choose(Backend.AUTO).message();
            } catch (RuntimeException e) {
                message = "CPU (the GPU probe failed: " + e.getMessage() + ")";
            }
            String result = message;
            context.onFxThread().accept(() -> status.backendProbed(result));
        });
    }

    private Path untitledRunsDir() {
        try {
            return context.home().untitledRunsDir();
        } catch (IOException e) {
            Path fallback = Path.of(System.getProperty("java.io.tmpdir"), "netwright-untitled.runs");
            LOG.warn("cannot make {} ({}); runs of unsaved designs go to {}", context.home().root(), e.getMessage(), fallback);
            return fallback;
        }
    }

    private static String displayName(Workspace w) {
        return w.file() != null ? ProjectFiles.displayName(w.file()) : w.document().design().name() + " (not saved)";
    }

    private static String fileNameFor(Design design) {
        String stem = design.name().replaceAll("[^A-Za-z0-9._ -]+", "").strip();
        return (stem.isEmpty() ? "design" : stem) + ProjectFiles.DEFAULT_EXTENSION;
    }
}
