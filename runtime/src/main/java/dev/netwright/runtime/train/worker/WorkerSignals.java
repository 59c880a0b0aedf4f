package dev.netwright.runtime.train.worker;

import dev.netwright.runtime.train.RunControl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * The worker's answer to signals. Ctrl+C in a terminal and a closed terminal (SIGINT, SIGHUP) go to the whole
 * process group: the process that started the worker decides what they mean (the command line stops the run and
 * waits for the model), so the worker ignores them. SIGTERM sent to the worker itself stops the run at the next
 * minibatch and saves the model, as the stop command does. On Linux the worker also runs in a session of its own
 * ({@link WorkerClient}), which keeps the terminal's signals away even while the JVM starts.
 */
final class WorkerSignals {
    private static final Logger LOG = LoggerFactory.getLogger(WorkerSignals.class);

    private WorkerSignals() {
    }

    static void install(RunControl control) {
        handle("INT", signal -> LOG.info("ignoring SIGINT: the process that started this worker stops it"));
        handle("HUP", signal -> LOG.info("ignoring SIGHUP: the process that started this worker stops it"));
        handle("TERM", signal -> {
            LOG.info("SIGTERM: stopping at the next minibatch and saving the model");
            control.stop();
        });
    }

    private static void handle(String name, sun.misc.SignalHandler handler) {
        try {
            Signal.handle(new Signal(name), handler);
        } catch (IllegalArgumentException e) {
            LOG.debug("signal {} cannot be handled here: {}", name, e.getMessage()); // e.g. SIGHUP on Windows
        }
    }
}
