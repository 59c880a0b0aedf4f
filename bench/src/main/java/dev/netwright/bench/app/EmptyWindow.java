package dev.netwright.bench.app;

import dev.netwright.app.window.FirstFrame;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;


/** The floor for "window on screen after launch": a bare JavaFX window, same JVM and JavaFX, nothing else. */
public final class EmptyWindow extends Application {
    public static void main(String[] args) {
        launch(EmptyWindow.class, args);
    }

    @Override
    public void start(Stage stage) {
        stage.setScene(new Scene(new Label("empty"), 1400, 900));
        stage.show();
        FirstFrame.whenDrawn(ms -> System.err.println("window on screen " + ms + " ms after the JVM started"));
    }
}
