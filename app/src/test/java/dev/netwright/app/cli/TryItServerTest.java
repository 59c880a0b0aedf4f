package dev.netwright.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.io.Writer;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The Try it panel's child process, served in this JVM over pipes: requests in, JSON-line replies out (issue 20). */
class TryItServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    private static Path run;

    private Served served;

    @BeforeAll
    static void train() {
        run = dir.resolve("run");
        CapturedCli trainer = new CapturedCli();
        assertThat(trainer.run("train", "sample:cnn", "--max-train", "64", "--max-validation", "32", "--epochs", "1",
                "--batch", "32", "--backend", "cpu", "--out", run.toString())).as(trainer.err.toString())
                .isEqualTo(ExitCodes.OK);
    }

    @AfterEach
    void endRequests() throws Exception {
        if (served != null) {
            served.close();
        }
    }

    @Test
    void oneLoadAnswersAPredictionAndAnExplanationWithItsFaithfulness() throws Exception {
        served = new Served(run);
        JsonNode ready = served.next();
        assertThat(ready.path("type").asText()).isEqualTo("ready");
        assertThat(ready.path("classes")).hasSize(10);
        assertThat(ready.path("layers").get(ready.path("layers").size() - 1).asText()).isNotEmpty();
        assertThat(ready.path("setSize").asInt()).isPositive();

        served.send("{\"id\":1,\"op\":\"predict\",\"input\":{\"sample\":0}}");
        JsonNode prediction = served.next();
        assertThat(prediction.path("type").asText()).isEqualTo("prediction");
        assertThat(prediction.path("id").asLong()).isEqualTo(1);
        double sum = 0;
        for (JsonNode p : prediction.path("probabilities")) {
            sum += p.asDouble();
        }
        assertThat(prediction.path("probabilities")).hasSize(10);
        assertThat(sum).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
        assertThat(prediction.path("input")).hasSize(28 * 28);
        assertThat(prediction.path("actual").asInt()).isBetween(0, 9);

        served.send("{\"id\":2,\"op\":\"explain\",\"method\":\"gradcam\",\"target\":3,\"input\":{\"sample\":0}}");
        JsonNode explanation = served.nextOfType("explanation");
        assertThat(explanation.path("id").asLong()).isEqualTo(2);
        assertThat(explanation.path("target").asInt()).isEqualTo(3);
        assertThat(explanation.path("map")).hasSize(28 * 28);
        assertThat(explanation.path("mapWidth").asInt()).isEqualTo(28);
        for (String auc : List.of("deletionAuc", "insertionAuc", "randomDeletionAuc", "randomInsertionAuc")) {
            assertThat(explanation.path(auc).asDouble()).as(auc).isBetween(0.0, 1.0);
        }
    }

    @Test
    void anUnreadableImageAndAWrongSizeOneGetClearAnswersAndTheProcessGoesOn() throws Exception {
        Path broken = Files.writeString(dir.resolve("broken.png"), "not a picture");
        Path big = dir.resolve("big.png");
        ImageIO.write(new BufferedImage(56, 40, BufferedImage.TYPE_INT_RGB), "png", big.toFile());
        served = new Served(run);
        served.nextOfType("ready");

        served.send("{\"id\":1,\"op\":\"predict\",\"input\":{\"file\":" + JSON.writeValueAsString(broken.toString()) + "}}");
        JsonNode error = served.next();
        assertThat(error.path("type").asText()).isEqualTo("error");
        assertThat(error.path("message").asText()).contains("broken.png").doesNotContain("Exception").doesNotContain("\tat ");

        served.send("{\"id\":2,\"op\":\"predict\",\"input\":{\"file\":" + JSON.writeValueAsString(big.toString()) + "}}");
        JsonNode resized = served.next();
        assertThat(resized.path("type").asText()).isEqualTo("prediction");
        assertThat(resized.path("notes").toString()).contains("56×40").contains("resized to the model's 28×28")
                .contains("read as grayscale");

        served.send("{\"id\":3,\"op\":\"predict\",\"input\":{\"sample\":999999}}");
        assertThat(served.next().path("message").asText()).contains("out of range");
        served.send("{\"id\":4,\"op\":\"explain\",\"method\":\"telepathy\",\"input\":{\"sample\":0}}");
        assertThat(served.next().path("message").asText()).startsWith("Unknown method 'telepathy'");
    }

    @Test
    void attentionOnADesignWithoutSelfAttentionIsRefusedSayingWhy() throws Exception {
        served = new Served(run);
        assertThat(served.nextOfType("ready").path("attention")).as("no attention layers").isEmpty();
        served.send("{\"id\":5,\"op\":\"attention\",\"input\":{\"sample\":0}}");
        JsonNode refused = served.next();
        assertThat(refused.path("type").asText()).isEqualTo("error");
        assertThat(refused.path("message").asText()).startsWith("Attention maps need a design with self-attention")
                .contains("this model has none");
    }

    @Test
    void integratedGradientsFromEachBaselineAreCompleteOnTheSampleCnn() throws Exception {
        served = new Served(run);
        served.nextOfType("ready");
        for (String baseline : new String[] {"black", "mean", "blur"}) {
            served.send("{\"id\":1,\"op\":\"explain\",\"method\":\"ig\",\"steps\":200,\"baseline\":\"" + baseline
                    + "\",\"input\":{\"sample\":0}}");
            JsonNode ig = served.nextOfType("explanation");
            assertThat(ig.path("baseline").asText()).isEqualTo(baseline);
            double sum = 0;
            for (JsonNode v : ig.path("map")) {
                sum += v.asDouble();
            }
            double change = ig.path("probabilities").get(ig.path("target").asInt()).asDouble()
                    - ig.path("expected").asDouble();
            // max pooling makes the path's gradient jump: 2 % at 200 steps (see IntegratedGradientsTest)
            assertThat(Math.abs(sum - change)).as("%s: sum %f, change %f", baseline, sum, change)
                    .isLessThanOrEqualTo(0.02 * Math.abs(change) + 1e-4);
        }
    }

    @Test
    void aCancelledExplanationAnswersCancelledAndTheNextRequestIsServed() throws Exception {
        served = new Served(run);
        served.nextOfType("ready");
        // far more perturbations than it could evaluate before the cancel arrives
        served.send("{\"id\":7,\"op\":\"explain\",\"method\":\"lime\",\"samples\":200000,\"input\":{\"sample\":0}}");
        assertThat(served.next().path("type").asText()).isEqualTo("progress");
        served.send("{\"id\":7,\"op\":\"cancel\"}");
        assertThat(served.nextOfType("cancelled").path("id").asLong()).isEqualTo(7);
        served.send("{\"id\":8,\"op\":\"predict\",\"input\":{\"sample\":1}}");
        assertThat(served.nextOfType("prediction").path("id").asLong()).isEqualTo(8);
    }

    @Test
    void limeOnFelzenszwalbSegmentsIsExplainedAndUnknownSegmentsAreRefusedByName() throws Exception {
        served = new Served(run);
        served.nextOfType("ready");
        served.send("{\"id\":3,\"op\":\"explain\",\"method\":\"lime\",\"samples\":100,\"segments\":\"fh\","
                + "\"input\":{\"sample\":0}}");
        JsonNode explanation = served.nextOfType("explanation");
        assertThat(explanation.path("id").asLong()).isEqualTo(3);
        assertThat(explanation.path("map")).hasSize(28 * 28);
        assertThat(explanation.path("segments").asText()).matches("\\d+ segments \\(Felzenszwalb–Huttenlocher\\)");
        served.send("{\"id\":4,\"op\":\"explain\",\"method\":\"shap\",\"segments\":\"watershed\","
                + "\"input\":{\"sample\":0}}");
        JsonNode error = served.nextOfType("error");
        assertThat(error.path("id").asLong()).isEqualTo(4);
        assertThat(error.path("message").asText()).isEqualTo("Unknown segments 'watershed': auto, grid, slic or fh");
    }

    @Test
    void aRunWithoutAModelIsRefusedByNameAndTheProcessEnds() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("no-model"));
        Files.copy(run.resolve("run.json"), empty.resolve("run.json"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = TryItServer.serve(empty, new java.io.ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8));
        JsonNode failed = JSON.readTree(out.toString(StandardCharsets.UTF_8).strip());
        assertThat(code).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(failed.path("type").asText()).isEqualTo("failed");
        assertThat(failed.path("message").asText()).contains("has no saved model");
    }

    @Test
    void theWindowsChildJvmLoadsTheRunAndAnswersUntilStopped() throws Exception {
        java.util.concurrent.BlockingQueue<String> replies = new java.util.concurrent.LinkedBlockingQueue<>();
        java.util.concurrent.CountDownLatch ended = new java.util.concurrent.CountDownLatch(1);
        dev.netwright.app.tryit.TryItProcess.Connection child = dev.netwright.app.tryit.TryItProcess.childJvm()
                .start(run, replies::add, (code, last) -> ended.countDown());
        try {
            assertThat(JSON.readTree(replies.poll(5, java.util.concurrent.TimeUnit.MINUTES)).path("type").asText())
                    .isEqualTo("ready");
            assertThat(child.send("{\"id\":1,\"op\":\"predict\",\"input\":{\"sample\":2}}")).isTrue();
            JsonNode prediction = JSON.readTree(replies.poll(5, java.util.concurrent.TimeUnit.MINUTES));
            assertThat(prediction.path("type").asText()).isEqualTo("prediction");
            assertThat(prediction.path("probabilities")).hasSize(10);
        } finally {
            child.stop();
        }
        assertThat(ended.await(1, java.util.concurrent.TimeUnit.MINUTES)).as("told that it ended").isTrue();
    }

    /** The server on its own thread, fed through a pipe, its replies read line by line. */
    static final class Served {
        private final Writer requests;
        private final BufferedReader replies;
        private final Thread thread;
        private final List<JsonNode> seen = new ArrayList<>();

        Served(Path runDir) throws IOException {
            PipedOutputStream toServer = new PipedOutputStream();
            PipedInputStream serverIn = new PipedInputStream(toServer);
            PipedInputStream fromServer = new PipedInputStream(1 << 20);
            PrintStream serverOut = new PrintStream(new PipedOutputStream(fromServer), true, StandardCharsets.UTF_8);
            requests = new OutputStreamWriter(toServer, StandardCharsets.UTF_8);
            replies = new BufferedReader(new InputStreamReader(fromServer, StandardCharsets.UTF_8));
            thread = new Thread(() -> {
                try {
                    TryItServer.serve(runDir, serverIn, serverOut);
                } finally {
                    serverOut.close(); // even when serving fails: the reader then sees the end, not "Write end dead"
                }
            }, "tryit-server-test");
            thread.start();
        }

        void send(String line) throws IOException {
            requests.write(line + "\n");
            requests.flush();
        }

        JsonNode next() throws IOException {
            String line = replies.readLine();
            assertThat(line).as("a reply").isNotNull();
            JsonNode reply = JSON.readTree(line);
            seen.add(reply);
            return reply;
        }

        JsonNode nextOfType(String type) throws IOException {
            while (true) {
                JsonNode reply = next();
                if (reply.path("type").asText().equals(type)) {
                    return reply;
                }
                assertThat(reply.path("type").asText()).as("before " + type + ": " + reply).isEqualTo("progress");
            }
        }

        void close() throws Exception {
            requests.close(); // the end of the requests ends the server
            try {
                while (replies.readLine() != null) {
                    // drain, so the server never blocks on a full pipe
                }
            } catch (IOException e) {
                // "Write end dead": the last thread to write (a request's) ended before the server closed its output;
                // the replies are over either way
            }
            thread.join();
        }
    }
}
