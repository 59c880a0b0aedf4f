package dev.netwright.app.window;

import dev.netwright.app.training.RunState;
import dev.netwright.app.training.TrainingModel;
import dev.netwright.designer.action.Action;
import dev.netwright.designer.canvas.CanvasCommand;
import dev.netwright.designer.canvas.CanvasCommands;
import dev.netwright.designer.canvas.DesignCanvas;
import dev.netwright.samples.Sample;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.ObjectBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.value.ObservableBooleanValue;

import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Every command of the main window as an {@link Action}: label, accelerator, toolbar text, when it is enabled and
 * what it does to the open workspace. The menu bar and the toolbar ({@link AppMenus}) only lay these out. File
 * commands apply once a design is open; the run's commands as {@link RunState} allows; the canvas's as
 * {@link CanvasCommands} says (edits not while a run locks the design).
 */
final class AppActions {
    private final MainWindow window;
    private final FileActions files;
    private final ObjectProperty<RunState> runState = new SimpleObjectProperty<>(RunState.IDLE);
    /** Whether the open workspace's run can pause (not one on a cluster). */
    private final BooleanProperty runPausable = new SimpleBooleanProperty(true);
    private final BooleanBinding workspaceOpen;
    private final CanvasCommands canvas;

    private final Action newDesign;
    private final Action open;
    private final Action save;
    private final Action saveAs;
    private final Action close;
    private final Action quit;
    private final Action exportModel;
    private final Action exportDrawingPng;
    private final Action exportDrawingSvg;
    private final Action exportPyTorch;
    private final Action exportPyTorchTrained;
    private final Action exportJava;
    private final Action evaluateOwnWeights;
    private final Action exportOnnx;
    private final Action checkInOnnxRuntime;
    private final Action exportKeras;
    private final Action importModel;
    private final Action pasteKerasCode;
    private final Action exportMetricsPng;
    private final Action exportConfusionPng;
    private final Action exportIterationsCsv;
    private final Action exportEpochsCsv;
    private final Action exportConfusionCsv;
    private final Action showData;
    private final Action showTraining;
    private final Action showEvaluation;
    private final Action showRuns;
    private final Action detachPanels;
    private final Action showSummary;
    private final Action showCompress;
    private final Action showTryIt;
    private final Action showDoctor;
    private final Action showExperiments;
    private final Action train;
    private final Action pause;
    private final Action resume;
    private final Action stop;
    private final Action shortcuts;
    private final Action about;
    private final Action userGuide;

    AppActions(MainWindow window) {
        this.window = Objects.requireNonNull(window, "window");
        this.files = new FileActions(window);
        OnnxActions onnx = new OnnxActions(window);
        window.workspaceProperty().addListener((o, old, now) -> follow(now));
        workspaceOpen = Bindings.createBooleanBinding(() -> window.workspaceProperty().get() != null, window.workspaceProperty());
        ObjectBinding<DesignCanvas> openCanvas = Bindings.createObjectBinding(
                () -> window.workspace().map(w -> w.designer().canvas()).orElse(null), window.workspaceProperty());
        canvas = new CanvasCommands(openCanvas);

        newDesign = Action.of("New", window::newDesign).withAccelerator("Shortcut+N")
                .withButton("New", "New design (Ctrl+N)");
        open = Action.of("Open…", window::openWithChooser).withAccelerator("Shortcut+O")
                .withButton("Open", "Open a design (Ctrl+O)");
        save = Action.of("Save", window::save).withAccelerator("Shortcut+S").enabledWhen(workspaceOpen)
                .withButton("Save", "Save (Ctrl+S)");
        saveAs = Action.of("Save As…", window::saveAs).withAccelerator("Shortcut+Shift+S").enabledWhen(workspaceOpen);
        close = Action.of("Close", window::showStart).withAccelerator("Shortcut+W").enabledWhen(workspaceOpen);
        quit = Action.of("Quit", window::quit).withAccelerator("Shortcut+Q");
        exportModel = Action.of("Export Trained Model…", files::exportModel).enabledWhen(workspaceOpen);
        exportOnnx = Action.of("Export ONNX Model…", onnx::exportOnnx).enabledWhen(workspaceOpen);
        checkInOnnxRuntime = Action.of("Check in ONNX Runtime", onnx::checkInOnnxRuntime).enabledWhen(workspaceOpen);
        // the drawing's exports sit in the Export Drawing menu, disabled as a whole while no design is open
        exportDrawingPng = Action.of("Drawing as PNG…", files::exportDrawingPng);
        exportDrawingSvg = Action.of("Drawing as SVG…", files::exportDrawingSvg);
        // the code exports sit in the Export Code menu, likewise
        exportPyTorch = Action.of("PyTorch…", files::exportPyTorch);
        exportKeras = Action.of("Keras…", files::exportKeras);
        exportJava = Action.of("Java (Deeplearning4j)…", files::exportJava);
        exportPyTorchTrained = Action.of("PyTorch with Trained Weights…", files::exportPyTorchTrained);
        importModel = Action.of("Import…", () -> window.imports().importWithChooser()).withAccelerator("Shortcut+I");
        pasteKerasCode = Action.of("Paste Keras Code…", () -> window.imports().pasteKerasCode());
        // the chart exports sit in the Export Chart menu, which is disabled as a whole while no design is open
        exportMetricsPng = Action.of("Training Chart as PNG…", files::exportMetricsPng);
        exportConfusionPng = Action.of("Confusion Matrix as PNG…", files::exportConfusionPng);
        exportIterationsCsv = Action.of("Iterations as CSV…", files::exportIterationsCsv);
        exportEpochsCsv = Action.of("Epochs as CSV…", files::exportEpochsCsv);
        exportConfusionCsv = Action.of("Confusion Matrix as CSV…", files::exportConfusionCsv);
        // so are the panels, in the Panels menu
        showData = Action.of("Data", () -> showTab("data-tab")).withAccelerator("Shortcut+1");
        showTraining = Action.of("Training", () -> showTab("training-tab")).withAccelerator("Shortcut+2");
        showEvaluation = Action.of("Evaluation", () -> showTab("evaluation-tab")).withAccelerator("Shortcut+3");
        showRuns = Action.of("Runs", () -> showTab("runs-tab")).withAccelerator("Shortcut+4");
        detachPanels = Action.of("In Their Own Window", window::togglePanelsWindow).enabledWhen(workspaceOpen)
                .withLabel(Bindings.when(window.panelsDetachedProperty())
                        .then("Dock Under the Designer").otherwise("In Their Own Window"));
        showSummary = Action.of("Model Summary", () -> showTab("summary-tab")).withAccelerator("Shortcut+5")
                .enabledWhen(workspaceOpen);
        showCompress = Action.of("Compress", () -> showTab("compress-tab")).withAccelerator("Shortcut+6");
        showTryIt = Action.of("Try It", () -> showTab("tryit-tab")).withAccelerator("Shortcut+7");
        showDoctor = Action.of("Doctor", () -> showTab("doctor-tab")).withAccelerator("Shortcut+8");
        showExperiments = Action.of("Experiments", () -> showTab("experiments-tab")).withAccelerator("Shortcut+9");

        train = Action.of("Train", () -> window.workspace().ifPresent(Workspace::train)).withAccelerator("Shortcut+Enter")
                .enabledWhen(runAllows(RunState::canStart)).withButton("Train", "Train the design (Ctrl+Enter)");
        pause = Action.of("Pause", () -> training(TrainingModel::pause)).enabledWhen(runAllows(RunState::canPause).and(runPausable));
        resume = Action.of("Resume", () -> training(TrainingModel::resume)).enabledWhen(runAllows(RunState::canResume));
        stop = Action.of("Stop", () -> training(TrainingModel::stop)).withAccelerator("Shortcut+Period")
                .enabledWhen(runAllows(RunState::canStop))
                .withButton("Stop", "Stop the run at the next minibatch; the model is saved");

        evaluateOwnWeights = Action.of("Evaluate the Design's Own Weights", () -> window.workspace().ifPresent(w -> {
            showTab("evaluation-tab");
            w.evaluateOwnWeights(why -> window.dialogs().showInformation("No weights to evaluate", why));
        })).enabledWhen(workspaceOpen);

        shortcuts = Action.of("Keyboard Shortcuts",
                () -> window.dialogs().showInformation("Keyboard shortcuts", HelpTexts.SHORTCUTS)).withAccelerator("F1");
        userGuide = Action.of("User Guide", window::openUserGuide);
        about = Action.of("About Netwright",
                () -> window.dialogs().showInformation("About Netwright", HelpTexts.about()));
    }

    /** True while a design is open (the File ▸ Export Drawing and Export Chart and View ▸ Panels menus are enabled by it). */
    ObservableBooleanValue workspaceOpen() {
        return workspaceOpen;
    }

    /** Fills File ▸ Open Recent as it opens. */
    void fillRecent(javafx.scene.control.Menu menu) {
        files.fillRecent(menu);
    }

    /** Opens one of the bundled samples. */
    Action openSample(Sample sample) {
        return Action.of(sample.title(), () -> window.openSample(sample.id()));
    }

    /** A command of the open design's canvas. */
    Action canvas(CanvasCommand command) {
        return canvas.action(command);
    }

    Action newDesign() {
        return newDesign;
    }

    Action open() {
        return open;
    }

    Action save() {
        return save;
    }

    Action saveAs() {
        return saveAs;
    }

    Action close() {
        return close;
    }

    Action quit() {
        return quit;
    }

    Action exportModel() {
        return exportModel;
    }

    Action exportDrawingPng() {
        return exportDrawingPng;
    }

    Action exportDrawingSvg() {
        return exportDrawingSvg;
    }

    Action exportPyTorch() {
        return exportPyTorch;
    }

    Action evaluateOwnWeights() {
        return evaluateOwnWeights;
    }

    Action exportJava() {
        return exportJava;
    }

    Action exportOnnx() {
        return exportOnnx;
    }

    Action checkInOnnxRuntime() {
        return checkInOnnxRuntime;
    }

    Action exportPyTorchTrained() {
        return exportPyTorchTrained;
    }

    Action exportKeras() {
        return exportKeras;
    }

    Action importModel() {
        return importModel;
    }

    Action pasteKerasCode() {
        return pasteKerasCode;
    }

    Action exportMetricsPng() {
        return exportMetricsPng;
    }

    Action exportConfusionPng() {
        return exportConfusionPng;
    }

    Action exportIterationsCsv() {
        return exportIterationsCsv;
    }

    Action exportEpochsCsv() {
        return exportEpochsCsv;
    }

    Action exportConfusionCsv() {
        return exportConfusionCsv;
    }

    Action showData() {
        return showData;
    }

    Action showTraining() {
        return showTraining;
    }

    Action showEvaluation() {
        return showEvaluation;
    }

    Action showRuns() {
        return showRuns;
    }

    Action detachPanels() {
        return detachPanels;
    }

    Action showSummary() {
        return showSummary;
    }

    Action showCompress() {
        return showCompress;
    }

    Action showTryIt() {
        return showTryIt;
    }

    Action showDoctor() {
        return showDoctor;
    }

    Action showExperiments() {
        return showExperiments;
    }

    Action train() {
        return train;
    }

    Action pause() {
        return pause;
    }

    Action resume() {
        return resume;
    }

    Action stop() {
        return stop;
    }

    Action shortcuts() {
        return shortcuts;
    }

    Action userGuide() {
        return userGuide;
    }

    Action about() {
        return about;
    }

    /** True while a design is open and its run's state allows {@code rule}. */
    private BooleanBinding runAllows(Predicate<RunState> rule) {
        // The binding reads the followed state itself: an invalidated property fires again only once read.
        return Bindings.createBooleanBinding(() -> window.workspaceProperty().get() != null && rule.test(runState.get()),
                window.workspaceProperty(), runState);
    }

    /** Follows the open workspace's run state. */
    private void follow(Workspace w) {
        runState.unbind();
        runPausable.unbind();
        if (w == null) {
            runState.set(RunState.IDLE);
            runPausable.set(true);
        } else {
            runState.bind(w.training().stateProperty());
            runPausable.bind(w.training().pausableProperty());
        }
    }

    private void training(Consumer<TrainingModel> command) {
        window.workspace().ifPresent(w -> command.accept(w.training()));
    }

    private void showTab(String id) {
        window.workspace().ifPresent(w -> w.showTab(id));
    }
}
