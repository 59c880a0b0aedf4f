package dev.netwright.app.training;

import dev.netwright.runtime.train.SerialFilter;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs a {@code netwright} command (compress, sweep) where the window's JVM does not load ND4J: {@link #childJvm()}
 * starts it as a child JVM, as training and evaluation run. Tests give their own.
 */
@FunctionalInterface
public interface CommandLauncher {

    /** A command under way. */
    interface Running {
        /** Waits for the end; its exit code (0: done). */
        int waitFor() throws InterruptedException;

        /**
         * Waits at most {@code timeout} for the end: true once it has ended ({@link #waitFor()} then returns its exit
         * code at once). One that cannot wait for a while waits for the end.
         */
        default boolean waitFor(Duration timeout) throws InterruptedException {
            waitFor();
            return true;
        }

        /** Stops it; what it had written is left for the command's own clean-up. */
        void cancel();
    }

    /** Starts {@code netwright} with {@code arguments}, handing each line it prints to {@code lines} (on its thread). */
    Running start(List<String> arguments, Consumer<String> lines) throws IOException;

    /** How a command ended: its exit code and the last non-blank line it printed ("exit code N" if none). */
    record Outcome(int exitCode, String lastLine) {
    }

    /**
     * Runs {@code arguments} to the end on the calling thread (a background one): each non-blank line it prints goes
     * to {@code lines}, and the command under way to {@code started} as soon as it runs (to cancel it).
     */
    default Outcome run(List<String> arguments, Consumer<String> lines, Consumer<Running> started)
            throws IOException, InterruptedException {
        java.util.concurrent.atomic.AtomicReference<String> last = new java.util.concurrent.atomic.AtomicReference<>();
        Running running = start(arguments, line -> {
            if (!line.isBlank()) {
                last.set(line.strip());
                lines.accept(line.strip());
            }
        });
        started.accept(running);
        int code = running.waitFor();
        return new Outcome(code, last.get() == null ? "exit code " + code : last.get());
    }

    /**
     * The {@code ./netwright} launcher of a source checkout, which the launcher names to the JVMs it starts: it also
     * puts the cluster module (Apache Spark) on a command's class path where the command has {@code --cluster}.
     */
    String LAUNCHER_PROPERTY = "netwright.launcher";

    /** The command in a child JVM on this JVM's class path, its output and errors read line by line. */
    static CommandLauncher childJvm() {
        return (arguments, lines) -> {
            Process process = new ProcessBuilder(command(arguments, System.getProperty(LAUNCHER_PROPERTY)))
                    .redirectErrorStream(true).start();
            Thread reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = in.readLine()) != null) {
                        lines.accept(line);
                    }
                } catch (IOException e) {
                    lines.accept("(its output could not be read further: " + e.getMessage() + ")");
                }
            }, "command-output");
            reader.setDaemon(true);
            reader.start();
            return new Running() {
                @Override
                public int waitFor() throws InterruptedException {
                    int code = process.waitFor();
                    reader.join(); // every line read before the end is told
                    return code;
                }

                @Override
                public boolean waitFor(Duration timeout) throws InterruptedException {
                    return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
                }

                @Override
                public void cancel() {
                    process.descendants().forEach(ProcessHandle::destroy);
                    process.destroy();
                }
            };
        };
    }

    /**
     * The command line that runs {@code netwright arguments}: a JVM on this JVM's class path, or, for a sweep on a
     * cluster ({@code --cluster}) started from a source checkout, that checkout's launcher ({@code launcher}, null
     * where there is none, as in the installed app), which builds the cluster module on first use and adds it.
     */
    static List<String> command(List<String> arguments, String launcher) {
        boolean cluster = arguments.stream().anyMatch(a -> a.equals("--cluster") || a.startsWith("--cluster="));
        List<String> command = new ArrayList<>();
        if (cluster && launcher != null && Files.isExecutable(Path.of(launcher))) {
            command.add(launcher);
        } else {
            command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx2g",
                    "-XX:+ExitOnOutOfMemoryError", "-Djava.awt.headless=true", SerialFilter.JVM_OPTION, "-cp",
                    System.getProperty("java.class.path"), "dev.netwright.app.Netwright"));
        }
        command.addAll(arguments);
        return command;
    }
}
