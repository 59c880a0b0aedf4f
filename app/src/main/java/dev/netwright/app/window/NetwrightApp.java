package dev.netwright.app.window;

import dev.netwright.app.files.AppHome;
import dev.netwright.app.files.Autosave;
import dev.netwright.app.files.RecentFiles;
import dev.netwright.app.files.Recovery;
import dev.netwright.app.training.RunLauncher;
import dev.netwright.samples.Samples;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The JavaFX application: builds the main window, shows it, then offers crash recovery and opens the
 * design named on the command line ({@code sample:ID} or a file). ND4J is never loaded here: training
 * runs in worker processes.
 */
public final class NetwrightApp extends Application {
    private static final Logger LOG = LoggerFactory.getLogger(NetwrightApp.class);
    /** A sample or file to open at start, e.g. {@code sample:cnn}. */
    public static final String SAMPLE_PREFIX = Samples.REFERENCE_PREFIX;

    private static volatile NetwrightApp running;
    private MainWindow window;

    /** Starts the window (blocks until it closes); {@code open} is a design to open at once, or null. */
    public static void launchWindow(String open) {
        Application.launch(NetwrightApp.class, open == null ? new String[0] : new String[] {open});
    }

    @Override
    public void start(Stage stage) {
        running = this;
        AppHome home = AppHome.fromEnvironment();
        try {
            java.nio.file.Files.createDirectories(home.root());
            LogFile.install(home.root());
        } catch (java.io.IOException | RuntimeException e) {
            LOG.warn("no log file in {}: {}", home.root(), e.getMessage());
        }
        AppContext context = new AppContext(home, new RecentFiles(home.recentFile()), new Autosave(recoveryDir(home)),
                RunLauncher.worker(), AppContext.backgroundThreads(), Platform::runLater);
        window = new MainWindow(stage, context, null);
        window.setBrowser(getHostServices()::showDocument);
        Thread.setDefaultUncaughtExceptionHandler(NetwrightApp::unexpected);
        List<String> args = getParameters().getUnnamed();
        if (!args.isEmpty()) {
            window.showOpening(args.get(0));
        }
        stage.show();
        // First the window on screen, then the design: recovery check (a file read) and opening come after the first frame.
        FirstFrame.whenDrawn(ms -> {
            LOG.info("window on screen {} ms after the JVM started", ms);
            context.background().execute(() -> {
                Optional<Recovery> pending = context.autosave().pending();
                Platform.runLater(() -> {
                    boolean recovered = pending.isPresent() && window.offerRecovery(pending.get());
                    if (!recovered && !args.isEmpty()) {
                        open(args.get(0));
                    }
                    if (window.workspace().isPresent()) {
                        // the design first; the docked panels (the Training panel's form and charts) a frame later
                        Workspace opened = window.workspace().get();
                        opened.holdPanelsBack();
                        FirstFrame.whenDrawn(shown -> {
                            LOG.info("design on screen {} ms after the JVM started", shown);
                            opened.bringPanelsIn();
                            FirstFrame.whenDrawn(all -> LOG.info("panels on screen {} ms after the JVM started", all));
                        });
                    } else {
                        window.showStart();
                    }
                });
            });
        });
    }

    /** A bug, not bad input: logged with its stack trace, shown as one sentence (never a trace in a dialog). */
    private static void unexpected(Thread thread, Throwable error) {
        LOG.error("unexpected error on thread {}", thread.getName(), error);
        NetwrightApp app = running;
        if (app == null || app.window == null) {
            return;
        }
        String what = error.getClass().getSimpleName() + (error.getMessage() == null ? "" : ": " + error.getMessage());
        Platform.runLater(() -> app.window.dialogs().showError("Something went wrong",
                "That action failed because of an error in Netwright (" + what + "). Your design is still open; "
                        + "save it, and report the problem with the log (" + home().resolve(LogFile.NAME) + ")."));
    }

    private static Path home() {
        return AppHome.fromEnvironment().root();
    }

    private static Path recoveryDir(AppHome home) {
        try {
            return home.recoveryDir();
        } catch (java.io.IOException e) {
            LOG.warn("cannot make the recovery folder under {}: {}", home.root(), e.getMessage());
            return Path.of(System.getProperty("java.io.tmpdir"), "netwright-recovery");
        }
    }

    private void open(String what) {
        if (what.startsWith(SAMPLE_PREFIX)) {
            window.openSample(what.substring(SAMPLE_PREFIX.length()));
        } else {
            window.openFile(Path.of(what));
        }
    }

    @Override
    public void stop() {
        if (window != null) {
            window.workspace().ifPresent(w -> w.training().kill());
        }
    }
}
