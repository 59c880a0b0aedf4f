package dev.netwright.bench.training;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a contender's process to its end and reads the JSON line it prints last; its stderr goes to a log file. */
final class ChildProcess {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long TIMEOUT_MINUTES = 15;

    private ChildProcess() {
    }

    static Measurement run(List<String> command, Map<String, String> environment, Path dir) throws IOException,
            InterruptedException {
        Files.createDirectories(dir);
        Path log = dir.resolve("stderr.log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                .redirectError(ProcessBuilder.Redirect.to(log.toFile()));
        builder.environment().putAll(environment);
        Process process = builder.start();
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IOException("timed out: " + String.join(" ", command));
        }
        String[] lines = out.strip().split("\n");
        String last = lines[lines.length - 1];
        if (process.exitValue() != 0 || !last.startsWith("{")) {
            throw new IOException("exit " + process.exitValue() + ", no result line from " + command.get(0)
                    + " (see " + log + "): " + last);
        }
        JsonNode result = JSON.readTree(last);
        return new Measurement(result.get("samplesPerSecond").asDouble(), result.get("seconds").asDouble(),
                result.get("loss").asDouble(), result.has("peakRssKiB") ? result.get("peakRssKiB").asDouble() / 1024 : Double.NaN);
    }
}
