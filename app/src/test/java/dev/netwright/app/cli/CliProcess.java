package dev.netwright.app.cli;

import dev.netwright.app.Netwright;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * {@code netwright ARGS} as a process of its own, the way a user starts it (optionally in a pseudo-terminal through
 * util-linux's {@code script}), with its output collected as it comes. Waits are on conditions; their time limits
 * only keep a broken build from hanging the suite.
 */
final class CliProcess implements AutoCloseable {
    /** A bound for waits that should end in seconds; reached only when something is broken. */
    static final Duration LIMIT = Duration.ofMinutes(3);
    static final Path SCRIPT = Path.of("/usr/bin/script");

    private final Process process;
    private final StringBuffer output = new StringBuffer();
    private final Thread reader;

    private CliProcess(ProcessBuilder builder) throws IOException {
        process = builder.redirectErrorStream(true).start();
        reader = new Thread(() -> drain(process.getInputStream()), "cli-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** The command line as a plain child process in {@code dir}. */
    static CliProcess start(Path dir, String... args) throws IOException {
        return new CliProcess(new ProcessBuilder(command(args)).directory(dir.toFile()));
    }

    /**
     * The command line in a pseudo-terminal: what is written to {@link #type} is typed at its keyboard. The shell that
     * {@code script} starts execs Java, as the {@code netwright} launcher does, so Ctrl+C reaches Java alone: dash
     * (Debian's /bin/sh, which CI's {@code script} may pick) would otherwise stay in between, die of the SIGINT itself
     * and make {@code script} report 130 whatever Java exits with.
     * <p>
     * Java starts with Ctrl+C's signal at its default, as from a shell in a real terminal. A build started in the
     * background ({@code mvn test &} from a script) passes SIGINT down ignored, through {@code script} and the shell
     * (which cannot reset a signal ignored on entry); a JVM that starts with SIGINT ignored never installs a handler
     * for it (the right thing for a background job), so the test would type Ctrl+C at a program that cannot hear it.
     * coreutils' {@code env --default-signal} puts it back for Java alone.
     */
    static CliProcess startInTerminal(Path dir, String... args) throws IOException {
        String line = "exec env --default-signal=INT,QUIT "
                + String.join(" ", command(args).stream().map(CliProcess::quoted).toList());
        ProcessBuilder builder = new ProcessBuilder(SCRIPT.toString(), "--quiet", "--return", "--flush",
                "--command", line, "/dev/null").directory(dir.toFile());
        builder.environment().put("TERM", "dumb");
        builder.environment().put("SHELL", "/bin/sh");
        return new CliProcess(builder);
    }

    static boolean terminalAvailable() {
        return Files.isExecutable(SCRIPT);
    }

    private static List<String> command(String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", System.getProperty("java.class.path"), Netwright.class.getName()));
        command.addAll(List.of(args));
        return command;
    }

    private static String quoted(String arg) {
        return "'" + arg.replace("'", "'\\''") + "'";
    }

    /** Types text at the terminal (Ctrl+C is {@code "\u0003"}). */
    void type(String text) throws IOException {
        OutputStream in = process.getOutputStream();
        in.write(text.getBytes(StandardCharsets.UTF_8));
        in.flush();
    }

    /** Sends SIGTERM, as {@code kill PID} does (through the handle: Process.destroy would also close our pipes). */
    void terminate() {
        process.toHandle().destroy();
    }

    /** Waits until the output satisfies {@code condition}; fails if the process ends first. */
    void awaitOutput(Predicate<String> condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while (!condition.test(output.toString())) {
            if (!process.isAlive() && !reader.isAlive() && !condition.test(output.toString())) {
                throw new AssertionError("the process ended before " + what + "; its output:\n" + output);
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no " + what + " within " + LIMIT + "; output so far:\n" + output);
            }
            Thread.sleep(50); // polling a condition, not waiting for time to pass
        }
    }

    /** Waits for the process to end and returns its exit code. */
    int awaitExit() throws InterruptedException {
        if (!process.waitFor(LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the process did not end within " + LIMIT + "; output:\n" + output);
        }
        reader.join(LIMIT.toMillis());
        return process.exitValue();
    }

    String output() {
        return output.toString();
    }

    private void drain(InputStream in) {
        byte[] buffer = new byte[8192];
        try {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                output.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            // the process is gone
        }
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }
}
