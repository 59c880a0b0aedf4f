package dev.netwright.designer.canvas;

import dev.netwright.runtime.layers.kinds.StandardKinds;
import com.sun.javafx.perf.PerformanceTracker;
import dev.netwright.designer.command.Command;
import dev.netwright.designer.command.Edits;
import dev.netwright.designer.document.DesignDocument;
import dev.netwright.designer.palette.PaletteView;
import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.design.Edge;
import dev.netwright.runtime.design.Node;
import dev.netwright.runtime.design.Position;
import dev.netwright.runtime.layers.LayerCatalog;
import javafx.animation.AnimationTimer;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.function.LongPredicate;

/**
 * Edit latency and pan/zoom frame times of the canvas on generated residual designs (about 50 and 500
 * nodes), driven pulse by pulse from an AnimationTimer in a real window (run it under Xvfb, see
 * bench/designer.sh). Prints Markdown tables. A benchmark, not a test: figures go to docs/benchmarks.md.
 */
public final class DesignerBenchmark extends Application {
    private static final LayerCatalog CATALOG = StandardKinds.catalog();
    private static final int WARM_UP_EDITS = 60;
    private static final int EDITS = 120;
    private static final int FRAMES = 240;
    private final Deque<LongPredicate> steps = new ArrayDeque<>();
    private final List<String> editRows = new ArrayList<>();
    private final List<String> frameRows = new ArrayList<>();
    private Scene scene;
    private DesignDocument document;
    private DesignCanvas canvas;
    private long editStarted;
    private long editApplied = -1;
    private long editSynced = -1;
    private final Runnable afterViewUpdate = () -> {
        if (editStarted != 0 && editSynced < 0) {
            editSynced = System.nanoTime() - editStarted;
        }
    };

    public static void main(String[] args) {
        launch(args);
    }

    @Override
    public void start(Stage stage) {
        scene = new Scene(new BorderPane(), 1600, 900);
        scene.addPostLayoutPulseListener(() -> {
            if (editStarted != 0 && editApplied < 0) {
                editApplied = System.nanoTime() - editStarted;
            }
        });
        stage.setScene(scene);
        stage.show();
        for (String size : System.getProperty("bench.sizes", "50,500").split(",")) {
            plan(Integer.parseInt(size.trim()));
        }
        steps.add(now -> {
            System.out.println("| design | edit | execute + check, median (ms) | + view update, median (ms) | + CSS and layout, median (ms) | p95 (ms) | frame with the edit, median (ms) |");
            System.out.println("|---|---|---:|---:|---:|---:|---:|");
            editRows.forEach(System.out::println);
            System.out.println();
            System.out.println("| design | gesture | frame median (ms) | frame p95 (ms) | fps (PerformanceTracker) |");
            System.out.println("|---|---|---:|---:|---:|");
            frameRows.forEach(System.out::println);
            Platform.exit();
            return true;
        });
        new AnimationTimer() {
            @Override
            public void handle(long now) {
                if (!steps.isEmpty() && steps.peek().test(now)) {
                    steps.poll();
                }
            }
        }.start();
    }

    private void plan(int size) {
        Design design = residualDesign(size);
        String label = design.nodes().size() + " nodes";
        steps.add(now -> {
            document = new DesignDocument(design, CATALOG);
            canvas = new DesignCanvas(document);
            BorderPane root = new BorderPane(canvas);
            root.setLeft(new PaletteView(CATALOG));
            scene.setRoot(root);
            // Added after the canvas's own pre-layout listener, so it runs right after the view update.
            scene.removePreLayoutPulseListener(afterViewUpdate);
            scene.addPreLayoutPulseListener(afterViewUpdate);
            return true;
        });
        steps.add(waitFrames(30));
        // Moving one card: the checker runs on the whole design, one card and its wires change.
        Command[] move = {Edits.moveNodes(java.util.Map.of("conv3", new Position(723, 0))),
                Edits.moveNodes(java.util.Map.of("conv3", new Position(720, 0)))};
        // Changing the first convolution's filters breaks every Add below it: most cards change.
        Command[] filters = {Edits.setParam("conv0", CATALOG.require("Conv2D").param("filters"), 16),
                Edits.setParam("conv0", CATALOG.require("Conv2D").param("filters"), 8)};
        steps.add(edits(move, WARM_UP_EDITS, null, null));
        steps.add(edits(move, EDITS, label, "move one node"));
        steps.add(edits(filters, WARM_UP_EDITS / 4, null, null));
        steps.add(edits(filters, EDITS / 2, label, "set a parameter that changes most shapes"));
        if (Boolean.getBoolean("bench.editsOnly")) {
            return;
        }
        steps.add(frames(label, "pan at 100 %", (i, v) -> v.panned(-3, -2), () -> canvas.zoomProperty().set(1)));
        steps.add(frames(label, "zoom 50–150 % about the centre", (i, v) -> v.zoomedAbout(
                1 + 0.5 * Math.sin(i / 20.0), canvas.getWidth() / 2, canvas.getHeight() / 2), () -> { }));
        steps.add(frames(label, "pan with the whole design in view", (i, v) -> v.panned(i % 60 < 30 ? 2 : -2, 0),
                () -> canvas.fitToView()));
    }

    private LongPredicate waitFrames(int count) {
        int[] left = {count};
        return now -> --left[0] <= 0;
    }

    /** Runs one edit per pulse from the animation phase, so its view update lands in the same pulse. */
    private LongPredicate edits(Command[] commands, int count, String design, String what) {
        double[] execute = new double[count];
        double[] applied = new double[count];
        double[] synced = new double[count];
        double[] frame = new double[count];
        int[] i = {-1};
        long[] last = {0};
        return now -> {
            if (i[0] >= 0) {
                applied[i[0]] = editApplied / 1e6;
                synced[i[0]] = editSynced / 1e6;
                frame[i[0]] = (now - last[0]) / 1e6;
            }
            if (++i[0] == count) {
                editStarted = 0;
                if (design != null) {
                    editRows.add(String.format(Locale.ROOT, "| %s | %s | %.2f | %.2f | %.2f | %.2f | %.1f |", design, what,
                            percentile(execute, 50), percentile(synced, 50), percentile(applied, 50), percentile(applied, 95),
                            percentile(frame, 50)));
                }
                return true;
            }
            last[0] = now;
            editApplied = -1;
            editSynced = -1;
            editStarted = System.nanoTime();
            document.execute(commands[i[0] % commands.length]);
            execute[i[0]] = (System.nanoTime() - editStarted) / 1e6;
            return false;
        };
    }

    /** A viewport change per pulse; the frame time is the time between pulses. */
    private LongPredicate frames(String design, String what, java.util.function.BiFunction<Integer, Viewport, Viewport> step,
                                 Runnable setUp) {
        double[] intervals = new double[FRAMES];
        int[] i = {-10};
        long[] last = {0};
        PerformanceTracker tracker = PerformanceTracker.getSceneTracker(scene);
        return now -> {
            if (i[0] == -10) {
                setUp.run();
            }
            if (i[0] == 0) {
                tracker.resetAverageFPS();
            }
            if (i[0] > 0) {
                intervals[i[0] - 1] = (now - last[0]) / 1e6;
            }
            last[0] = now;
            if (i[0] == FRAMES) {
                frameRows.add(String.format(Locale.ROOT, "| %s | %s | %.1f | %.1f | %.0f |", design, what,
                        percentile(intervals, 50), percentile(intervals, 95), tracker.getAverageFPS()));
                return true;
            }
            if (i[0] >= 0) {
                canvas.viewportState().set(step.apply(i[0], canvas.viewportState().get()));
            }
            i[0]++;
            return false;
        };
    }

    /** Input, residual blocks conv → BatchNorm → Activation → Add(skip), pooling, Output; a grid of cards. */
    static Design residualDesign(int targetNodes) {
        List<Node> nodes = new ArrayList<>();
        List<Edge> edges = new ArrayList<>();
        nodes.add(node("Input", "input", 0, "form", "image", "height", 16, "width", 16, "channels", 8));
        String previous = "input";
        for (int i = 0; nodes.size() + 6 <= targetNodes; i++) {
            String conv = "conv" + i;
            String bn = "bn" + i;
            String act = "act" + i;
            String add = "add" + i;
            nodes.add(node("Conv2D", conv, nodes.size(), "filters", 8, "padding", "same"));
            nodes.add(node("BatchNorm", bn, nodes.size()));
            nodes.add(node("Activation", act, nodes.size()));
            nodes.add(node("Add", add, nodes.size()));
            edges.addAll(List.of(Edge.of(previous, conv), Edge.of(conv, bn), Edge.of(bn, act),
                    Edge.of(act, add), Edge.of(previous, add)));
            previous = add;
        }
        nodes.add(node("GlobalPooling", "pool", nodes.size()));
        nodes.add(node("Output", "output", nodes.size()));
        edges.add(Edge.of(previous, "pool"));
        edges.add(Edge.of("pool", "output"));
        return Design.of("benchmark " + targetNodes, "", null, nodes, edges);
    }

    private static Node node(String kind, String id, int index, Object... params) {
        Node node = CATALOG.require(kind).newNode(id, new Position(index % 20 * 240.0, index / 20 * 130.0));
        for (int p = 0; p < params.length; p += 2) {
            node = node.withParam((String) params[p], params[p + 1]);
        }
        return node;
    }

    private static double percentile(double[] values, int p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) Math.round(p / 100.0 * (sorted.length - 1)))];
    }
}
