package dev.netwright.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The Try it process's attention requests, on a tiny Transformer-like design trained on a handful of images. */
class TryItServerAttentionTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Image rows as 28 tokens → Dense 8 → one encoder block of 2 heads → average → 10 classes. */
    private static final String TINY = """
            {"formatVersion":1,"name":"Tiny attention","flow":"down","nodes":[
             {"id":"input","kind":"Input","name":"Rows","x":0,"y":0,"params":{"form":"sequence","height":28,"width":28,
              "channels":1,"steps":28,"features":28,"size":784}},
             {"id":"embed","kind":"Dense","name":"Embed","x":0,"y":100,"params":{"units":8,"activation":"identity"}},
             {"id":"block","kind":"TransformerEncoderBlock","name":"Block","x":0,"y":200,
              "params":{"heads":2,"feedForward":8,"dropout":0.0}},
             {"id":"pool","kind":"GlobalPooling","name":"Average","x":0,"y":300,"params":{"mode":"avg"}},
             {"id":"output","kind":"Output","name":"10 classes","x":0,"y":400,"params":{"units":10}}],
             "edges":[{"from":"input","fromPort":"out","to":"embed","toPort":"in"},
              {"from":"embed","fromPort":"out","to":"block","toPort":"in"},
              {"from":"block","fromPort":"out","to":"pool","toPort":"in"},
              {"from":"pool","fromPort":"out","to":"output","toPort":"in"}]}
            """;

    @TempDir
    static Path dir;
    private static Path run;

    @BeforeAll
    static void train() throws Exception {
        Path design = Files.writeString(dir.resolve("tiny.netwright.json"), TINY);
        run = dir.resolve("run");
        CapturedCli trainer = new CapturedCli();
        assertThat(trainer.run("train", design.toString(), "--max-train", "32", "--max-validation", "16", "--epochs",
                "1", "--batch", "16", "--backend", "cpu", "--out", run.toString())).as(trainer.err.toString())
                .isEqualTo(ExitCodes.OK);
    }

    @Test
    void readyListsTheAttentionLayersWithTheirHeadsAndEachRequestGetsItsTokenMatrix() throws Exception {
        List<JsonNode> replies = serve(
                "{\"id\":1,\"op\":\"attention\",\"input\":{\"sample\":0}}",
                "{\"id\":2,\"op\":\"attention\",\"layer\":\"block\",\"head\":1,\"input\":{\"sample\":3}}");
        JsonNode ready = replies.get(0);
        assertThat(ready.path("attention")).hasSize(1);
        assertThat(ready.path("attention").get(0).path("layer").asText()).isEqualTo("block/attn");
        assertThat(ready.path("attention").get(0).path("heads").asInt()).isEqualTo(2);

        JsonNode mean = replies.get(1);
        assertThat(mean.path("type").asText()).isEqualTo("attention");
        assertThat(mean.path("id").asLong()).isEqualTo(1);
        assertThat(mean.path("layer").asText()).isEqualTo("block/attn");
        assertThat(mean.path("head").asInt()).as("the mean of the heads").isEqualTo(-1);
        assertThat(mean.path("heads").asInt()).isEqualTo(2);
        assertRowsAreDistributions(mean);
        assertThat(mean.path("probabilities")).hasSize(10);
        assertThat(mean.path("input")).hasSize(28 * 28);

        JsonNode head = replies.get(2);
        assertThat(head.path("head").asInt()).isEqualTo(1);
        assertRowsAreDistributions(head);
    }

    @Test
    void aLayerOrHeadThatIsNotThereIsRefusedNamingWhatIs() throws Exception {
        List<JsonNode> replies = serve(
                "{\"id\":1,\"op\":\"attention\",\"layer\":\"pool\",\"input\":{\"sample\":0}}",
                "{\"id\":2,\"op\":\"attention\",\"head\":2,\"input\":{\"sample\":0}}",
                "{\"id\":3,\"op\":\"attention\",\"head\":\"first\",\"input\":{\"sample\":0}}",
                "{\"id\":4,\"op\":\"attention\",\"input\":{\"sample\":0}}");
        assertThat(replies.get(1).path("type").asText()).isEqualTo("error");
        assertThat(replies.get(1).path("message").asText())
                .isEqualTo("'pool' is not a self-attention layer of this network; its attention layers: block/attn");
        assertThat(replies.get(2).path("message").asText()).isEqualTo("Head 2 does not exist: block/attn has 2 heads "
                + "(0 to 1); leave the head out for the mean of the heads");
        assertThat(replies.get(3).path("message").asText()).startsWith("Head \"first\" does not exist");
        assertThat(replies.get(4).path("type").asText()).as("the process goes on").isEqualTo("attention");
    }

    private static void assertRowsAreDistributions(JsonNode reply) {
        int tokens = reply.path("tokens").asInt();
        assertThat(tokens).as("one token per image row").isEqualTo(28);
        JsonNode matrix = reply.path("matrix");
        assertThat(matrix).hasSize(tokens * tokens);
        for (int i = 0; i < tokens; i++) {
            double sum = 0;
            for (int j = 0; j < tokens; j++) {
                double w = matrix.get(i * tokens + j).asDouble();
                assertThat(w).isBetween(0.0, 1.0);
                sum += w;
            }
            assertThat(sum).as("row %d", i).isCloseTo(1.0, within(1e-5));
        }
    }

    /** Serves {@code requests} to the end and returns the replies: ready, then one a request, in order. */
    private static List<JsonNode> serve(String... requests) throws Exception {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        byte[] in = (String.join("\n", requests) + "\n").getBytes(StandardCharsets.UTF_8);
        // the server answers every request before it returns (one at a time, in order)
        TryItServer.serve(run, new java.io.ByteArrayInputStream(in), new PrintStream(out, true, StandardCharsets.UTF_8));
        List<JsonNode> replies = new java.util.ArrayList<>();
        for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank()) {
                replies.add(JSON.readTree(line));
            }
        }
        assertThat(replies).hasSize(requests.length + 1);
        return replies;
    }
}
