package dev.netwright.app.tryit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.netwright.app.training.RunRecord;
import dev.netwright.charts.metrics.FeatureAttributions;
import dev.netwright.runtime.explain.Baseline;
import dev.netwright.runtime.explain.SegmentMethod;
import dev.netwright.runtime.data.Examples;
import dev.netwright.runtime.train.RunFolder;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * The Try it panel's view model: the run tried (one with a saved model), the input (an image file, a drawing or a
 * pasted picture written to a PNG, or one of the run's evaluation samples), the top classes the model gives it, the
 * input as the model sees it, and an explanation of one class with its faithfulness. The work happens in a
 * {@link TryItProcess} kept for the chosen run; its replies come back on the FX thread through {@code onFxThread}.
 */
public final class TryItModel {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int TOP = 5;
    /** Why the Attention method does not apply (the method list's tooltip, and the status line if it is asked for). */
    public static final String NO_ATTENTION = "This design has no self-attention layer: attention maps need a "
            + "Self-attention layer or a Transformer encoder block.";

    /** The explanation methods, as the process names them. */
    public enum Method {
        GRADIENT("gradient", "Vanilla gradient"), SMOOTHGRAD("smoothgrad", "SmoothGrad"),
        IG("ig", "Integrated gradients"), GRADCAM("gradcam", "Grad-CAM"), OCCLUSION("occlusion", "Occlusion"),
        LIME("lime", "LIME"), SHAP("shap", "KernelSHAP"), ATTENTION("attention", "Attention");

        private final String id;
        private final String label;

        Method(String id, String label) {
            this.id = id;
            this.label = label;
        }

        public String id() {
            return id;
        }

        /** The method the process names {@code id}; null for none. */
        public static Method byId(String id) {
            for (Method m : values()) {
                if (m.id.equals(id)) {
                    return m;
                }
            }
            return null;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** One class and the model's probability for it; {@code actual} when it is the sample's true class. */
    public record ClassProbability(String name, double probability, boolean actual) {
    }

    /**
     * An explanation: a map of {@code height × width} pixels and its deletion/insertion areas beside random ones;
     * {@code expected} is the class's probability at the baseline (E[f]); {@code segments} says what LIME and SHAP
     * switched on and off in an image ("7 segments (Felzenszwalb–Huttenlocher)"), empty for the other methods, and
     * {@code segmentOf} the segment of each pixel of the map (null for the other methods and for rows).
     */
    public record Explanation(String method, String className, double probability, double[] map, int height, int width,
                              double deletionAuc, double insertionAuc, double randomDeletionAuc,
                              double randomInsertionAuc, double expected, String segments, int[] segmentOf) {
        /** What was explained, for the panel: "lime on 7 segments (SLIC superpixels) for Shirt (p 0.600)". */
        public String title() {
            return method + (segments.isEmpty() ? "" : " on " + segments) + " for " + className
                    + String.format(Locale.ROOT, " (p %.3f)", probability);
        }

        /** In words, for the panel: the areas and whether they beat a random ordering. */
        public String faithfulness() {
            return String.format(Locale.ROOT, "Deletion AUC %.3f (random %.3f) %s%nInsertion AUC %.3f (random %.3f) %s",
                    deletionAuc, randomDeletionAuc, deletionAuc < randomDeletionAuc ? "✓ lower" : "✗ not lower",
                    insertionAuc, randomInsertionAuc, insertionAuc > randomInsertionAuc ? "✓ higher" : "✗ not higher");
        }
    }

    /**
     * One attention layer's weights for the input: {@code matrix[query][key]}, each row summing to 1, of head
     * {@code head} of {@code heads} or their mean ({@code head} -1).
     */
    public record AttentionMap(String layer, int head, int heads, double[][] matrix) {
        public int tokens() {
            return matrix.length;
        }

        /** What token {@code query} takes from each token: the matrix's row (a copy). */
        public double[] paidBy(int query) {
            return matrix[query].clone();
        }

        /** The attention each token receives, as the mean over the queries of the matrix's column. */
        public double[] received() {
            double[] mean = new double[tokens()];
            for (double[] row : matrix) {
                for (int j = 0; j < row.length; j++) {
                    mean[j] += row[j] / tokens();
                }
            }
            return mean;
        }

        /** Which heads, in words: "head 2 of 4" or "mean of 4 heads". */
        public String which() {
            return head < 0 ? "mean of " + heads + " heads" : "head " + head + " of " + heads;
        }
    }

    private final TryItProcess process;
    private final Executor background;
    private final Consumer<Runnable> onFxThread;
    private final ObservableList<RunRecord> runs = FXCollections.observableArrayList();
    private final ObjectProperty<RunRecord> run = new SimpleObjectProperty<>(this, "run");
    private final ReadOnlyBooleanWrapper ready = new ReadOnlyBooleanWrapper(this, "ready");
    private final ReadOnlyBooleanWrapper explaining = new ReadOnlyBooleanWrapper(this, "explaining");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress", 0);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ReadOnlyStringWrapper notes = new ReadOnlyStringWrapper(this, "notes", "");
    private final ReadOnlyStringWrapper inputName = new ReadOnlyStringWrapper(this, "inputName", "");
    private final ReadOnlyIntegerWrapper samples = new ReadOnlyIntegerWrapper(this, "samples");
    private final ReadOnlyBooleanWrapper drawable = new ReadOnlyBooleanWrapper(this, "drawable");
    /** True for a run trained on CSV rows: its input is a row of feature values, edited in {@link #row}. */
    private final ReadOnlyBooleanWrapper rows = new ReadOnlyBooleanWrapper(this, "rows");
    private final FeatureRow row = new FeatureRow();
    private final ObservableList<String> classes = FXCollections.observableArrayList();
    private final ObservableList<String> layers = FXCollections.observableArrayList();
    private final ObservableList<ClassProbability> top = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<Examples> seen = new ReadOnlyObjectWrapper<>(this, "seen");
    private final ReadOnlyObjectWrapper<Path> original = new ReadOnlyObjectWrapper<>(this, "original");
    /** The evaluation sample last tried (from the spinner or the gallery's Explain); -1 before one. */
    private final ReadOnlyIntegerWrapper sample = new ReadOnlyIntegerWrapper(this, "sample", -1);
    private final ReadOnlyObjectWrapper<Explanation> explanation = new ReadOnlyObjectWrapper<>(this, "explanation");
    /** A CSV design's explanation per named feature, for its bar chart; null for images and before one. */
    private final ReadOnlyObjectWrapper<FeatureAttributions> perFeature = new ReadOnlyObjectWrapper<>(this, "perFeature");
    private final ObservableList<String> attentionLayers = FXCollections.observableArrayList();
    private final java.util.Map<String, Integer> headCounts = new java.util.HashMap<>();
    private final ReadOnlyBooleanWrapper hasAttention = new ReadOnlyBooleanWrapper(this, "hasAttention");
    private final StringProperty attentionLayer = new SimpleStringProperty(this, "attentionLayer");
    /** The attention head shown: null for the mean of the heads. */
    private final ObjectProperty<Integer> head = new SimpleObjectProperty<>(this, "head");
    /** The token (image row) whose attention is drawn over the input: null for the attention each row receives. */
    private final ObjectProperty<Integer> token = new SimpleObjectProperty<>(this, "token");
    private final ReadOnlyObjectWrapper<AttentionMap> attention = new ReadOnlyObjectWrapper<>(this, "attention");
    private final ObjectProperty<Method> method = new SimpleObjectProperty<>(this, "method", Method.GRADCAM);
    /** The class to explain: null for the predicted one. */
    private final ObjectProperty<Integer> target = new SimpleObjectProperty<>(this, "target");
    private final StringProperty layer = new SimpleStringProperty(this, "layer");
    private final StringProperty steps = new SimpleStringProperty(this, "steps", "50");
    /** What stands for "nothing" (IG's start, absent segments, occlusion's patch). */
    private final ObjectProperty<Baseline> baseline = new SimpleObjectProperty<>(this, "baseline", Baseline.BLACK);
    private final StringProperty patch = new SimpleStringProperty(this, "patch", "4");
    private final StringProperty stride = new SimpleStringProperty(this, "stride", "2");
    private final StringProperty perturbations = new SimpleStringProperty(this, "perturbations", "1000");
    /** LIME's and KernelSHAP's segments of an image (a row's are its features). */
    private final ObjectProperty<SegmentMethod> segments = new SimpleObjectProperty<>(this, "segments",
            SegmentMethod.AUTOMATIC);

    private TryItProcess.Connection connection;
    private int generation;
    private long nextId = 1;
    private long predictId = -1;
    private long explainId = -1;
    /** The input now tried, as a request gives it; null before one is chosen. */
    private ObjectNode input;
    private boolean explainAfterPredict;

    public TryItModel(TryItProcess process, Executor background, Consumer<Runnable> onFxThread) {
        this.process = Objects.requireNonNull(process, "process");
        this.background = Objects.requireNonNull(background, "background");
        this.onFxThread = Objects.requireNonNull(onFxThread, "onFxThread");
        run.addListener((o, was, now) -> {
            if (!Objects.equals(was == null ? null : was.dir(), now == null ? null : now.dir())) {
                input = null;
                clearResults();
                inputName.set("");
                original.set(null);
                restart();
            }
        });
        status.set("Choose a run with a saved model (train one first).");
        // another layer or head of the attention shown is asked for at once (one pass of the model)
        attentionLayer.addListener((o, was, now) -> {
            Integer chosen = head.get();
            if (chosen != null && chosen >= heads(now)) {
                head.set(null);
            }
            attentionAgain();
        });
        head.addListener((o, was, now) -> attentionAgain());
    }

    private void attentionAgain() {
        if (method.get() == Method.ATTENTION && (attention.get() != null || explaining.get())) {
            explain();
        }
    }

    /** The design's runs, newest first: those with a saved model can be tried. Keeps the chosen one if it stays. */
    public void showRuns(List<RunRecord> all) {
        Path chosen = run.get() == null ? null : run.get().dir();
        runs.setAll(all.stream().filter(r -> Files.isRegularFile(new RunFolder(r.dir()).model())).toList());
        run.set(runs.stream().filter(r -> r.dir().equals(chosen)).findFirst()
                .orElse(runs.isEmpty() ? null : runs.get(0)));
    }

    /** Starts the process for the chosen run again (after it ended), or stops it when no run is chosen. */
    public void restart() {
        stop();
        ready.set(false);
        classes.clear();
        layers.clear();
        attention.set(null);
        attentionLayers.clear();
        headCounts.clear();
        hasAttention.set(false);
        RunRecord chosen = run.get();
        if (chosen == null) {
            status.set("Choose a run with a saved model (train one first).");
            return;
        }
        int mine = ++generation;
        status.set("Loading " + chosen.name() + "…");
        try {
            connection = process.start(chosen.dir(), line -> onReply(mine, line),
                    (code, last) -> onFxThread.accept(() -> ended(mine, code, last)));
        } catch (IOException e) {
            connection = null;
            status.set("Cannot start the process that runs the model: " + e.getMessage());
        }
    }

    /** Ends the process (when the design closes). */
    public void stop() {
        generation++;
        if (connection != null) {
            connection.stop();
            connection = null;
        }
        explaining.set(false);
    }

    /** Says something in the status line (a paste without a picture, a drop of no file). */
    public void say(String message) {
        status.set(message);
    }

    /** Tries an image or CSV file of the user's. */
    public void useFile(Path file) {
        original.set(file);
        use(JSON.createObjectNode().put("file", file.toAbsolutePath().toString()), file.getFileName().toString());
    }

    /**
     * Tries the row of values typed in {@link #row()} (a run trained on CSV rows): it goes through the run's
     * normalisation in the process, which names any column whose value is missing or no number.
     */
    public void useRow() {
        if (!rows.get()) {
            status.set("This run was trained on images: drop or paste an image, draw, or pick a sample.");
            return;
        }
        original.set(null);
        com.fasterxml.jackson.databind.node.ArrayNode values = JSON.createArrayNode();
        row.values().forEach(values::add);
        ObjectNode typed = JSON.createObjectNode();
        typed.set("row", values);
        use(typed, "your row");
    }

    /** Tries the {@code index}-th example of the run's evaluation set (the gallery's numbering). */
    public void useSample(int index) {
        original.set(null);
        sample.set(index);
        use(JSON.createObjectNode().put("sample", index), "sample #" + index);
    }

    /** Tries the gallery's sample {@code index} of {@code chosen}, and explains it when the prediction is in. */
    public void explainSample(RunRecord chosen, int index) {
        if (chosen != null && runs.stream().noneMatch(r -> r.dir().equals(chosen.dir()))) {
            runs.add(0, chosen);
        }
        if (chosen != null) {
            run.set(runs.stream().filter(r -> r.dir().equals(chosen.dir())).findFirst().orElse(chosen));
        }
        useSample(index);
        explainAfterPredict = true;
    }

    /**
     * Tries a picture made in the window (a drawing, a pasted image) given as ARGB pixels: written to a PNG in the
     * background, then read as an image file is, resized to the model's input.
     */
    public void useImage(int[] argb, int width, int height, String name) {
        int[] pixels = argb.clone();
        background.execute(() -> {
            try {
                Path folder = Files.createTempDirectory("netwright-tryit-");
                Path png = folder.resolve(name.replace(' ', '-') + ".png");
                folder.toFile().deleteOnExit(); // deleted in reverse order: the file, then its folder
                png.toFile().deleteOnExit();
                javax.imageio.ImageIO.write(picture(pixels, width, height), "png", png.toFile());
                onFxThread.accept(() -> {
                    original.set(png);
                    use(JSON.createObjectNode().put("file", png.toString()), name);
                });
            } catch (IOException e) {
                onFxThread.accept(() -> status.set("Cannot keep the " + name + " to try it: " + e.getMessage()));
            }
        });
    }

    /** The pixels as an image: gray where every pixel is (a drawing), so that it is read without a colour note. */
    private static java.awt.image.BufferedImage picture(int[] argb, int width, int height) {
        boolean gray = true;
        for (int p : argb) {
            int r = p >> 16 & 0xff;
            gray &= r == (p >> 8 & 0xff) && r == (p & 0xff);
        }
        java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(width, height, gray
                ? java.awt.image.BufferedImage.TYPE_BYTE_GRAY : java.awt.image.BufferedImage.TYPE_INT_RGB);
        if (gray) {
            var raster = image.getRaster();
            for (int i = 0; i < argb.length; i++) {
                raster.setSample(i % width, i / width, 0, argb[i] & 0xff);
            }
        } else {
            image.setRGB(0, 0, width, height, argb, 0, width);
        }
        return image;
    }

    private void use(ObjectNode chosenInput, String name) {
        input = chosenInput;
        explainAfterPredict = false;
        inputName.set(name);
        clearResults();
        if (ready.get()) {
            predict();
        }
    }

    private void clearResults() {
        top.clear();
        seen.set(null);
        explanation.set(null);
        perFeature.set(null);
        attention.set(null);
        notes.set("");
    }

    private void predict() {
        cancel();
        predictId = nextId++;
        ObjectNode request = JSON.createObjectNode().put("id", predictId).put("op", "predict");
        request.set("input", input);
        status.set("Predicting " + inputName.get() + "…");
        send(request);
    }

    /** Explains the input for the chosen class (the predicted one by default) with the chosen method. */
    public void explain() {
        if (!ready.get() || input == null) {
            status.set(input == null ? (rows.get() ? "Choose an input first: type a row's values and press Predict, "
                    + "or pick a sample." : "Choose an input first: drop or paste an image, draw, or pick a sample.")
                    : "The model is not loaded yet.");
            return;
        }
        if (method.get() == Method.ATTENTION && !hasAttention.get()) {
            status.set(NO_ATTENTION);
            return;
        }
        ObjectNode request = JSON.createObjectNode().put("op", "explain").put("method", method.get().id());
        try {
            switch (method.get()) {
                case IG -> request.put("steps", whole("Steps", steps.get()));
                case OCCLUSION -> request.put("patch", whole("Patch", patch.get()))
                        .put("stride", whole("Stride", stride.get()));
                case LIME, SHAP -> {
                    request.put("samples", whole("Perturbations", perturbations.get()));
                    if (!rows.get() && segments.get() != null) {
                        request.put("segments", segments.get().id());
                    }
                }
                case GRADCAM -> {
                    if (layer.get() != null && !layer.get().isBlank()) {
                        request.put("layer", layer.get());
                    }
                }
                case ATTENTION -> {
                    request.put("op", "attention").remove("method");
                    if (attentionLayer.get() != null) {
                        request.put("layer", attentionLayer.get());
                    }
                    if (head.get() != null) {
                        request.put("head", head.get());
                    }
                }
                default -> { }
            }
        } catch (IllegalArgumentException e) {
            status.set(e.getMessage());
            return;
        }
        if (EnumSet.of(Method.IG, Method.OCCLUSION, Method.LIME, Method.SHAP).contains(method.get())) {
            request.put("baseline", (baseline.get() == null ? Baseline.BLACK : baseline.get()).id());
        }
        cancel();
        explainId = nextId++;
        request.put("id", explainId);
        if (target.get() != null && method.get() != Method.ATTENTION) {
            request.put("target", target.get());
        }
        request.set("input", input);
        explaining.set(true);
        progress.set(-1);
        status.set(method.get() + " on " + inputName.get() + "…");
        send(request);
    }

    private static int whole(String what, String text) {
        try {
            int value = Integer.parseInt(text.strip());
            if (value >= 1) {
                return value;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException(what + " must be a whole number of at least 1, not \"" + text + "\".");
    }

    /** Stops the explanation under way; the model stays loaded. */
    public void cancel() {
        if (explaining.get()) {
            send(JSON.createObjectNode().put("op", "cancel").put("id", explainId));
            explaining.set(false);
            status.set("Cancelled.");
            explainId = -1;
        }
    }

    private void send(ObjectNode request) {
        if (connection == null || !connection.send(request.toString())) {
            explaining.set(false);
            status.set("The process that runs the model has ended: press Reload to start it again.");
        }
    }

    /** On the process's reader thread: parsed there, applied on the FX thread. */
    private void onReply(int from, String line) {
        if (!line.startsWith("{")) {
            return; // not a reply (a native library's own output)
        }
        JsonNode reply;
        try {
            reply = JSON.readTree(line);
        } catch (IOException e) {
            return;
        }
        onFxThread.accept(() -> {
            if (from == generation) {
                apply(reply);
            }
        });
    }

    private void apply(JsonNode reply) {
        long id = reply.path("id").asLong(-1);
        switch (reply.path("type").asText()) {
            case "ready" -> ready(reply);
            case "failed" -> status.set(reply.path("message").asText("The run cannot be loaded."));
            case "prediction" -> {
                if (id == predictId) {
                    showInput(reply);
                    status.set("Predicted " + inputName.get() + ".");
                    if (explainAfterPredict) {
                        explainAfterPredict = false;
                        explain();
                    }
                }
            }
            case "progress" -> {
                if (id == explainId && explaining.get()) {
                    progress.set(reply.path("done").asDouble() / Math.max(1, reply.path("total").asDouble()));
                }
            }
            case "explanation" -> {
                if (id == explainId) {
                    showInput(reply);
                    showExplanation(reply);
                    explaining.set(false);
                    status.set("Explained " + inputName.get() + ".");
                }
            }
            case "attention" -> {
                if (id == explainId) {
                    showInput(reply);
                    showAttention(reply);
                    explaining.set(false);
                    status.set("Attention of " + inputName.get() + " at " + attention.get().layer() + ", "
                            + attention.get().which() + ".");
                }
            }
            case "cancelled" -> { }
            case "error" -> {
                if (id == explainId || id == predictId || id < 0) {
                    if (id == explainId) {
                        explaining.set(false);
                    }
                    status.set(reply.path("message").asText("The request failed."));
                }
            }
            default -> { }
        }
    }

    private void ready(JsonNode reply) {
        ready.set(true);
        classes.setAll(strings(reply.path("classes")));
        layers.setAll(strings(reply.path("layers")));
        layer.set(layers.isEmpty() ? null : layers.get(layers.size() - 1)); // Grad-CAM's default: the last one
        reply.path("attention").forEach(a -> headCounts.put(a.path("layer").asText(), a.path("heads").asInt()));
        attentionLayers.setAll(strings(reply.path("attention").findValues("layer")));
        hasAttention.set(!attentionLayers.isEmpty());
        attentionLayer.set(attentionLayers.isEmpty() ? null : attentionLayers.get(attentionLayers.size() - 1));
        boolean rowsNow = reply.path("rows").asBoolean();
        if (rowsNow && layers.isEmpty() && method.get() == Method.GRADCAM) {
            method.set(Method.SHAP); // a row's features: attributions per feature
        } else if (hasAttention.get() && layers.isEmpty() && method.get() == Method.GRADCAM) {
            method.set(Method.ATTENTION); // no convolution to look at: what the design can show first
        } else if (!hasAttention.get() && method.get() == Method.ATTENTION) {
            method.set(Method.GRADCAM);
        }
        samples.set(reply.path("setSize").asInt());
        boolean wasRows = rows.get();
        rows.set(reply.path("rows").asBoolean());
        if (rows.get() && (!wasRows || baseline.get() == Baseline.BLUR)) {
            baseline.set(Baseline.MEAN); // a row has nothing to blur; E[f] over the data is near f(mean)
        }
        row.reset(rows.get() ? strings(reply.path("features")) : List.of());
        drawable.set(reply.path("height").asInt() == 28 && reply.path("width").asInt() == 28
                && reply.path("channels").asInt() == 1);
        status.set("Ready: " + run.get().name() + " (" + classes.size() + " classes). " + (rows.get()
                ? "Type a row's values and press Predict, or pick" : "Drop or paste an image, draw, or pick")
                + " one of its " + samples.get() + " " + reply.path("set").asText("validation") + " samples.");
        if (input != null) {
            predict();
        }
    }

    private void showInput(JsonNode reply) {
        int h = reply.path("height").asInt();
        int w = reply.path("width").asInt();
        int c = reply.path("channels").asInt();
        JsonNode values = reply.path("input");
        float[] features = new float[values.size()];
        for (int i = 0; i < features.length; i++) {
            features[i] = (float) values.get(i).asDouble();
        }
        seen.set(new Examples(features, new int[1], h, w, c, List.of("?")));
        if (rows.get() && input != null && !input.has("row")) {
            row.fill(features); // a sample or a file: its values, to edit from
        }
        notes.set(String.join("\n", strings(reply.path("notes"))));
        double[] p = doubles(reply.path("probabilities"));
        int actual = reply.path("actual").asInt(-1);
        List<ClassProbability> ranked = new ArrayList<>();
        java.util.stream.IntStream.range(0, p.length).boxed().sorted((a, b) -> Double.compare(p[b], p[a])).limit(TOP)
                .forEach(k -> ranked.add(new ClassProbability(name(k), p[k], k == actual)));
        top.setAll(ranked);
    }

    private void showExplanation(JsonNode reply) {
        double[] p = doubles(reply.path("probabilities"));
        int c = reply.path("target").asInt();
        attention.set(null);
        explanation.set(new Explanation(reply.path("method").asText(), name(c), c < p.length ? p[c] : 0,
                doubles(reply.path("map")), reply.path("mapHeight").asInt(), reply.path("mapWidth").asInt(),
                reply.path("deletionAuc").asDouble(), reply.path("insertionAuc").asDouble(),
                reply.path("randomDeletionAuc").asDouble(), reply.path("randomInsertionAuc").asDouble(),
                reply.path("expected").asDouble(Double.NaN), reply.path("segments").asText(""),
                reply.path("segmentOf").isArray() ? ints(reply.path("segmentOf")) : null));
        Explanation shown = explanation.get();
        perFeature.set(rows.get() && shown.map().length == row.names().size()
                ? new FeatureAttributions(shown.method(), row.names(), shown.map(), shown.expected(), shown.probability())
                : null);
    }

    private void showAttention(JsonNode reply) {
        int tokens = reply.path("tokens").asInt();
        double[] flat = doubles(reply.path("matrix"));
        double[][] matrix = new double[tokens][tokens];
        for (int i = 0; i < tokens; i++) {
            System.arraycopy(flat, i * tokens, matrix[i], 0, tokens);
        }
        explanation.set(null);
        if (token.get() != null && token.get() >= tokens) {
            token.set(null);
        }
        attention.set(new AttentionMap(reply.path("layer").asText(), reply.path("head").asInt(-1),
                reply.path("heads").asInt(), matrix));
    }

    private void ended(int from, int code, String lastError) {
        if (from != generation) {
            return; // a process stopped on purpose
        }
        connection = null;
        boolean wasReady = ready.get();
        ready.set(false);
        explaining.set(false);
        if (wasReady || !status.get().startsWith("Loading")) {
            if (wasReady) {
                status.set("The process that runs the model ended unexpectedly (exit code " + code + ")"
                        + (lastError.isBlank() ? "" : ": " + lastError.strip()) + ". Press Reload to start it again.");
            }
            return;
        }
        status.set("The run could not be loaded (exit code " + code + ")"
                + (lastError.isBlank() ? "." : ": " + lastError.strip()));
    }

    private String name(int c) {
        return c >= 0 && c < classes.size() ? classes.get(c) : "class " + c;
    }

    private static List<String> strings(Iterable<JsonNode> array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static int[] ints(JsonNode array) {
        int[] out = new int[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asInt();
        }
        return out;
    }

    private static double[] doubles(JsonNode array) {
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asDouble();
        }
        return out;
    }

    public ObservableList<RunRecord> runs() {
        return runs;
    }

    public ObjectProperty<RunRecord> runProperty() {
        return run;
    }

    /** True once the chosen run's model is loaded and answers. */
    public ReadOnlyBooleanProperty readyProperty() {
        return ready.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty explainingProperty() {
        return explaining.getReadOnlyProperty();
    }

    /** The explanation's progress, 0 to 1; negative while unknown. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    /** What is happening, or what went wrong, in a sentence. */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** What was changed to fit the input to the model (resized, converted), one note a line. */
    public ReadOnlyStringProperty notesProperty() {
        return notes.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty inputNameProperty() {
        return inputName.getReadOnlyProperty();
    }

    /** The evaluation sample last tried (its number in the gallery); -1 before any. */
    public ReadOnlyIntegerProperty sampleProperty() {
        return sample.getReadOnlyProperty();
    }

    /** How many samples the run's evaluation set has (0 until loaded). */
    public ReadOnlyIntegerProperty samplesProperty() {
        return samples.getReadOnlyProperty();
    }

    /** True when the run was trained on CSV rows: the input is a row of feature values ({@link #row()}). */
    public ReadOnlyBooleanProperty rowsProperty() {
        return rows.getReadOnlyProperty();
    }

    /** The row of feature values to try, for a run trained on CSV rows (empty otherwise). */
    public FeatureRow row() {
        return row;
    }

    /** True when the model takes 28×28 gray images: the drawing pad fits it. */
    public ReadOnlyBooleanProperty drawableProperty() {
        return drawable.getReadOnlyProperty();
    }

    /** The attention layers (self-attention, or a Transformer block's), in the order computed; empty without. */
    public ObservableList<String> attentionLayers() {
        return attentionLayers;
    }

    /** The number of heads of attention layer {@code layer} (0 for one that is not). */
    public int heads(String attentionLayerName) {
        return attentionLayerName == null ? 0 : headCounts.getOrDefault(attentionLayerName, 0);
    }

    /** True when the run's design has self-attention: the Attention method applies. */
    public ReadOnlyBooleanProperty hasAttentionProperty() {
        return hasAttention.getReadOnlyProperty();
    }

    public StringProperty attentionLayerProperty() {
        return attentionLayer;
    }

    /** The head shown; null for the mean of the heads. */
    public ObjectProperty<Integer> headProperty() {
        return head;
    }

    /** The token (image row) whose attention is drawn over the input; null for what each row receives. */
    public ObjectProperty<Integer> tokenProperty() {
        return token;
    }

    /** The attention weights last shown; null before, and while another method's map is shown. */
    public ReadOnlyObjectProperty<AttentionMap> attentionProperty() {
        return attention.getReadOnlyProperty();
    }

    public ObservableList<String> classes() {
        return classes;
    }

    /** The model's convolution layers, in order (Grad-CAM's choice). */
    public ObservableList<String> layers() {
        return layers;
    }

    /** The most probable classes, most probable first. */
    public ObservableList<ClassProbability> top() {
        return top;
    }

    /** The input as the model sees it: resized and converted, before normalisation; null before a prediction. */
    public ReadOnlyObjectProperty<Examples> seenProperty() {
        return seen.getReadOnlyProperty();
    }

    /** The input's own file (a drawing or paste: the PNG it was written to); null for a sample. */
    public ReadOnlyObjectProperty<Path> originalProperty() {
        return original.getReadOnlyProperty();
    }

    /** A CSV design's last explanation per named feature (for its bar chart); null for images and before one. */
    public ReadOnlyObjectProperty<FeatureAttributions> perFeatureProperty() {
        return perFeature.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Explanation> explanationProperty() {
        return explanation.getReadOnlyProperty();
    }

    public ObjectProperty<Method> methodProperty() {
        return method;
    }

    public ObjectProperty<Integer> targetProperty() {
        return target;
    }

    /** Grad-CAM's convolution layer (a node id). */
    public StringProperty layerProperty() {
        return layer;
    }

    /** The baseline of integrated gradients, occlusion, LIME and KernelSHAP: black, the training mean, or blurred. */
    public ObjectProperty<Baseline> baselineProperty() {
        return baseline;
    }

    public StringProperty stepsProperty() {
        return steps;
    }

    public StringProperty patchProperty() {
        return patch;
    }

    public StringProperty strideProperty() {
        return stride;
    }

    /** LIME and KernelSHAP: perturbed inputs. */
    public StringProperty perturbationsProperty() {
        return perturbations;
    }

    /** LIME and KernelSHAP on images: how the image is cut into segments (automatic, grid, SLIC or FH). */
    public ObjectProperty<SegmentMethod> segmentsProperty() {
        return segments;
    }
}
