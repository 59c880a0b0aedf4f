package dev.netwright.app.tryit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** A Try it process for tests: records the requests, and the test answers them with the lines it chooses. */
final class FakeProcess implements TryItProcess {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String READY = "{\"type\":\"ready\",\"height\":28,\"width\":28,\"channels\":1,\"rows\":false,"
            + "\"set\":\"test\",\"setSize\":50,\"classes\":[\"T-shirt\",\"Trouser\",\"Pullover\",\"Dress\",\"Coat\","
            + "\"Sandal\",\"Shirt\",\"Sneaker\",\"Bag\",\"Boot\"],\"layers\":[\"conv1\",\"conv2\"]}";

    /** A Transformer-like design's: no convolution, two attention layers of 4 heads over 28 row tokens. */
    static final String READY_ATTENTION = READY.replace("\"layers\":[\"conv1\",\"conv2\"]", "\"layers\":[],"
            + "\"attention\":[{\"layer\":\"encoder1/attn\",\"heads\":4},{\"layer\":\"encoder2/attn\",\"heads\":4}]");

    /** A CSV design's: rows of 3 named features, 2 classes. */
    static final String READY_ROWS = "{\"type\":\"ready\",\"height\":1,\"width\":3,\"channels\":1,"
            + "\"rows\":true,\"features\":[\"age\",\"height\",\"weight\"],\"set\":\"validation\",\"setSize\":20,"
            + "\"classes\":[\"no\",\"yes\"],\"layers\":[]}";

    /** A CSV design's reply of {@code type} to request {@code id}: the row's {@code values}, p(yes) 0.7, actually yes. */
    static String rowReply(long id, String type, String values) {
        return "{\"id\":" + id + ",\"type\":\"" + type + "\",\"height\":1,\"width\":3,\"channels\":1,\"input\":["
                + values + "],\"notes\":[],\"actual\":1,\"probabilities\":[0.3,0.7]}";
    }

    /** A CSV design's KernelSHAP of class yes: {@code map} per feature, {@code expected} E[f]. */
    static String rowExplanation(long id, String map, double expected) {
        String reply = rowReply(id, "explanation", "41,1.75,80");
        return reply.substring(0, reply.length() - 1) + ",\"method\":\"shap\",\"target\":1,\"expected\":" + expected
                + ",\"mapHeight\":1,\"mapWidth\":3,\"map\":[" + map + "],\"deletionAuc\":0.2,\"insertionAuc\":0.7,"
                + "\"randomDeletionAuc\":0.4,\"randomInsertionAuc\":0.5}";
    }

    final List<JsonNode> requests = new ArrayList<>();
    final List<Path> started = new ArrayList<>();
    Consumer<String> replies;
    Ended ended;
    boolean stopped;
    /** Answers each request as it comes, when set. */
    Consumer<JsonNode> answerer = request -> { };

    @Override
    public Connection start(Path runDir, Consumer<String> replyTo, Ended endedTo) {
        started.add(runDir);
        replies = replyTo;
        ended = endedTo;
        stopped = false;
        return new Connection() {
            @Override
            public boolean send(String line) {
                if (stopped) {
                    return false;
                }
                try {
                    JsonNode request = JSON.readTree(line);
                    requests.add(request);
                    answerer.accept(request);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return true;
            }

            @Override
            public void stop() {
                stopped = true;
            }
        };
    }

    void reply(String line) {
        replies.accept(line);
    }

    JsonNode last() {
        return requests.get(requests.size() - 1);
    }

    /** A prediction reply for request {@code id}: class k has probability p[k]; a 28×28 input of gray 100. */
    static String prediction(long id, String type, double... p) {
        StringBuilder input = new StringBuilder();
        for (int i = 0; i < 28 * 28; i++) {
            input.append(i == 0 ? "" : ",").append(100);
        }
        StringBuilder probabilities = new StringBuilder();
        for (int i = 0; i < p.length; i++) {
            probabilities.append(i == 0 ? "" : ",").append(p[i]);
        }
        return "{\"id\":" + id + ",\"type\":\"" + type + "\",\"height\":28,\"width\":28,\"channels\":1,\"input\":["
                + input + "],\"notes\":[],\"actual\":6,\"probabilities\":[" + probabilities + "]";
    }

    /** An explanation reply for request {@code id} of class {@code target}: a map that is 1 on the left half. */
    static String explanation(long id, int target, double... p) {
        StringBuilder map = new StringBuilder();
        for (int i = 0; i < 28 * 28; i++) {
            map.append(i == 0 ? "" : ",").append(i % 28 < 14 ? 1 : 0);
        }
        return prediction(id, "explanation", p) + ",\"method\":\"gradcam\",\"target\":" + target
                + ",\"mapHeight\":28,\"mapWidth\":28,\"map\":[" + map + "],\"deletionAuc\":0.2,\"insertionAuc\":0.7,"
                + "\"randomDeletionAuc\":0.4,\"randomInsertionAuc\":0.5}";
    }

    /**
     * An attention reply for request {@code id}: 28 row tokens where every row puts 0.5 on row {@code focus} and
     * spreads the rest evenly.
     */
    static String attention(long id, String layer, int head, int focus) {
        StringBuilder matrix = new StringBuilder();
        for (int i = 0; i < 28; i++) {
            for (int j = 0; j < 28; j++) {
                matrix.append(i + j == 0 ? "" : ",").append(j == focus ? 0.5 + 0.5 / 28 : 0.5 / 28);
            }
        }
        return prediction(id, "attention", SHIRT_MOSTLY) + ",\"layer\":\"" + layer + "\",\"heads\":4,\"head\":" + head
                + ",\"tokens\":28,\"matrix\":[" + matrix + "]}";
    }

    static final double[] SHIRT_MOSTLY = {0.05, 0.01, 0.1, 0.02, 0.12, 0.0, 0.6, 0.0, 0.1, 0.0};
}
