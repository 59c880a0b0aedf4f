package dev.netwright.bench.app;

import dev.netwright.app.files.AppHome;
import dev.netwright.app.files.Autosave;
import dev.netwright.app.files.RecentFiles;
import dev.netwright.app.training.RunLauncher;
import dev.netwright.app.training.RunState;
import dev.netwright.app.window.AppContext;
import dev.netwright.app.window.MainWindow;
import dev.netwright.app.window.Workspace;
import dev.netwright.charts.fx.ConfusionMatrixChart;
import dev.netwright.runtime.train.TrainingEvent;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;

import javax.imageio.ImageIO;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

/**
 * Screenshots of the main window in a real (Xvfb) display for the README: the start page, the CNN sample
 * mid-training with its curves, the evaluation after the run with a confusion cell picked, and the Data panel.
 * Run by app/screenshots.sh OUT_DIR.
 */
public final class WindowScreenshots {
    private WindowScreenshots() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "docs/images");
        Files.createDirectories(out);
        CompletableFuture<Void> started = new CompletableFuture<>();
        Platform.startup(() -> started.complete(null));
        started.get(30, TimeUnit.SECONDS);
        Path home = Files.createTempDirectory("netwright-screens-");
        AtomicReference<MainWindow> window = new AtomicReference<>();
        onFx(() -> {
            try {
                AppHome appHome = new AppHome(home);
                AppContext context = new AppContext(appHome, new RecentFiles(appHome.recentFile()),
                        new Autosave(appHome.recoveryDir()), RunLauncher.worker(), AppContext.backgroundThreads(), Platform::runLater);
                Stage stage = new Stage();
                window.set(new MainWindow(stage, context, null));
                stage.setWidth(1500);
                stage.setHeight(950);
                stage.show();
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(1500);
        shoot(window.get(), out.resolve("app-start.png"));

        onFx(() -> {
            window.get().openSample("cnn");
            Workspace w = window.get().workspace().orElseThrow();
            w.trainingPanel().form().setQuickRun(3, 0, 0);
            w.train();
        });
        Workspace w = window.get().workspace().orElseThrow();
        waitUntil(() -> w.training().metricsProperty().get().validationAccuracy().size() >= 1
                && w.training().metricsProperty().get().loss().size() >= 110, 300);
        Thread.sleep(500);
        shoot(window.get(), out.resolve("app-training.png"));

        waitUntil(() -> w.training().state() == RunState.IDLE, 600);
        Thread.sleep(3000); // the gallery's pictures load in the background
        onFx(() -> {
            TrainingEvent.Evaluation e = w.evaluationPanel().evaluation();
            int[][] c = e.confusion();
            ConfusionMatrixChart.Cell worst = new ConfusionMatrixChart.Cell(0, 1);
            for (int a = 0; a < c.length; a++) {
                for (int p = 0; p < c.length; p++) {
                    if (a != p && c[a][p] > c[worst.actual()][worst.predicted()]) {
                        worst = new ConfusionMatrixChart.Cell(a, p);
                    }
                }
            }
            w.evaluationPanel().gallery().filter(worst);
        });
        Thread.sleep(800);
        shoot(window.get(), out.resolve("app-evaluation.png"));

        onFx(() -> w.showTab("data-tab"));
        Thread.sleep(1500);
        shoot(window.get(), out.resolve("app-data.png"));
        Platform.exit();
        System.exit(0);
    }

    private static void shoot(MainWindow window, Path file) throws Exception {
        CompletableFuture<WritableImage> image = new CompletableFuture<>();
        Platform.runLater(() -> image.complete(window.stage().getScene().snapshot(null)));
        ImageIO.write(SwingFXUtils.fromFXImage(image.get(30, TimeUnit.SECONDS), null), "png", file.toFile());
        System.out.println("wrote " + file);
    }

    private static void waitUntil(BooleanSupplier condition, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            CompletableFuture<Boolean> now = new CompletableFuture<>();
            Platform.runLater(() -> now.complete(condition.getAsBoolean()));
            if (now.get(30, TimeUnit.SECONDS)) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("timed out");
    }

    private static void onFx(Runnable action) throws Exception {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                action.run();
                done.complete(null);
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        });
        done.get(60, TimeUnit.SECONDS);
    }
}
