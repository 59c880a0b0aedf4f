package dev.netwright.app.tryit;

import dev.netwright.runtime.train.SerialFilter;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;

/**
 * Starts the process that answers the Try it panel on one run: {@link #childJvm()} runs {@code netwright tryit-server
 * RUN_DIR} in a child JVM (the window's JVM does not load ND4J), kept for as long as the panel works on that run.
 * Tests give their own.
 */
@FunctionalInterface
public interface TryItProcess {

    /** A started process: requests go in as lines; it is stopped when the panel moves to another run. */
    interface Connection {
        /** Sends one request line; false when the process has ended and cannot take it. */
        boolean send(String line);

        /** Ends the process. */
        void stop();
    }

    /**
     * Starts it on {@code runDir}; each line it prints goes to {@code replies}, and {@code ended} gets its exit code
     * and its last error line (both on a thread of its own) when it ends, whatever the reason.
     */
    Connection start(Path runDir, Consumer<String> replies, Ended ended) throws IOException;

    /** Told when the process has ended. */
    @FunctionalInterface
    interface Ended {
        void ended(int exitCode, String lastErrorLine);
    }

    /** {@code netwright tryit-server} in a child JVM on this JVM's class path. */
    static TryItProcess childJvm() {
        return (runDir, replies, ended) -> {
            List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx2g", "-XX:+ExitOnOutOfMemoryError", "-Djava.awt.headless=true", SerialFilter.JVM_OPTION,
                    "-cp", System.getProperty("java.class.path"), "dev.netwright.app.Netwright", "tryit-server",
                    runDir.toString());
            Process process = new ProcessBuilder(command).start();
            Deque<String> errors = new ArrayDeque<>();
            Thread errorReader = daemon("tryit-errors", () -> readLines(process.getErrorStream(), line -> {
                synchronized (errors) {
                    errors.addLast(line);
                    if (errors.size() > 20) {
                        errors.removeFirst();
                    }
                }
            }));
            daemon("tryit-replies", () -> {
                readLines(process.getInputStream(), replies);
                int code;
                try {
                    code = process.waitFor();
                    errorReader.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                synchronized (errors) {
                    ended.ended(code, errors.stream().filter(l -> !l.isBlank()).reduce((a, b) -> b).orElse(""));
                }
            });
            Writer requests = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
            return new Connection() {
                @Override
                public synchronized boolean send(String line) {
                    try {
                        requests.write(line + "\n");
                        requests.flush();
                        return true;
                    } catch (IOException e) {
                        return false;
                    }
                }

                @Override
                public void stop() {
                    process.descendants().forEach(ProcessHandle::destroy);
                    process.destroy();
                }
            };
        };
    }

    private static Thread daemon(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static void readLines(java.io.InputStream stream, Consumer<String> lines) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                lines.accept(line);
            }
        } catch (IOException e) {
            // the process ended: what it said before is all there is
        }
    }
}
