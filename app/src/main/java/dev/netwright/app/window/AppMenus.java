package dev.netwright.app.window;

import dev.netwright.designer.action.Action;
import dev.netwright.designer.canvas.CanvasCommand;
import dev.netwright.samples.Sample;
import dev.netwright.samples.Samples;
import javafx.beans.binding.Bindings;
import javafx.scene.control.Button;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Separator;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.ToolBar;

/**
 * The menu bar and toolbar: they lay out the window's {@link AppActions}, which say what each item does and when
 * it applies (edits not while a run locks the design, Train only while no run is under way, Pause, Resume and
 * Stop only while one is).
 */
final class AppMenus {
    private final AppActions actions;
    private final MenuBar menuBar = new MenuBar();
    private final ToolBar toolBar = new ToolBar();

    AppMenus(MainWindow window) {
        this.actions = new AppActions(window);
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
            openSample.getItems().add(actions.openSample(sample).toMenuItem());
        }
        Menu recent = new Menu("Open Recent");
        recent.setOnShowing(e -> actions.fillRecent(recent));
        recent.getItems().add(new MenuItem("(none)"));
        Menu drawing = whileOpen(new Menu("Export Drawing"));
        drawing.getItems().setAll(actions.exportDrawingPng().toMenuItem(), actions.exportDrawingSvg().toMenuItem());
        Menu code = whileOpen(new Menu("Export Code"));
        code.getItems().setAll(actions.exportKeras().toMenuItem(), actions.exportPyTorch().toMenuItem(),
                actions.exportPyTorchTrained().toMenuItem(), actions.exportJava().toMenuItem());
        Menu export = whileOpen(new Menu("Export Chart"));
        export.getItems().setAll(
                actions.exportMetricsPng().toMenuItem(),
                actions.exportConfusionPng().toMenuItem(),
                new SeparatorMenuItem(),
                actions.exportIterationsCsv().toMenuItem(),
                actions.exportEpochsCsv().toMenuItem(),
                actions.exportConfusionCsv().toMenuItem());
        return menu("File",
                actions.newDesign().toMenuItem(),
                actions.open().toMenuItem(),
                openSample, recent, actions.importModel().toMenuItem(), new SeparatorMenuItem(),
                actions.save().toMenuItem(), actions.saveAs().toMenuItem(), actions.close().toMenuItem(),
                new SeparatorMenuItem(),
                actions.exportModel().toMenuItem(), actions.exportOnnx().toMenuItem(), drawing, code, export, new SeparatorMenuItem(),
                actions.quit().toMenuItem());
    }

    private Menu editMenu() {
        // The canvas handles these keys itself when it has focus; the accelerators make them work from anywhere else.
        return menu("Edit",
                canvasItem(CanvasCommand.UNDO), canvasItem(CanvasCommand.REDO), new SeparatorMenuItem(),
                canvasItem(CanvasCommand.CUT), canvasItem(CanvasCommand.COPY), canvasItem(CanvasCommand.PASTE),
                canvasItem(CanvasCommand.DELETE), new SeparatorMenuItem(),
                canvasItem(CanvasCommand.SELECT_ALL), new SeparatorMenuItem(),
                actions.pasteKerasCode().toMenuItem());
    }

    private Menu viewMenu() {
        Menu panels = whileOpen(menu("Panels",
                actions.showData().toMenuItem(), actions.showTraining().toMenuItem(), actions.showEvaluation().toMenuItem(),
                actions.showRuns().toMenuItem(), actions.showCompress().toMenuItem(),
                actions.showTryIt().toMenuItem(), actions.showDoctor().toMenuItem(), actions.showExperiments().toMenuItem(),
                new SeparatorMenuItem(),
                actions.detachPanels().toMenuItem()));
        return menu("View",
                canvasItem(CanvasCommand.FIT_TO_VIEW), canvasItem(CanvasCommand.AUTO_LAYOUT),
                canvasItem(CanvasCommand.LAY_OUT_LEFT_TO_RIGHT), canvasItem(CanvasCommand.LAY_OUT_TOP_TO_BOTTOM),
                new SeparatorMenuItem(),
                canvasItem(CanvasCommand.ZOOM_IN), canvasItem(CanvasCommand.ZOOM_OUT), canvasItem(CanvasCommand.ACTUAL_SIZE),
                new SeparatorMenuItem(),
                actions.showSummary().toMenuItem(), panels);
    }

    private Menu runMenu() {
        return menu("Run",
                actions.train().toMenuItem(), actions.pause().toMenuItem(), actions.resume().toMenuItem(),
                actions.stop().toMenuItem(), new SeparatorMenuItem(), actions.evaluateOwnWeights().toMenuItem(),
                actions.checkInOnnxRuntime().toMenuItem());
    }

    private Menu helpMenu() {
        return menu("Help", actions.userGuide().toMenuItem(), actions.shortcuts().toMenuItem(), actions.about().toMenuItem());
    }

    private void buildToolBar() {
        toolBar.setId("toolbar");
        Button train = actions.train().toToolbarButton();
        Button stop = actions.stop().toToolbarButton();
        train.setId("toolbar-train");
        stop.setId("toolbar-stop");
        train.setStyle("-fx-font-weight: bold;");
        toolBar.getItems().setAll(
                button(actions.newDesign()), button(actions.open()), button(actions.save()), new Separator(),
                button(actions.canvas(CanvasCommand.UNDO)), button(actions.canvas(CanvasCommand.REDO)), new Separator(),
                button(actions.canvas(CanvasCommand.AUTO_LAYOUT)), button(actions.canvas(CanvasCommand.FIT_TO_VIEW)),
                new Separator(),
                train, stop);
    }

    private MenuItem canvasItem(CanvasCommand command) {
        return actions.canvas(command).toMenuItem();
    }

    private static Button button(Action action) {
        return action.toToolbarButton();
    }

    /** A submenu disabled as a whole while no design is open. */
    private Menu whileOpen(Menu menu) {
        menu.disableProperty().bind(Bindings.not(actions.workspaceOpen()));
        return menu;
    }

    private static Menu menu(String title, MenuItem... items) {
        Menu menu = new Menu(title);
        menu.getItems().setAll(items);
        return menu;
    }
}
