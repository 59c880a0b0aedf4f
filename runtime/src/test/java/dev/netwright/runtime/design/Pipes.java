package dev.netwright.runtime.design;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Named pipes for tests, made with the system's {@code mkfifo}; a test is skipped where there is none. */
public final class Pipes {
    private Pipes() {
    }

    public static Path make(Path path) throws IOException, InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder("mkfifo", path.toString()).redirectErrorStream(true).start();
        } catch (IOException e) {
            Assumptions.abort("no mkfifo on this system to make a named pipe (" + e.getMessage() + ")");
            throw e;
        }
        int exit = process.waitFor();
        Assumptions.assumeTrue(exit == 0 && Files.exists(path), "mkfifo could not make a named pipe at " + path);
        return path;
    }
}
