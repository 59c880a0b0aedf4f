package dev.netwright.app.window;

import dev.netwright.app.training.RunState;
import dev.netwright.designer.canvas.CanvasActions;
import dev.netwright.runtime.design.Flow;
import dev.netwright.samples.Sample;
import dev.netwright.samples.Samples;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.scene.control.Button;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.control.Separator;
import javafx.scene.input.KeyCombination;

import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The menu bar and toolbar. Items act on the open workspace and are disabled when they cannot apply:
 * edits while a run locks the design, Train while one runs, Pause/Resume/Stop while none does.
 */
final class AppMenus {
    private final MainWindow window;
    private final FileActions files;
    private final MenuBar menuBar = new MenuBar();
    private final ToolBar toolBar = new ToolBar();
    private final BooleanBinding noWorkspace;
    private final BooleanBinding locked;
    private final javafx.beans.property.ObjectProperty<RunState> currentState = new javafx.beans.property.SimpleObjectProperty<>(RunState.IDLE);
    private final javafx.beans.property.BooleanProperty currentLocked = new javafx.beans.property.SimpleBooleanProperty();
    private final javafx.beans.property.BooleanProperty currentCanUndo = new javafx.beans.property.SimpleBooleanProperty();
    private final javafx.beans.property.BooleanProperty currentCanRedo = new javafx.beans.property.SimpleBooleanProperty();

    AppMenus(MainWindow window) {
        this.window = window;
        this.files = new FileActions(window);
        window.workspaceProperty().addListener((o, old, now) -> follow(now));
        noWorkspace = Bindings.createBooleanBinding(() -> window.workspaceProperty().get() == null, window.workspaceProperty());
        // The bindings read the followed properties themselves: an invalidated property fires again only once read.
        locked = Bindings.createBooleanBinding(() -> window.workspaceProperty().get() == null || currentLocked.get(),
                window.workspaceProperty(), currentLocked);
        menuBar.setUseSystemMenuBar(true);
        menuBar.getMenus().setAll(fileMenu(), editMenu(), viewMenu(), runMenu(), helpMenu());
        buildToolBar();
    }

    MenuBar menuBar() {
        return menuBar;
    }

    ToolBar toolBar() {
        return toolBar;
    }

    private Menu fileMenu() {
        Menu openSample = new Menu("Open Sample");
        for (Sample sample : Samples.list()) {
            openSample.getItems().add(item(sample.title(), null, () -> window.openSample(sample.id())));
        }
        Menu recent = new Menu("Open Recent");
        recent.setOnShowing(e -> files.fillRecent(recent));
        recent.getItems().add(new MenuItem("(none)"));
        Menu export = new Menu("Export Chart");
        export.disableProperty().bind(noWorkspace);
        export.getItems().setAll(
                item("Training Chart as PNG…", null, files::exportMetricsPng),
                item("Confusion Matrix as PNG…", null, files::exportConfusionPng),
                new SeparatorMenuItem(),
                item("Iterations as CSV…", null, files::exportIterationsCsv),
                item("Epochs as CSV…", null, files::exportEpochsCsv),
                item("Confusion Matrix as CSV…", null, files::exportConfusionCsv));
        MenuItem exportModel = item("Export Trained Model…", null, files::exportModel);
        exportModel.disableProperty().bind(noWorkspace);
        MenuItem save = item("Save", "Shortcut+S", window::save);
        MenuItem saveAs = item("Save As…", "Shortcut+Shift+S", window::saveAs);
        MenuItem close = item("Close", "Shortcut+W", window::showStart);
        save.disableProperty().bind(noWorkspace);
        saveAs.disableProperty().bind(noWorkspace);
        close.disableProperty().bind(noWorkspace);
        Menu menu = new Menu("File");
        menu.getItems().setAll(
                item("New", "Shortcut+N", window::newDesign),
                item("Open…", "Shortcut+O", window::openWithChooser),
                openSample, recent, new SeparatorMenuItem(),
                save, saveAs, close, new SeparatorMenuItem(),
                exportModel, export, new SeparatorMenuItem(),
                item("Quit", "Shortcut+Q", window::quit));
        return menu;
    }

    private Menu editMenu() {
        Menu menu = new Menu("Edit");
        // The canvas handles these keys itself when it has focus; the accelerators make them work from anywhere else.
        menu.getItems().setAll(
                canvasItem("Undo", "Shortcut+Z", CanvasActions::undo),
                canvasItem("Redo", "Shortcut+Shift+Z", CanvasActions::redo),
                new SeparatorMenuItem(),
                canvasItem("Cut", "Shortcut+X", CanvasActions::cut),
                canvasItem("Copy", null, CanvasActions::copy),
                canvasItem("Paste", "Shortcut+V", CanvasActions::paste),
                canvasItem("Delete", null, CanvasActions::delete),
                new SeparatorMenuItem(),
                canvasItem("Select All", null, CanvasActions::selectAll));
        for (MenuItem item : menu.getItems()) {
            if (item.getText() == null) {
                continue;
            }
            switch (item.getText()) {
                case "Undo" -> item.disableProperty().bind(locked.or(currentCanUndo.not()));
                case "Redo" -> item.disableProperty().bind(locked.or(currentCanRedo.not()));
                case "Copy", "Select All" -> item.disableProperty().bind(noWorkspace);
                default -> item.disableProperty().bind(locked);
            }
        }
        return menu;
    }

    private Menu viewMenu() {
        MenuItem fit = canvasItem("Fit to Window", null, CanvasActions::fitToView);
        MenuItem layout = canvasItem("Auto-layout", null, CanvasActions::autoLayout);
        MenuItem leftToRight = canvasItem("Lay Out Left to Right", null, c -> c.layOut(Flow.RIGHT));
        MenuItem topToBottom = canvasItem("Lay Out Top to Bottom", null, c -> c.layOut(Flow.DOWN));
        MenuItem zoomIn = item("Zoom In", "Shortcut+Plus", () -> zoom(z -> z * 1.25));
        MenuItem zoomOut = item("Zoom Out", "Shortcut+Minus", () -> zoom(z -> z / 1.25));
        MenuItem actual = item("Actual Size", "Shortcut+0", () -> zoom(z -> 1.0));
        for (MenuItem i : new MenuItem[] {fit, zoomIn, zoomOut, actual}) {
            i.disableProperty().bind(noWorkspace);
        }
        for (MenuItem i : new MenuItem[] {layout, leftToRight, topToBottom}) {
            i.disableProperty().bind(locked);
        }
        Menu panels = new Menu("Panels");
        panels.getItems().setAll(
                item("Data", "Shortcut+1", () -> window.workspace().ifPresent(w -> w.showTab("data-tab"))),
                item("Training", "Shortcut+2", () -> window.workspace().ifPresent(w -> w.showTab("training-tab"))),
                item("Evaluation", "Shortcut+3", () -> window.workspace().ifPresent(w -> w.showTab("evaluation-tab"))));
        panels.disableProperty().bind(noWorkspace);
        Menu menu = new Menu("View");
        menu.getItems().setAll(fit, layout, leftToRight, topToBottom, new SeparatorMenuItem(), zoomIn, zoomOut, actual, new SeparatorMenuItem(), panels);
        return menu;
    }

    private Menu runMenu() {
        MenuItem train = item("Train", "Shortcut+Enter", () -> window.workspace().ifPresent(Workspace::train));
        MenuItem pause = item("Pause", null, () -> window.workspace().ifPresent(w -> w.training().pause()));
        MenuItem resume = item("Resume", null, () -> window.workspace().ifPresent(w -> w.training().resume()));
        MenuItem stop = item("Stop", "Shortcut+Period", () -> window.workspace().ifPresent(w -> w.training().stop()));
        train.disableProperty().bind(notInState(RunState.IDLE));
        pause.disableProperty().bind(notInState(RunState.RUNNING));
        resume.disableProperty().bind(notInState(RunState.PAUSED));
        stop.disableProperty().bind(notInState(RunState.RUNNING).and(notInState(RunState.PAUSED)).and(notInState(RunState.STARTING)));
        Menu menu = new Menu("Run");
        menu.getItems().setAll(train, pause, resume, stop);
        return menu;
    }

    private Menu helpMenu() {
        Menu menu = new Menu("Help");
        menu.getItems().setAll(
                item("Keyboard Shortcuts", "F1", () -> window.dialogs().showInformation("Keyboard shortcuts", HelpTexts.SHORTCUTS)),
                item("About Netwright", null, () -> window.dialogs().showInformation("About Netwright", HelpTexts.about())));
        return menu;
    }

    private void buildToolBar() {
        toolBar.setId("toolbar");
        Button newButton = button("New", "New design (Ctrl+N)", window::newDesign);
        Button open = button("Open", "Open a design (Ctrl+O)", window::openWithChooser);
        Button save = button("Save", "Save (Ctrl+S)", window::save);
        Button undo = button("Undo", "Undo (Ctrl+Z)", () -> canvas(CanvasActions::undo));
        Button redo = button("Redo", "Redo (Ctrl+Shift+Z)", () -> canvas(CanvasActions::redo));
        Button layout = button("Layout", "Lay the graph out again (L)", () -> canvas(CanvasActions::autoLayout));
        Button fit = button("Fit", "Fit the design in view (F)", () -> canvas(CanvasActions::fitToView));
        Button train = button("Train", "Train the design (Ctrl+Enter)", () -> window.workspace().ifPresent(Workspace::train));
        Button stop = button("Stop", "Stop the run at the next minibatch; the model is saved", () -> window.workspace().ifPresent(w -> w.training().stop()));
        train.setId("toolbar-train");
        stop.setId("toolbar-stop");
        save.disableProperty().bind(noWorkspace);
        undo.disableProperty().bind(locked.or(currentCanUndo.not()));
        redo.disableProperty().bind(locked.or(currentCanRedo.not()));
        layout.disableProperty().bind(locked);
        fit.disableProperty().bind(noWorkspace);
        train.disableProperty().bind(notInState(RunState.IDLE));
        stop.disableProperty().bind(notInState(RunState.RUNNING).and(notInState(RunState.PAUSED)).and(notInState(RunState.STARTING)));
        train.setStyle("-fx-font-weight: bold;");
        toolBar.getItems().setAll(newButton, open, save, new Separator(), undo, redo, new Separator(), layout, fit,
                new Separator(), train, stop);
    }

    /** True unless a workspace is open and its run is in {@code state}. */
    private BooleanBinding notInState(RunState state) {
        return Bindings.createBooleanBinding(() -> window.workspaceProperty().get() == null || currentState.get() != state,
                window.workspaceProperty(), currentState);
    }

    /** Follows the open workspace's run state and lock. */
    private void follow(Workspace w) {
        currentState.unbind();
        currentLocked.unbind();
        currentCanUndo.unbind();
        currentCanRedo.unbind();
        if (w == null) {
            currentState.set(RunState.IDLE);
            currentLocked.set(false);
            currentCanUndo.set(false);
            currentCanRedo.set(false);
        } else {
            currentState.bind(w.training().stateProperty());
            currentLocked.bind(w.document().lockedProperty());
            currentCanUndo.bind(w.document().commands().canUndoProperty());
            currentCanRedo.bind(w.document().commands().canRedoProperty());
        }
    }

    private void zoom(Function<Double, Double> change) {
        window.workspace().ifPresent(w -> w.designer().canvas().zoomProperty().set(change.apply(w.designer().canvas().zoomProperty().get())));
    }

    private void canvas(Consumer<CanvasActions> action) {
        window.workspace().ifPresent(w -> action.accept(w.designer().canvas().actions()));
    }

    private MenuItem canvasItem(String text, String accelerator, Consumer<CanvasActions> action) {
        return item(text, accelerator, () -> canvas(action));
    }

    private static MenuItem item(String text, String accelerator, Runnable action) {
        MenuItem item = new MenuItem(text);
        if (accelerator != null) {
            item.setAccelerator(KeyCombination.keyCombination(accelerator));
        }
        item.setOnAction(e -> action.run());
        return item;
    }

    private static Button button(String text, String tooltip, Runnable action) {
        Button b = new Button(text);
        b.setTooltip(new Tooltip(tooltip));
        b.setOnAction(e -> action.run());
        b.setFocusTraversable(false);
        return b;
    }
}
