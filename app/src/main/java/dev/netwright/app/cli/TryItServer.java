package dev.netwright.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.netwright.runtime.data.DataException;
import dev.netwright.runtime.data.Examples;
import dev.netwright.runtime.data.InputFiles;
import dev.netwright.runtime.explain.AttentionMaps;
import dev.netwright.runtime.explain.Attribution;
import dev.netwright.runtime.explain.Baseline;
import dev.netwright.runtime.explain.ExplainException;
import dev.netwright.runtime.explain.ExplainableRun;
import dev.netwright.runtime.explain.Explainer;
import dev.netwright.runtime.explain.Faithfulness;
import dev.netwright.runtime.explain.GradCam;
import dev.netwright.runtime.explain.InputLayout;
import dev.netwright.runtime.explain.IntegratedGradients;
import dev.netwright.runtime.explain.KernelShap;
import dev.netwright.runtime.explain.Lime;
import dev.netwright.runtime.explain.Occlusion;
import dev.netwright.runtime.explain.SegmentMethod;
import dev.netwright.runtime.explain.Segmentation;
import dev.netwright.runtime.explain.SmoothGrad;
import dev.netwright.runtime.explain.VanillaGradient;
import dev.netwright.runtime.train.RunFailure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The Try it panel's child process: loads a run once, then answers requests as JSON lines, one at a time, so a second
 * prediction or explanation does not load the model again. Requests (stdin), each with an {@code id}:
 * {@code {"op":"predict","input":I}},
 * {@code {"op":"explain","input":I,"method":M,"target":C|null,"baseline":"black|mean|blur",...settings}} (LIME's and
 * SHAP's {@code "segments":"auto|grid|slic|fh"}, a grid's {@code "cell"}),
 * {@code {"op":"attention","input":I,"layer":L|null,"head":H|null}} (the attention weights of a design with
 * self-attention: layer L's, the last by default; head H's, the heads' mean by default),
 * {@code {"op":"cancel","id":N}}; an input I is {@code {"file":PATH}} or {@code {"sample":K}} (the K-th example the
 * run was evaluated on) or, for a run trained on CSV rows, {@code {"row":[V,...]}} (the feature values as typed, in the
 * order of {@code ready}'s {@code features}). Replies (stdout): {@code ready} (or {@code failed}) once, then per request {@code progress}
 * lines and one {@code prediction}, {@code explanation}, {@code attention}, {@code cancelled} or {@code error}. Ends at the end of stdin.
 */
final class TryItServer {
    private static final Logger LOG = LoggerFactory.getLogger(TryItServer.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The most perturbations (LIME, SHAP) or noisy copies (SmoothGrad) one explanation may ask for. */
    static final int MAX_SAMPLES = 200_000;
    /** SmoothGrad holds its noisy copies of the input at once: at most this many. */
    private static final int MAX_NOISY_COPIES = 2_000;

    private final ExplainableRun run;
    /** The run's attention layers; null when its design has none. */
    private final AttentionMaps attention;
    /** Why there are no attention maps, when there are none. */
    private final String noAttention;
    private final PrintStream out;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "tryit-request");
        thread.setDaemon(true);
        return thread;
    });
    private final Object current = new Object();
    private long currentId = -1;
    private Future<?> currentTask;

    private TryItServer(ExplainableRun run, PrintStream out) {
        this.run = run;
        this.out = out;
        AttentionMaps maps = null;
        String why = null;
        try {
            maps = AttentionMaps.of(run.model());
        } catch (ExplainException e) {
            why = e.getMessage();
        }
        this.attention = maps;
        this.noAttention = why;
    }

    /** Loads the run in {@code runDir} and answers the requests read from {@code in} until it ends; the exit code. */
    static int serve(Path runDir, InputStream in, PrintStream out) {
        ExplainableRun run;
        try {
            run = ExplainableRun.open(runDir);
        } catch (RunFailure | RuntimeException e) {
            LOG.warn("cannot open the run {}", runDir, e);
            ObjectNode failed = JSON.createObjectNode().put("type", "failed").put("message", e.getMessage());
            out.println(failed);
            out.flush();
            return ExitCodes.BAD_INPUT;
        }
        TryItServer server = new TryItServer(run, out);
        server.ready();
        try {
            server.readRequests(in);
        } catch (IOException e) {
            LOG.warn("the requests could not be read further", e);
        }
        server.worker.shutdown(); // the end of the requests: what was asked is answered, then the process ends
        try {
            server.worker.awaitTermination(10, java.util.concurrent.TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return ExitCodes.OK;
    }

    private void ready() {
        ObjectNode ready = JSON.createObjectNode().put("type", "ready");
        InputLayout layout = InputLayout.of(run.model().exampleShape());
        ready.put("height", layout.height()).put("width", layout.width()).put("channels", layout.channels());
        ready.put("rows", run.trainedOnRows());
        ArrayNode features = ready.putArray("features");
        run.featureNames().forEach(features::add);
        ready.put("set", run.evaluationSetName()).put("setSize", run.evaluationExamples().size());
        ArrayNode classes = ready.putArray("classes");
        run.classNames().forEach(classes::add);
        ArrayNode layers = ready.putArray("layers");
        run.model().convolutionLayers().forEach(layers::add);
        ArrayNode attentionLayers = ready.putArray("attention");
        if (attention != null) {
            for (String layer : attention.layers()) {
                try {
                    attentionLayers.addObject().put("layer", layer).put("heads", attention.heads(layer));
                } catch (ExplainException e) {
                    throw new IllegalStateException("an attention layer listed by the maps is not one", e);
                }
            }
        }
        send(ready);
    }

    private void readRequests(InputStream in) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line;
        while ((line = reader.readLine()) != null) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode request;
            try {
                request = JSON.readTree(line);
            } catch (IOException e) {
                send(error(-1, "Not a request (JSON expected): " + e.getMessage().lines().findFirst().orElse("")));
                continue;
            }
            long id = request.path("id").asLong(-1);
            String op = request.path("op").asText("");
            switch (op) {
                case "cancel" -> cancel(id);
                case "predict", "explain", "attention" -> submit(id, request);
                default -> send(error(id, "Unknown request '" + op + "': predict, explain, attention or cancel"));
            }
        }
    }

    private void submit(long id, JsonNode request) {
        synchronized (current) {
            Future<?> task = worker.submit(() -> answer(id, request));
            currentId = id;
            currentTask = task;
        }
    }

    private void cancel(long id) {
        synchronized (current) {
            if (currentId == id && currentTask != null) {
                currentTask.cancel(true); // the explainers stop when interrupted
            }
        }
    }

    private void answer(long id, JsonNode request) {
        try {
            if (Thread.currentThread().isInterrupted()) {
                throw new CancellationException();
            }
            Input input = input(request.path("input"));
            if (request.path("op").asText().equals("predict")) {
                ObjectNode reply = reply(id, "prediction", input);
                putArray(reply, "probabilities", run.predict(input.examples(), 0));
                send(reply);
            } else if (request.path("op").asText().equals("attention")) {
                attention(id, request, input);
            } else {
                explain(id, request, input);
            }
        } catch (CancellationException e) {
            send(JSON.createObjectNode().put("id", id).put("type", "cancelled"));
        } catch (DataException | ExplainException e) {
            send(error(id, e.getMessage()));
        } catch (RuntimeException e) {
            LOG.warn("request {} failed", id, e);
            send(error(id, "The request failed: " + e));
        } finally {
            Thread.interrupted(); // a cancel that came after the end is not carried to the next request
        }
    }

    private void explain(long id, JsonNode request, Input input) throws ExplainException {
        Explainer explainer = explainer(request);
        Integer target = request.path("target").isInt() ? request.get("target").asInt() : null;
        int[] lastPercent = {-1};
        Baseline from = request.path("baseline").isTextual() ? Baseline.byId(request.get("baseline").asText())
                : Baseline.BLACK;
        ExplainableRun.Explained explained = run.explain(explainer, input.examples(), 0, target, from, (done, total) -> {
            int percent = total <= 0 ? 0 : (int) (100L * done / total);
            if (percent != lastPercent[0]) { // at most a hundred lines per explanation
                lastPercent[0] = percent;
                send(JSON.createObjectNode().put("id", id).put("type", "progress").put("done", done).put("total", total));
            }
        });
        Attribution attribution = explained.attribution();
        Faithfulness f = explained.faithfulness();
        InputLayout layout = InputLayout.of(run.model().exampleShape());
        ObjectNode reply = reply(id, "explanation", input);
        reply.put("method", attribution.method()).put("target", explained.target())
                .put("expected", explained.baselineProbability()).put("baseline", from.id());
        putArray(reply, "probabilities", explained.probabilities());
        reply.put("mapHeight", layout.height()).put("mapWidth", layout.width());
        putArray(reply, "map", attribution.pixels());
        reply.put("deletionAuc", f.deletionAuc()).put("insertionAuc", f.insertionAuc())
                .put("randomDeletionAuc", f.randomDeletionAuc()).put("randomInsertionAuc", f.randomInsertionAuc());
        if (attribution.segmentWeights() != null && layout.isImage()) { // a row's segments are its named features
            reply.put("segments", attribution.segmentWeights().length + " segments ("
                    + SegmentMethod.byId(request.path("segments").asText("auto")) + ")");
            ArrayNode segmentOf = reply.putArray("segmentOf"); // for drawing the segments' boundaries
            for (int segment : attribution.segments()) {
                segmentOf.add(segment);
            }
        }
        putArray(reply, "fractions", f.fractions());
        putArray(reply, "deletion", f.deletion());
        putArray(reply, "insertion", f.insertion());
        send(reply);
    }

    /**
     * The attention weights of one layer for the input: one head's token-by-token matrix, or the heads' mean, as
     * {@code matrix} (row by row, each row summing to 1) with the layer, its number of heads and the head shown (-1 for
     * the mean).
     */
    private void attention(long id, JsonNode request, Input input) throws ExplainException {
        if (attention == null) {
            throw new ExplainException(noAttention);
        }
        String layer = request.path("layer").isTextual() ? request.get("layer").asText() : null;
        AttentionMaps.Weights weights = attention.weights(run, input.examples(), 0, layer);
        int heads = weights.heads().length;
        JsonNode head = request.path("head");
        if (!head.isMissingNode() && !head.isNull() && (!head.isInt() || head.asInt() < 0 || head.asInt() >= heads)) {
            throw new ExplainException("Head " + head + " does not exist: " + weights.layer() + " has " + heads
                    + " heads (0 to " + (heads - 1) + "); leave the head out for the mean of the heads");
        }
        double[][] matrix = head.isInt() ? weights.head(head.asInt()) : weights.meanOverHeads();
        ObjectNode reply = reply(id, "attention", input);
        putArray(reply, "probabilities", run.predict(input.examples(), 0));
        reply.put("layer", weights.layer()).put("heads", heads).put("head", head.isInt() ? head.asInt() : -1)
                .put("tokens", weights.tokens());
        ArrayNode flat = reply.putArray("matrix");
        for (double[] row : matrix) {
            for (double w : row) {
                flat.add(w);
            }
        }
        send(reply);
    }

    /** The explainer a request names, with its settings or the command line's defaults. */
    static Explainer explainer(JsonNode request) throws ExplainException {
        String method = request.path("method").asText("");
        long seed = request.path("seed").asLong(1);
        int samples = positive(request, "samples", 1000);
        if (samples > MAX_SAMPLES) {
            throw new ExplainException("At most " + MAX_SAMPLES + " samples or perturbations, not " + samples
                    + " (each is a pass of the model, and they are held in memory together)");
        }
        return switch (method) {
            case "gradient" -> new VanillaGradient();
            case "smoothgrad" -> new SmoothGrad(Math.min(positive(request, "samples", 50), MAX_NOISY_COPIES),
                    request.path("noise").asDouble(0.15), seed);
            case "ig" -> new IntegratedGradients(positive(request, "steps", 50));
            case "gradcam" -> new GradCam(request.path("layer").isTextual() ? request.get("layer").asText() : null);
            case "occlusion" -> new Occlusion(positive(request, "patch", 4), positive(request, "stride", 2));
            case "lime" -> new Lime(segmentation(request), Math.max(2, samples), 1e-3, seed);
            case "shap" -> new KernelShap(segmentation(request), Math.max(2, samples), seed);
            default -> throw new ExplainException("Unknown method '" + method
                    + "': gradient, smoothgrad, ig, gradcam, occlusion, lime or shap");
        };
    }

    /** LIME's and SHAP's segments: {@code segments} auto (the default), grid (with {@code cell}), slic or fh. */
    private static Segmentation segmentation(JsonNode request) throws ExplainException {
        SegmentMethod method = SegmentMethod.byId(request.path("segments").asText("auto"));
        return method.segmentation(request.has("cell") ? positive(request, "cell", 1) : null);
    }

    private static int positive(JsonNode request, String field, int otherwise) throws ExplainException {
        if (!request.has(field) || request.get(field).isNull()) {
            return otherwise;
        }
        int value = request.get(field).asInt(0);
        if (value < 1) {
            throw new ExplainException(field + " must be a whole number of at least 1, not " + request.get(field));
        }
        return value;
    }

    /** One input, as one raw example, with what was changed to fit it (notes) and its label where it has one. */
    private record Input(Examples examples, List<String> notes, int actual) {
    }

    private Input input(JsonNode input) throws DataException {
        if (input.has("sample")) {
            Examples all = run.evaluationExamples();
            int k = input.get("sample").asInt(-1);
            if (k < 0 || k >= all.size()) {
                throw new DataException("Sample " + input.get("sample") + " is out of range: the run's "
                        + run.evaluationSetName() + " set has " + all.size() + " examples (0 to " + (all.size() - 1) + ")");
            }
            return new Input(all.subset(new int[] {k}), List.of(), all.labels()[k]);
        }
        if (input.path("row").isArray()) {
            List<String> values = new ArrayList<>();
            input.get("row").forEach(v -> values.add(v.isNull() ? "" : v.asText()));
            return new Input(run.row(values).examples(), List.of(), -1);
        }
        if (!input.path("file").isTextual()) {
            throw new DataException("No input: give an image file, a row of values or a sample's number");
        }
        Path file = Path.of(input.get("file").asText());
        InputFiles.Read read = run.read(file);
        List<String> notes = new ArrayList<>(read.notes());
        Examples examples = read.examples();
        if (examples.size() > 1) {
            notes.add(file.getFileName() + " has " + examples.size() + " rows: the first is used");
            examples = examples.subset(new int[] {0});
        }
        return new Input(examples, notes, -1);
    }

    /** A reply that carries the input as the model sees it (resized and converted, before normalisation). */
    private static ObjectNode reply(long id, String type, Input input) {
        ObjectNode reply = JSON.createObjectNode().put("id", id).put("type", type);
        Examples e = input.examples();
        reply.put("height", e.height()).put("width", e.width()).put("channels", e.channels());
        ArrayNode values = reply.putArray("input");
        for (int i = 0; i < e.exampleLength(); i++) {
            values.add(e.features()[i]);
        }
        ArrayNode notes = reply.putArray("notes");
        input.notes().forEach(notes::add);
        reply.put("actual", input.actual());
        return reply;
    }

    private static void putArray(ObjectNode node, String field, double[] values) {
        ArrayNode array = node.putArray(field);
        for (double v : values) {
            array.add(v);
        }
    }

    private static ObjectNode error(long id, String message) {
        return JSON.createObjectNode().put("id", id).put("type", "error").put("message", message);
    }

    private void send(ObjectNode message) {
        synchronized (out) {
            out.println(message);
            out.flush();
        }
    }
}
