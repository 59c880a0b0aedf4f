package dev.netwright.runtime.train.worker;

import dev.netwright.runtime.train.BackendChooser;
import dev.netwright.runtime.train.TrainingEvent;
import dev.netwright.runtime.train.TrainingEvents;
import dev.netwright.runtime.train.TrainingListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A running worker: send it commands (never blocking the caller on training), and learn how it ended.
 * A worker that dies without saying so (crash, kill -9, out of memory) becomes a {@code failed} event
 * with its exit code and the last lines it logged.
 */
public final class WorkerHandle {
    private static final Logger LOG = LoggerFactory.getLogger(WorkerHandle.class);
    private static final int LOG_TAIL_LINES = 30;

    private final Process process;
    private final BackendChooser.Choice backend;
    private final TrainingListener listener;
    private final Deque<String> stderrTail = new ArrayDeque<>();
    private final CompletableFuture<TrainingEvent> end = new CompletableFuture<>();
    private volatile TrainingEvent terminal;
    private volatile boolean killedOnRequest;

    private WorkerHandle(Process process, BackendChooser.Choice backend, TrainingListener listener) {
        this.process = process;
        this.backend = backend;
        this.listener = listener;
    }

    static WorkerHandle start(Process process, BackendChooser.Choice backend, TrainingListener listener) {
        WorkerHandle handle = new WorkerHandle(process, backend, listener);
        Thread stderr = new Thread(handle::drainStderr, "worker-stderr-" + process.pid());
        stderr.setDaemon(true);
        stderr.start();
        Thread events = new Thread(handle::readEvents, "worker-events-" + process.pid());
        events.setDaemon(true);
        events.start();
        return handle;
    }

    /** Which backend the run was given, and why (for the status bar). */
    public BackendChooser.Choice backend() {
        return backend;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public void pause() {
        send(WorkerCommand.PAUSE);
    }

    public void resume() {
        send(WorkerCommand.RESUME);
    }

    /** Asks the run to stop at the next minibatch and save the model. */
    public void stop() {
        send(WorkerCommand.STOP);
    }

    public void checkpoint() {
        send(WorkerCommand.CHECKPOINT);
    }

    /** Ends the worker at once, without saving. */
    public void kill() {
        killedOnRequest = true;
        process.destroyForcibly();
    }

    /** The terminal event, when the run is over. */
    public CompletableFuture<TrainingEvent> end() {
        return end;
    }

    /** Waits for the terminal event. */
    public TrainingEvent awaitEnd(Duration timeout) throws InterruptedException, TimeoutException {
        try {
            return end.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    private void send(WorkerCommand command) {
        try {
            OutputStream in = process.getOutputStream();
            in.write((command.line() + "\n").getBytes(StandardCharsets.UTF_8));
            in.flush();
        } catch (IOException e) {
            LOG.info("worker {} no longer takes commands ({}): {}", process.pid(), command.line(), e.getMessage());
        }
    }

    private void readEvents() {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                TrainingEvent event;
                try {
                    event = TrainingEvents.fromJsonLine(line);
                } catch (IllegalArgumentException e) {
                    LOG.warn("worker {} printed a line that is not an event: {}", process.pid(), line);
                    continue;
                }
                deliver(event);
            }
        } catch (IOException e) {
            LOG.warn("lost the event stream of worker {}: {}", process.pid(), e.getMessage());
        }
        try {
            int code = process.waitFor();
            if (terminal == null) {
                Thread.sleep(200); // let the stderr reader catch the last lines
                deliver(killedOnRequest
                        ? new TrainingEvent.Failed("The run was ended at once, as asked; its model was not saved. "
                                + "Your design is unchanged.", code, List.of())
                        : new TrainingEvent.Failed("The training process ended unexpectedly: " + describeExit(code)
                                + ". Your design is unchanged.", code, tail()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        end.complete(terminal);
    }

    private void deliver(TrainingEvent event) {
        if (terminal != null) {
            return;
        }
        if (event.isTerminal()) {
            terminal = event;
        }
        try {
            listener.onEvent(event);
        } catch (RuntimeException e) {
            LOG.error("a training listener failed on {}", event, e);
        }
    }

    private void drainStderr() {
        try (BufferedReader err = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = err.readLine()) != null) {
                synchronized (stderrTail) {
                    stderrTail.addLast(line);
                    if (stderrTail.size() > LOG_TAIL_LINES) {
                        stderrTail.removeFirst();
                    }
                }
            }
        } catch (IOException e) {
            // the process is gone; what was read is kept
        }
    }

    private List<String> tail() {
        synchronized (stderrTail) {
            return List.copyOf(stderrTail);
        }
    }

    static String describeExit(int code) {
        return switch (code) {
            case 137 -> "it was killed (exit code 137; the system may have run out of memory)";
            case 143 -> "it was terminated (exit code 143)";
            case 134 -> "it crashed in native code (exit code 134)";
            case 3 -> "it ran out of memory (exit code 3)";
            default -> "exit code " + code;
        };
    }
}
