package dev.netwright.app.window;

import dev.netwright.app.files.AppHome;
import dev.netwright.app.files.Autosave;
import dev.netwright.app.files.RecentFiles;
import dev.netwright.app.training.RunLauncher;
import dev.netwright.app.training.RunState;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.testfx.util.WaitForAsyncUtils;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** Builds a main window on a fresh app folder, with scripted dialogs, for the window tests. */
final class WindowTestSupport {
    private WindowTestSupport() {
    }

    static Path freshHome() throws IOException {
        return Files.createTempDirectory("netwright-home-");
    }

    static MainWindow window(Stage stage, Path home, ScriptedDialogs dialogs) throws IOException {
        AppHome appHome = new AppHome(home);
        AppContext context = new AppContext(appHome, new RecentFiles(appHome.recentFile()), new Autosave(appHome.recoveryDir()),
                RunLauncher.worker(), AppContext.backgroundThreads(), Platform::runLater);
        MainWindow window = new MainWindow(stage, context, dialogs);
        // TestFX hands every test class the same stage: one that another test showed at its own size (TrainingFormTest's
        // 700x300) keeps that size when given the window's scene, unless told to take the scene's
        stage.sizeToScene();
        stage.show();
        return window;
    }

    /** Waits (off the FX thread) until the condition, read on the FX thread, holds. */
    static void waitFor(Duration timeout, String what, BooleanSupplier condition) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS, () -> onFx(condition::getAsBoolean));
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("timed out after " + timeout + " waiting for " + what, e);
        }
    }

    static <T> T onFx(Callable<T> action) throws Exception {
        return WaitForAsyncUtils.asyncFx(action).get(30, TimeUnit.SECONDS);
    }

    static void onFx(Runnable action) throws Exception {
        WaitForAsyncUtils.asyncFx(action).get(30, TimeUnit.SECONDS);
    }

    /**
     * The seed CNN saved in {@code home}/designs/cnn.json with weights of its own (freshly initialised, as an imported
     * model's would be), its sidecar beside it; returns the design file.
     */
    static Path cnnWithWeights(Path home) throws Exception {
        dev.netwright.runtime.design.Design cnn = dev.netwright.samples.Samples.load("cnn");
        org.deeplearning4j.nn.graph.ComputationGraph graph = new dev.netwright.runtime.compile.DesignCompiler()
                .compile(cnn, dev.netwright.runtime.compile.TrainingSettings.defaults()).newNetwork();
        Path file = Files.createDirectories(home.resolve("designs")).resolve("cnn.json");
        Path weights = dev.netwright.runtime.weights.DesignWeights.sidecarFor(file);
        dev.netwright.runtime.weights.DesignWeights.extract(graph, cnn).write(weights);
        new dev.netwright.runtime.format.DesignJson().write(cnn.withWeights(weights.toString()), file);
        return file;
    }

    /** Fires a menu item of the window's menu bar by its text, as a click on it does. */
    static void fireMenuItem(MainWindow window, String text) throws Exception {
        onFx(() -> {
            javafx.scene.control.MenuBar bar = (javafx.scene.control.MenuBar) window.stage().getScene().getRoot()
                    .lookup(".menu-bar");
            java.util.ArrayDeque<javafx.scene.control.MenuItem> items = new java.util.ArrayDeque<>(bar.getMenus());
            while (!items.isEmpty()) {
                javafx.scene.control.MenuItem item = items.poll();
                if (text.equals(item.getText())) {
                    item.fire();
                    return;
                }
                if (item instanceof javafx.scene.control.Menu menu) {
                    items.addAll(menu.getItems());
                }
            }
            throw new AssertionError("no menu item " + text);
        });
    }

    static boolean idle(MainWindow window) {
        return window.workspace().map(w -> w.training().state() == RunState.IDLE).orElse(true);
    }
}
