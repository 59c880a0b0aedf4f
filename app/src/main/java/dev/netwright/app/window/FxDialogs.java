package dev.netwright.app.window;

import javafx.event.ActionEvent;
import javafx.scene.control.Alert;
import javafx.scene.control.Dialog;
import javafx.scene.control.TextArea;
import javafx.scene.input.Clipboard;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.geometry.Rectangle2D;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.Region;
import javafx.stage.FileChooser;
import javafx.stage.Screen;
import javafx.stage.Window;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The real dialogs: native file choosers and JavaFX alerts, owned by the main window. */
final class FxDialogs implements Dialogs {
    /** A readable line length for a dialog's message, in pixels. */
    private static final double MESSAGE_WIDTH = 520;
    /** Room kept free around a dialog on a small screen (icon, padding, window border). */
    private static final double SCREEN_MARGIN = 160;

    private final Window owner;

    FxDialogs(Window owner) {
        this.owner = owner;
    }

    @Override
    public Optional<Path> chooseDesignToOpen(Path initialDir) {
        FileChooser chooser = designChooser("Open design", initialDir);
        return Optional.ofNullable(chooser.showOpenDialog(owner)).map(File::toPath);
    }

    @Override
    public Optional<Path> chooseModelToImport(Path initialDir) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Import a model");
        chooser.getExtensionFilters().setAll(
                new FileChooser.ExtensionFilter("Keras and ONNX models, Keras code", "*.h5", "*.hdf5", "*.keras", "*.json",
                        "*.py", "*.onnx"),
                new FileChooser.ExtensionFilter("All files", "*"));
        if (initialDir != null && Files.isDirectory(initialDir)) {
            chooser.setInitialDirectory(initialDir.toFile());
        }
        return Optional.ofNullable(chooser.showOpenDialog(owner)).map(File::toPath);
    }

    @Override
    public Optional<Path> chooseDesignToSave(Path initialDir, String suggestedName) {
        FileChooser chooser = designChooser("Save design", initialDir);
        chooser.setInitialFileName(suggestedName);
        return Optional.ofNullable(chooser.showSaveDialog(owner)).map(File::toPath);
    }

    @Override
    public Optional<Path> chooseExport(String title, String suggestedName, String filterDescription, String... patterns) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.setInitialFileName(suggestedName);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(filterDescription, patterns));
        return Optional.ofNullable(chooser.showSaveDialog(owner)).map(File::toPath);
    }

    @Override
    public UnsavedChoice confirmUnsaved(String designName, String action) {
        ButtonType save = new ButtonType("Save", ButtonBar.ButtonData.YES);
        ButtonType discard = new ButtonType("Don't Save", ButtonBar.ButtonData.NO);
        Alert alert = alert(Alert.AlertType.CONFIRMATION, "Unsaved changes",
                "Save the changes to \u201c" + designName + "\u201d before you " + action + "?", save, discard, ButtonType.CANCEL);
        ButtonType answer = alert.showAndWait().orElse(ButtonType.CANCEL);
        return answer == save ? UnsavedChoice.SAVE : answer == discard ? UnsavedChoice.DISCARD : UnsavedChoice.CANCEL;
    }

    @Override
    public boolean confirmSaveToStart(String designName, String what) {
        ButtonType save = new ButtonType("Save and Start", ButtonBar.ButtonData.YES);
        Alert alert = alert(Alert.AlertType.CONFIRMATION, "Save before starting",
                what + " trains the design as saved, and keeps what it makes beside the design's file. Save \u201c"
                        + designName + "\u201d now and start?", save, ButtonType.CANCEL);
        return alert.showAndWait().orElse(ButtonType.CANCEL) == save;
    }

    @Override
    public boolean confirmStopRun() {
        ButtonType stop = new ButtonType("Stop and Quit", ButtonBar.ButtonData.YES);
        Alert alert = alert(Alert.AlertType.CONFIRMATION, "Training in progress",
                "A training run is in progress. Stop it (the model so far is saved) and quit?", stop, ButtonType.CANCEL);
        return alert.showAndWait().orElse(ButtonType.CANCEL) == stop;
    }

    @Override
    public boolean confirmDataOutsideDesign(Path data, Path designFolder) {
        ButtonType read = new ButtonType("Read It", ButtonBar.ButtonData.YES);
        Alert alert = alert(Alert.AlertType.CONFIRMATION, "Data outside the design's folder",
                "This design reads its data from " + data + ", which is outside its folder (" + designFolder + "). "
                        + "Read that file? Choose Cancel to pick other data on the Data tab.", read, ButtonType.CANCEL);
        return alert.showAndWait().orElse(ButtonType.CANCEL) == read;
    }

    @Override
    public boolean offerRecovery(String designName, Path originalFile, Instant savedAt) {
        ButtonType recover = new ButtonType("Recover", ButtonBar.ButtonData.YES);
        ButtonType discard = new ButtonType("Discard", ButtonBar.ButtonData.NO);
        String when = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM).withZone(ZoneId.systemDefault()).format(savedAt);
        String where = originalFile == null ? "a design that was never saved" : originalFile.toString();
        Alert alert = alert(Alert.AlertType.CONFIRMATION, "Recover unsaved work",
                "Netwright did not close cleanly last time. An autosaved version of \u201c" + designName + "\u201d ("
                        + where + ") from " + when + " was found. Recover it?", recover, discard);
        return alert.showAndWait().orElse(discard) == recover;
    }

    @Override
    public <T> Optional<T> pasteCode(String title, String hint, CodeReader<T> reader) {
        Dialog<ButtonType> dialog = new Dialog<>();
        if (owner != null) {
            dialog.initOwner(owner);
        }
        dialog.setTitle(title);
        dialog.setResizable(true);
        Label hintLabel = new Label(hint);
        hintLabel.setWrapText(true);
        TextArea code = new TextArea();
        code.setId("paste-code-text");
        code.setStyle("-fx-font-family: monospace;");
        code.setPrefColumnCount(88);
        code.setPrefRowCount(22);
        Clipboard clipboard = Clipboard.getSystemClipboard();
        if (clipboard.hasString()) {
            code.setText(clipboard.getString());
        }
        Label problem = new Label();
        problem.setId("paste-code-problem");
        problem.setWrapText(true);
        problem.setStyle("-fx-text-fill: #b00020;");
        problem.managedProperty().bind(problem.textProperty().isNotEmpty());
        code.textProperty().addListener((o, was, now) -> problem.setText("")); // a problem shown is about the old text
        VBox content = new VBox(8, hintLabel, code, problem);
        VBox.setVgrow(code, Priority.ALWAYS);
        Rectangle2D screen = screenOf(owner);
        content.setMaxWidth(screen.getWidth() - SCREEN_MARGIN);
        dialog.getDialogPane().setContent(content);
        ButtonType read = new ButtonType("Import", ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().setAll(read, ButtonType.CANCEL);
        List<T> result = new ArrayList<>(1);
        dialog.getDialogPane().lookupButton(read).addEventFilter(ActionEvent.ACTION, event -> {
            String text = code.getText();
            try {
                result.add(reader.read(text));
            } catch (CodeReader.Problem p) {
                event.consume(); // the dialog stays open on the code, the caret at the problem
                problem.setText(p.getMessage());
                code.requestFocus();
                code.positionCaret(p.offsetIn(text));
            }
        });
        // Enter is a new line in the code, not Import (the button's default role would take it); Ctrl+Enter imports
        javafx.scene.control.Button importButton = (javafx.scene.control.Button) dialog.getDialogPane().lookupButton(read);
        importButton.setDefaultButton(false);
        code.addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, key -> {
            if (key.getCode() == javafx.scene.input.KeyCode.ENTER && key.isShortcutDown()) {
                key.consume();
                importButton.fire();
            }
        });
        dialog.setOnShown(e -> code.requestFocus());
        return dialog.showAndWait().filter(read::equals).flatMap(b -> result.stream().findFirst());
    }

    @Override
    public void showError(String title, String message) {
        alert(Alert.AlertType.ERROR, title, message, ButtonType.OK).showAndWait();
    }

    @Override
    public void showInformation(String title, String message) {
        alert(Alert.AlertType.INFORMATION, title, message, ButtonType.OK).showAndWait();
    }

    private Alert alert(Alert.AlertType type, String title, String message, ButtonType... buttons) {
        return alert(owner, type, title, message, buttons);
    }

    /**
     * An alert whose message wraps at a readable width (a path too long for a line is broken inside), and scrolls rather than growing past the
     * screen the owner is on (issue 15, defect 2: a path made a one-line dialog 1,500 px wide with its OK button off-screen).
     */
    static Alert alert(Window owner, Alert.AlertType type, String title, String message, ButtonType... buttons) {
        Alert alert = new Alert(type, "", buttons);
        if (owner != null) {
            alert.initOwner(owner);
        }
        alert.setTitle(title);
        alert.setHeaderText(null);
        Rectangle2D screen = screenOf(owner);
        Label text = new Label(message);
        text.setWrapText(true);
        text.setPrefWidth(Math.min(MESSAGE_WIDTH, screen.getWidth() - SCREEN_MARGIN));
        text.setMinHeight(Region.USE_PREF_SIZE);
        double tallest = screen.getHeight() / 2;
        ScrollPane scroll = new ScrollPane(text) {
            @Override
            protected double computePrefHeight(double width) {
                return Math.min(super.computePrefHeight(width), tallest);
            }
        };
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        scroll.getStyleClass().add("dialog-message");
        scroll.setStyle("-fx-background-color: transparent; -fx-background-insets: 0; -fx-padding: 0;");
        alert.getDialogPane().setContent(scroll);
        alert.getDialogPane().setMaxWidth(screen.getWidth() - SCREEN_MARGIN / 2);
        return alert;
    }

    private static Rectangle2D screenOf(Window owner) {
        if (owner != null && owner.getWidth() > 0) {
            var screens = Screen.getScreensForRectangle(owner.getX(), owner.getY(), owner.getWidth(), owner.getHeight());
            if (!screens.isEmpty()) {
                return screens.get(0).getVisualBounds();
            }
        }
        return Screen.getPrimary().getVisualBounds();
    }

    private static FileChooser designChooser(String title, Path initialDir) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter("Netwright designs", "*.netwright.json", "*.json"),
                new FileChooser.ExtensionFilter("All files", "*"));
        if (initialDir != null && Files.isDirectory(initialDir)) {
            chooser.setInitialDirectory(initialDir.toFile());
        }
        return chooser;
    }
}
