package dev.netwright.runtime.codegen;

import dev.netwright.runtime.check.CheckResult;
import dev.netwright.runtime.compile.DesignCompiler;
import dev.netwright.runtime.compile.TrainingSettings;
import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.design.Node;
import dev.netwright.runtime.design.TrainingPlan;
import dev.netwright.runtime.layers.LayerCatalog;
import dev.netwright.runtime.layers.Shape;
import dev.netwright.runtime.layers.kinds.InputKind;
import dev.netwright.runtime.layers.kinds.OutputKind;
import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The exported Java file around the graph's vertices: the comment naming its Maven dependencies, the imports, the
 * global settings as {@code DesignCompiler} sets them, {@code build()}, and {@code main} with its fit loop and the
 * data placeholder. The class is in the default package.
 */
final class JavaProgram {
    /** Deeplearning4j's version, which Netwright builds against (the root POM's dl4j.version). */
    static final String DL4J_VERSION = "1.0.0-M2.1";
    /** The Maven coordinates of Netwright's own DL4J layers (package dev.netwright.runtime.layers.dl4j). */
    static final String NETWRIGHT_LAYERS = "dev.netwright:netwright-engine:0.1.0-SNAPSHOT";

    private final Design design;
    private final CheckResult check;
    private final TrainingPlan plan;
    private final TrainingSettings settings;
    private final JavaLayers code;
    private final LayerCatalog catalog;

    JavaProgram(Design design, CheckResult check, TrainingPlan plan, TrainingSettings settings, JavaLayers code,
                LayerCatalog catalog) {
        this.design = design;
        this.catalog = catalog;
        this.check = check;
        this.plan = plan;
        this.settings = settings;
        this.code = code;
    }

    /** The whole file, from the vertex calls, the network's inputs (quoted) and their types, and its outputs. */
    String text(List<String> inputs, List<String> inputTypes, List<String> vertices, List<String> outputs) {
        List<String> chain = new ArrayList<>();
        chain.add("return new " + code.use(NeuralNetConfiguration.class) + ".Builder()");
        chain.addAll(globalSettings());
        chain.add(".graphBuilder()");
        chain.add(".addInputs(" + String.join(", ", inputs) + ")");
        chain.add(".setInputTypes(" + String.join(", ", inputTypes) + ")");
        chain.addAll(vertices);
        chain.add(".setOutputs(" + String.join(", ", outputs) + ")");
        chain.add(".build();");
        code.use(ComputationGraphConfiguration.class);
        code.use(ComputationGraph.class);
        code.use(MultiDataSetIterator.class);
        String className = className(code.imports());

        JavaWriter java = new JavaWriter();
        header(java);
        for (String name : code.imports()) {
            java.line("import " + name + ";");
        }
        java.blank();
        java.line("/** " + comment(design.name()) + " as a Deeplearning4j ComputationGraph; vertex names are Netwright's node ids. */");
        java.line("public final class " + className + " {");
        java.indent();
        java.line("/** The design's saved training settings" + (design.training().isPresent() ? "" : " (none: Netwright's defaults)")
                + ". */");
        java.line("static final int EPOCHS = " + plan.epochs() + ";");
        java.line("static final int BATCH_SIZE = " + plan.batchSize() + ";");
        java.blank();
        java.line("private " + className + "() {");
        java.line("}");
        java.blank();
        java.line("/** The network as Netwright's compiler builds it. */");
        java.line("public static ComputationGraphConfiguration configuration() {");
        java.indent();
        java.line(chain.get(0));
        java.indent();
        java.indent();
        chain.subList(1, chain.size()).forEach(java::line);
        java.dedent();
        java.dedent();
        java.dedent();
        java.line("}");
        java.blank();
        java.line("/** A new network with freshly initialised weights. */");
        java.line("public static ComputationGraph build() {");
        java.line("    ComputationGraph graph = new ComputationGraph(configuration());");
        java.line("    graph.init();");
        java.line("    return graph;");
        java.line("}");
        java.blank();
        trainingLoop(java);
        java.blank();
        dataPlaceholder(java, inputs, outputs);
        java.dedent();
        java.line("}");
        return java.text();
    }

    private void header(JavaWriter java) {
        java.line("/*");
        java.line(" * " + comment(design.name()) + ": a Netwright design exported as Java code for Deeplearning4j "
                + DL4J_VERSION + " (architecture only,");
        java.line(" * freshly initialised weights). The class is in the default package.");
        if (!design.description().isBlank()) {
            java.line(" *");
            wrapped(comment(design.description())).forEach(line -> java.line(" * " + line));
        }
        java.line(" *");
        java.line(" * Maven dependencies:");
        java.line(" *   org.deeplearning4j:deeplearning4j-core:" + DL4J_VERSION);
        java.line(" *   org.nd4j:nd4j-native-platform:" + DL4J_VERSION);
        if (code.imports().stream().anyMatch(name -> name.startsWith("dev.netwright."))) {
            java.line(" *   " + NETWRIGHT_LAYERS + "  (Netwright's own layers; netwright-runtime brings them too)");
        }
        java.line(" *");
        for (Node node : design.nodes()) {
            if (InputKind.ID.equals(node.kind()) || OutputKind.ID.equals(node.kind())) {
                Shape shape = check.output(node.id()).orElseThrow();
                java.line(" * " + (InputKind.ID.equals(node.kind()) ? "Input " : "Output ") + comment(node.id()) + ": "
                        + layout(shape) + (shape instanceof Shape.Vector ? "" : " (Netwright's " + comment(shape.label())
                        + (shape instanceof Shape.Sequence ? "; DL4J reads features by steps" : "") + ")"));
            }
        }
        if (!plan.lrSchedule().type().equals("constant")) {
            java.line(" * Netwright's learning-rate schedule (" + comment(plan.lrSchedule().spec())
                    + ") is not exported: the rate stays constant.");
        }
        if (!plan.augmentation().isNone()) {
            java.line(" * Netwright's augmentation of the training images is not exported.");
        }
        if (plan.patience() > 0) {
            java.line(" * Netwright's early stopping (patience " + plan.patience() + ") is not exported.");
        }
        java.line(" */");
    }

    /** The builder calls of {@code DesignCompiler.globalSettings}, for the plan's training settings. */
    private List<String> globalSettings() {
        List<String> calls = new ArrayList<>();
        calls.add(".seed(" + settings.seed() + "L)");
        calls.add(".dataType(" + code.use(DataType.class) + "." + settings.dataType().name() + ")");
        calls.add(".cacheMode(" + code.use(CacheMode.class) + "." + CacheMode.DEVICE.name() + ")");
        try {
            calls.add(".updater(" + code.updater(DesignCompiler.updater(settings)) + ")");
        } catch (JavaLayers.Unsupported e) {
            throw new IllegalStateException("every optimizer of the settings is written: " + e.getMessage(), e);
        }
        calls.add(".weightInit(" + code.use(WeightInit.class) + "." + switch (settings.weightInit()) {
            case HE -> WeightInit.RELU.name();
            case LECUN -> WeightInit.LECUN_NORMAL.name();
            case XAVIER -> WeightInit.XAVIER.name();
        } + ")");
        if (settings.l1() > 0) {
            calls.add(".l1(" + JavaLayers.number(settings.l1()) + ")");
        }
        if (settings.l2() > 0) {
            calls.add(".l2(" + JavaLayers.number(settings.l2()) + ")");
        }
        if (settings.gradientClipping() > 0) {
            calls.add(".gradientNormalization(" + code.use(GradientNormalization.class) + "."
                    + GradientNormalization.ClipL2PerParamType.name() + ")");
            calls.add(".gradientNormalizationThreshold(" + JavaLayers.number(settings.gradientClipping()) + ")");
        }
        return calls;
    }

    private static void trainingLoop(JavaWriter java) {
        java.line("/** Trains a fresh network for EPOCHS epochs of BATCH_SIZE examples and prints the mean loss of each. */");
        java.line("public static void main(String[] args) {");
        java.indent();
        java.line("ComputationGraph graph = build();");
        java.line("System.out.println(graph.numParams() + \" parameters\");");
        java.line("MultiDataSetIterator data = loadData(BATCH_SIZE);");
        java.line("for (int epoch = 1; epoch <= EPOCHS; epoch++) {");
        java.indent();
        java.line("data.reset();");
        java.line("double total = 0;");
        java.line("int batches = 0;");
        java.line("while (data.hasNext()) {");
        java.line("    graph.fit(data.next());");
        java.line("    total += graph.score();");
        java.line("    batches++;");
        java.line("}");
        java.line("System.out.printf(\"epoch %d of %d: loss %.4f%n\", epoch, EPOCHS, total / Math.max(1, batches));");
        java.dedent();
        java.line("}");
        java.dedent();
        java.line("}");
    }

    private void dataPlaceholder(JavaWriter java, List<String> inputs, List<String> outputs) {
        String source = design.data().map(d -> d.source()).orElse("");
        List<String> wanted = new ArrayList<>();
        for (Node node : design.nodes()) {
            Shape shape = check.output(node.id()).orElseThrow();
            if (InputKind.ID.equals(node.kind())) {
                wanted.add("features " + layout(shape) + " for " + comment(node.id()));
            } else if (OutputKind.ID.equals(node.kind())) {
                wanted.add("labels " + layout(shape) + " for " + comment(node.id()) + " ("
                        + labels(node) + ")");
            }
        }
        String what = String.join(", ", wanted);
        java.line("/**");
        java.line(" * PLACEHOLDER: load the training data here" + (source.isEmpty() ? "" : " (the design names "
                + comment(source) + (source.startsWith("fashion-mnist") ? ": Fashion-MNIST, pixels scaled to 0..1" : "")
                + ")") + ".");
        java.line(" * Supply " + what + ",");
        java.line(" * in batches of batchSize; wrap a DataSetIterator in org.deeplearning4j.datasets.iterator.impl."
                + "MultiDataSetIteratorAdapter.");
        java.line(" */");
        java.line("static MultiDataSetIterator loadData(int batchSize) {");
        java.line("    throw new UnsupportedOperationException(\"Load your data in loadData: " + what.replace("\"", "'") + ".\");");
        java.line("}");
    }

    private String labels(Node output) {
        return switch (catalog.require(output.kind()).read(output).getChoice("loss")) {
            case OutputKind.SIGMOID -> "0 or 1 for each output";
            case OutputKind.MSE -> "target values";
            default -> "one-hot classes";
        };
    }

    /** Text in lines of at most 110 characters, broken between words. */
    private static List<String> wrapped(String text) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" +")) {
            if (line.length() > 0 && line.length() + 1 + word.length() > 110) {
                lines.add(line.toString());
                line.setLength(0);
            }
            line.append(line.length() > 0 ? " " : "").append(word);
        }
        lines.add(line.toString());
        return lines;
    }

    /** The array layout DL4J reads: images NCHW, sequences NCW (features by steps), vectors [N, size]. */
    static String layout(Shape shape) {
        if (shape instanceof Shape.Image i) {
            return "[N, " + i.channels() + ", " + i.height() + ", " + i.width() + "]";
        }
        if (shape instanceof Shape.Sequence s) {
            return "[N, " + s.features() + ", " + s.steps() + "]";
        }
        return "[N, " + ((Shape.Vector) shape).size() + "]";
    }

    /** The design's name as a class name that no import shadows. */
    private String className(Set<String> imports) {
        String name = PyTorchExport.className(design.name());
        String base = name;
        for (int i = 2; clashes(name, imports); i++) {
            name = base + "Network" + (i == 2 ? "" : Integer.toString(i));
        }
        return name;
    }

    private static boolean clashes(String name, Set<String> imports) {
        return imports.stream().anyMatch(i -> i.endsWith("." + name)) || name.equals("String") || name.equals("System")
                || name.equals("Math") || name.equals("Object") || name.equals("UnsupportedOperationException");
    }

    /** A Java string literal; characters outside printable ASCII as unicode escapes. */
    static String string(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || c > 0x7e) {
                out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }

    /** Text for a comment on one line in ASCII: javac reads unicode escapes even in comments, so no backslashes. */
    static String comment(String text) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            out.append(c == '×' ? 'x' : c == '\\' ? '/' : c < 0x20 || c > 0x7e ? '?' : c);
        }
        return out.toString().replace("*/", "* /");
    }
}
