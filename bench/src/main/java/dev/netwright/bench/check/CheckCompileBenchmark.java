package dev.netwright.bench.check;

import dev.netwright.runtime.layers.kinds.StandardKinds;
import dev.netwright.runtime.check.Checker;
import dev.netwright.runtime.compile.CompiledDesign;
import dev.netwright.runtime.compile.DesignCompiler;
import dev.netwright.runtime.compile.TrainingSettings;
import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.design.Edge;
import dev.netwright.runtime.design.Node;
import dev.netwright.runtime.design.Position;
import dev.netwright.runtime.layers.LayerCatalog;
import org.deeplearning4j.nn.conf.inputs.InputType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Check and compile time for generated residual designs of 10, 100 and 500 nodes, with DL4J's own
 * type inference ({@code getLayerActivationTypes}) on the same graph as the baseline. Prints a
 * Markdown table. Run: {@code bench/check-compile.sh}.
 */
public final class CheckCompileBenchmark {
    private static final LayerCatalog CATALOG = StandardKinds.catalog();

    private CheckCompileBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int repeats = args.length > 0 ? Integer.parseInt(args[0]) : 101;
        Checker checker = new Checker();
        DesignCompiler compiler = new DesignCompiler();
        System.out.println("| nodes | check median (ms) | check p90 (ms) | compile median (ms) | DL4J type inference median (ms) |");
        System.out.println("|---:|---:|---:|---:|---:|");
        for (int size : new int[] {10, 100, 500}) {
            Design design = residualDesign(size);
            if (checker.check(design).hasErrors()) {
                throw new IllegalStateException("generated design has errors: " + checker.check(design).errors());
            }
            // Warm-up: JIT, class loading and ND4J start-up are not what we measure.
            for (int i = 0; i < 100; i++) {
                checker.check(design);
                compiler.compile(design, TrainingSettings.defaults());
            }
            double[] check = new double[repeats];
            double[] compile = new double[repeats];
            double[] dl4j = new double[repeats];
            for (int i = 0; i < repeats; i++) {
                long t0 = System.nanoTime();
                checker.check(design);
                long t1 = System.nanoTime();
                CompiledDesign compiled = compiler.compile(design, TrainingSettings.defaults());
                long t2 = System.nanoTime();
                compiled.configuration().getLayerActivationTypes(true, false, compiled.inputTypes().toArray(InputType[]::new));
                long t3 = System.nanoTime();
                check[i] = (t1 - t0) / 1e6;
                compile[i] = (t2 - t1) / 1e6;
                dl4j[i] = (t3 - t2) / 1e6;
            }
            System.out.printf(Locale.ROOT, "| %d | %.3f | %.3f | %.2f | %.2f |%n", design.nodes().size(),
                    percentile(check, 50), percentile(check, 90), percentile(compile, 50), percentile(dl4j, 50));
        }
    }

    /** Input, then residual blocks conv → BatchNorm → relu → Add(skip), then pooling and an Output. */
    static Design residualDesign(int targetNodes) {
        List<Node> nodes = new ArrayList<>();
        List<Edge> edges = new ArrayList<>();
        nodes.add(node("Input", "input", 0, "form", "image", "height", 16, "width", 16, "channels", 8));
        String previous = "input";
        int i = 0;
        while (nodes.size() + 4 + 2 <= targetNodes) {
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
            i++;
        }
        while (nodes.size() + 2 < targetNodes) {
            String act = "extra" + nodes.size();
            nodes.add(node("Activation", act, nodes.size()));
            edges.add(Edge.of(previous, act));
            previous = act;
        }
        nodes.add(node("GlobalPooling", "pool", nodes.size()));
        nodes.add(node("Output", "output", nodes.size()));
        edges.add(Edge.of(previous, "pool"));
        edges.add(Edge.of("pool", "output"));
        return Design.of("benchmark " + targetNodes, "", null, nodes, edges);
    }

    private static Node node(String kind, String id, int index, Object... params) {
        Node node = CATALOG.require(kind).newNode(id, new Position(index * 200.0, 0));
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
