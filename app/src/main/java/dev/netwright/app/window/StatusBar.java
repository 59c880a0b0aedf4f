package dev.netwright.app.window;

import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.control.Tooltip;
import javafx.geometry.Orientation;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/** The window's bottom line: backend and device, parameter count, problems, and the run's state ({@link StatusBarModel}). */
public final class StatusBar extends HBox {
    private final Label backend = label("status-backend", "Backend: checking…");
    private final Label parameters = label("status-parameters", "");
    private final Label problems = label("status-problems", "");
    private final Label run = label("status-run", "Idle");

    public StatusBar(StatusBarModel model) {
        super(10);
        setId("status-bar");
        setAlignment(Pos.CENTER_LEFT);
        setPadding(new Insets(3, 8, 3, 8));
        setStyle("-fx-background-color: #f0f0f0; -fx-border-color: #c8c8c8 transparent transparent transparent;");
        // the run's sentence can be long (a failure's reason): it is cut with an ellipsis, whole in its tooltip,
        // rather than widening the window past the screen
        run.setMinWidth(0);
        Tooltip whole = new Tooltip();
        whole.textProperty().bind(run.textProperty());
        whole.setWrapText(true);
        whole.setMaxWidth(600);
        run.setTooltip(whole);
        Region spring = new Region();
        HBox.setHgrow(spring, Priority.ALWAYS);
        getChildren().setAll(run, spring, parameters, separator(), problems, separator(), backend);
        run.textProperty().bind(model.runProperty());
        parameters.textProperty().bind(model.parametersProperty());
        problems.textProperty().bind(model.problemsProperty());
        problems.styleProperty().bind(Bindings.when(model.hasErrorsProperty()).then("-fx-text-fill: #b00020;").otherwise(""));
        backend.textProperty().bind(model.backendProperty());
    }

    public Label backend() {
        return backend;
    }

    public Label parameters() {
        return parameters;
    }

    public Label problems() {
        return problems;
    }

    public Label run() {
        return run;
    }

    private static Separator separator() {
        return new Separator(Orientation.VERTICAL);
    }

    private static Label label(String id, String text) {
        Label l = new Label(text);
        l.setId(id);
        l.setMinWidth(Region.USE_PREF_SIZE);
        return l;
    }
}
