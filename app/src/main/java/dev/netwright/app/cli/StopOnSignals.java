package dev.netwright.app.cli;

import sun.misc.Signal;
import sun.misc.SignalHandler;

import java.io.PrintWriter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * While {@code train} waits for its run (in a worker, or a data-parallel run's session in this JVM): Ctrl+C (SIGINT),
 * SIGTERM and SIGHUP stop the run where it next can (the next minibatch; a cluster's next averaging round) and the
 * command waits for the model to be saved, then exits 0, as for a run that finished. A second signal (Ctrl+C again, or
 * a second SIGTERM from a service manager) ends the run at once without saving. The JVM's own handlers (which would
 * begin shutting down and leave the model unsaved) are put back on {@link #close()}.
 */
final class StopOnSignals implements AutoCloseable {
    private static final List<String> SIGNALS = List.of("INT", "TERM", "HUP");

    /** What a run does when told to stop, and to quit at once. */
    interface Run {
        /** Stops where it next can and saves its model. */
        void stop();

        /** Ends at once without saving. */
        void kill();
    }

    private final PrintWriter err;
    private final String stopsAt;
    private Run run;
    private final Map<Signal, SignalHandler> previous = new HashMap<>();
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final AtomicBoolean killed = new AtomicBoolean();

    /** Takes the signals from now on; a signal before {@link #attach} stops the run as soon as it is attached. */
    StopOnSignals(PrintWriter err) {
        this(err, "the next minibatch");
    }

    /** As above; {@code stopsAt} says where the run stops ("the next minibatch"). */
    StopOnSignals(PrintWriter err, String stopsAt) {
        this.err = err;
        this.stopsAt = stopsAt;
        for (String name : SIGNALS) {
            try {
                Signal signal = new Signal(name);
                previous.put(signal, Signal.handle(signal, this::received));
            } catch (IllegalArgumentException e) {
                // a signal this platform or JVM (-Xrs) does not let us handle: its default stays
            }
        }
    }

    /** The run to stop; if a signal came while it was starting, it is told to stop now. */
    synchronized void attach(Run started) {
        run = started;
        if (stopping.get()) {
            started.stop();
        }
    }

    /** Whether a second Ctrl+C ended the run without saving. */
    boolean killed() {
        return killed.get();
    }

    private synchronized void received(Signal signal) {
        if (stopping.compareAndSet(false, true)) {
            err.println();
            err.println("Stopping at " + stopsAt + " and saving the model"
                    + (signal.getName().equals("INT") ? " (press Ctrl+C again to quit at once without saving)" : "")
                    + "...");
            err.flush();
            if (run != null) {
                run.stop();
            }
        } else if (killed.compareAndSet(false, true)) { // a second signal of any kind: a run stuck in a minibatch
            err.println();
            err.println("Quitting at once: the model of this run is not saved.");
            err.flush();
            if (run != null) {
                run.kill();
            } else {
                System.exit(ExitCodes.QUIT); // no run yet: nothing to save or wait for
            }
        }
    }

    @Override
    public void close() {
        previous.forEach((signal, handler) -> {
            try {
                Signal.handle(signal, handler);
            } catch (IllegalArgumentException e) {
                // it could be set, so it can be put back; nothing else to do
            }
        });
    }
}
