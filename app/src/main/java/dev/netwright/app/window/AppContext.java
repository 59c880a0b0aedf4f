package dev.netwright.app.window;

import dev.netwright.app.files.AppHome;
import dev.netwright.app.files.Autosave;
import dev.netwright.app.files.RecentFiles;
import dev.netwright.app.training.RunLauncher;

import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/** What the main window works with: the app's folder, recent files, autosave, the worker launcher, threads. */
public record AppContext(AppHome home, RecentFiles recent, Autosave autosave, RunLauncher launcher,
                         ExecutorService background, Consumer<Runnable> onFxThread) {

    public AppContext {
        Objects.requireNonNull(home, "home");
        Objects.requireNonNull(recent, "recent");
        Objects.requireNonNull(autosave, "autosave");
        Objects.requireNonNull(launcher, "launcher");
        Objects.requireNonNull(background, "background");
        Objects.requireNonNull(onFxThread, "onFxThread");
    }

    /** Daemon threads for file reading, data loading and worker start-up: never the FX thread. */
    public static ExecutorService backgroundThreads() {
        return Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "netwright-background");
            t.setDaemon(true);
            return t;
        });
    }
}
