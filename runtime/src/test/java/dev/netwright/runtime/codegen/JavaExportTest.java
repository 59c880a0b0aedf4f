package dev.netwright.runtime.codegen;

import dev.netwright.runtime.TestDesigns;
import dev.netwright.runtime.check.Checker;
import dev.netwright.runtime.compile.DesignCompiler;
import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.design.Edge;
import dev.netwright.runtime.design.Position;
import dev.netwright.runtime.design.TrainingPlan;
import dev.netwright.runtime.layers.Category;
import dev.netwright.runtime.layers.EmitContext;
import dev.netwright.runtime.layers.InferenceContext;
import dev.netwright.runtime.layers.Inferred;
import dev.netwright.runtime.layers.LayerCatalog;
import dev.netwright.runtime.layers.LayerKind;
import dev.netwright.runtime.layers.kinds.OutputKind;
import dev.netwright.runtime.layers.kinds.StandardKinds;
import dev.netwright.runtime.train.TrainingPlans;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.layers.ZeroPaddingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Designs with every kind of the catalog, exported as Java, compiled by javac and built as the compiler builds them. */
class JavaExportTest {
    private static final Pattern PUBLIC_CLASS = Pattern.compile("^public final class (\\w+)", Pattern.MULTILINE);

    @TempDir
    Path dir;

    /** Small designs that between them hold every kind and every DL4J class the kinds emit. */
    private static Map<String, Design> designs() {
        Map<String, Design> designs = new LinkedHashMap<>();
        designs.put("images", TestDesigns.start().image(8, 8, 1)
                .then("conv1", "Conv2D", "filters", 4, "padding", "same", "useBias", false)
                .then("conv2", "Conv2D", "filters", 4, "strideHeight", 2, "strideWidth", 1, "activation", "tanh")
                .then("norm", "BatchNorm", "momentum", 0.8).then("act", "Activation", "activation", "elu")
                .then("pool", "AvgPool2D", "padding", "same").then("drop", "Dropout", "rate", 0.3)
                .then("flat", "Flatten").then("dense", "Dense", "units", 5, "activation", "sigmoid")
                .then("output", "Output", "units", 3, "loss", OutputKind.SIGMOID).build());
        designs.put("sequence", TestDesigns.start().image(8, 8, 1).then("rows", "ToSequence", "direction", "columns")
                .then("lstm", "LSTM", "units", 8, "returnSequences", true)
                .then("position", "PositionalEncoding", "mode", "learned")
                .then("attention", "MultiHeadSelfAttention", "heads", 2).then("norm", "LayerNorm", "epsilon", 1e-3)
                .then("encoder", "TransformerEncoderBlock", "heads", 2, "feedForward", 16, "dropout", 0.0)
                .then("pool", "GlobalPooling", "mode", "max").output());
        designs.put("tokens", TestDesigns.start().sequence(12, 1)
                .then("embed", "Embedding", "vocabulary", 10, "dimensions", 4)
                .then("conv", "Conv1D", "filters", 6, "kernel", 3, "padding", "same")
                .then("pool", "MaxPool1D").then("avg", "AvgPool1D", "pool", 2, "stride", 1)
                .then("rnn", "SimpleRNN", "units", 5, "bidirectional", true, "returnSequences", false)
                .then("output", "Output", "units", 2, "loss", OutputKind.MSE).build());
        designs.put("recurrent", TestDesigns.start().sequence(6, 4)
                .then("gru", "GRU", "units", 4, "returnSequences", true, "bidirectional", true)
                .then("lstm", "LSTM", "units", 3, "activation", "relu", "bidirectional", true, "returnSequences", false)
                .output());
        designs.put("upsampling", TestDesigns.start().sequence(6, 4)
                .then("dense", "Dense", "units", 8)
                .then("reshape", "Reshape", "form", "image", "height", 4, "width", 4, "channels", 3)
                .then("deconv", "Conv2DTranspose", "filters", 2).then("up", "UpSampling2D", "size", 2)
                .then("flat", "Flatten").output());
        designs.put("branches", TestDesigns.start().vector(8)
                .then("a", "Dense", "units", 6).node("b", "Dense", "units", 6).wire("input", "b")
                .node("sum", "Add").wire("a", "sum").wire("b", "sum")
                .node("joined", "Concat").wire("sum", "joined").wire("a", "joined")
                .then("output", "Output", "units", 3).build()
                .withTraining(new TrainingPlan("NESTEROV", 0.05, 16, 3, 1e-4, false, 0.5, 0, 7, "AUTO", 0, 0)));
        // fine-tuning: a frozen node and nodes with learning-rate factors (their layers get their own optimizer)
        Design tuned = TestDesigns.start().image(8, 8, 1).then("conv1", "Conv2D", "filters", 4)
                .then("norm", "BatchNorm").then("flat", "Flatten").then("dense", "Dense", "units", 5)
                .then("output", "Output", "units", 3).build()
                .withTraining(new TrainingPlan("NESTEROV", 0.05, 16, 3, 1e-4, false, 0.5, 0, 7, "AUTO", 0, 0));
        tuned = tuned.withNode(tuned.requireNode("conv1").withTrainable(false))
                .withNode(tuned.requireNode("norm").withLearnRateFactor(0.1))
                .withNode(tuned.requireNode("dense").withLearnRateFactor(0.25))
                .withNode(tuned.requireNode("output").withLearnRateFactor(10));
        designs.put("fine-tuning", tuned);
        return designs;
    }

    @Test
    void everyKindCompilesToTheCompilersConfigurationAndParameterCount() throws Exception {
        String classPath = testClassPath();
        for (Map.Entry<String, Design> entry : designs().entrySet()) {
            Design design = entry.getValue();
            String code = new JavaExport().export(design);
            Class<?> exported = compileAndLoad(entry.getKey(), code, classPath);

            ComputationGraph graph = (ComputationGraph) exported.getMethod("build").invoke(null);
            assertThat(graph.numParams()).as(entry.getKey()).isEqualTo(new Checker().check(design).totalParams());
            ComputationGraphConfiguration configuration =
                    (ComputationGraphConfiguration) exported.getMethod("configuration").invoke(null);
            TrainingPlan plan = design.training().orElse(TrainingPlans.defaults());
            assertThat(configuration.toJson()).as(entry.getKey() + ":\n" + code).isEqualTo(new DesignCompiler()
                    .compile(design, TrainingPlans.settings(plan)).configuration().toJson());
        }
    }

    @Test
    void aNodesLearningRateFactorGivesItsLayersTheirOwnOptimizer() {
        String code = new JavaExport().export(designs().get("fine-tuning"));

        assertThat(code).contains(".updater(new Nesterovs(0.05, 0.9))", ".updater(new Nesterovs(0.005000000000000001, 0.9))", // 0.05 * 0.1, as the compiler computes it
                ".updater(new Nesterovs(0.0125, 0.9))", ".updater(new Nesterovs(0.5, 0.9))");
    }

    @Test
    void theSavedPlanGivesTheOptimizerEpochsAndBatchSize() {
        String code = new JavaExport().export(designs().get("branches"));

        assertThat(code).contains(".updater(new Nesterovs(0.05, 0.9))", ".l2(1.0E-4)", ".seed(7L)",
                "static final int EPOCHS = 3;", "static final int BATCH_SIZE = 16;");
    }

    @Test
    void aDesignWithoutSavedSettingsGetsTheTutorialsDefaults() {
        String code = new JavaExport().export(designs().get("images"));

        assertThat(code).contains(".updater(new Adam(0.001))", "static final int EPOCHS = 5;",
                "static final int BATCH_SIZE = 32;", "public final class Test {");
    }

    @Test
    void aNodeWhoseDl4jLayerIsNotWrittenIsRefusedByName() {
        LayerKind odd = new OddKind();
        List<LayerKind> kinds = new ArrayList<>(StandardKinds.catalog().kinds());
        kinds.add(odd);
        Design design = TestDesigns.start().image(4, 4, 1).then("flat", "Flatten").output()
                .withNode(odd.newNode("odd", new Position(0, 0)))
                .withoutEdge(Edge.of("input", "flat")).withEdge(Edge.of("input", "odd")).withEdge(Edge.of("odd", "flat"));

        assertThatThrownBy(() -> new JavaExport(new LayerCatalog(kinds)).export(design))
                .isInstanceOf(CodeExportException.class)
                .hasMessageContaining("'Odd padding' (OddPadding with DL4J layer ZeroPaddingLayer)");
    }

    /** A kind whose DL4J layer the Java export does not write. */
    private static final class OddKind extends LayerKind {
        OddKind() {
            super("OddPadding", "Odd padding", Category.CORE, "A test kind.");
        }

        @Override
        public Inferred infer(InferenceContext ctx) {
            return Inferred.of(ctx.input());
        }

        @Override
        public void emit(EmitContext ctx) {
            ctx.addLayer(new ZeroPaddingLayer(0, 0));
        }
    }

    private Class<?> compileAndLoad(String id, String code, String classPath) throws Exception {
        Matcher name = PUBLIC_CLASS.matcher(code);
        assertThat(name.find()).as(id + " names a public class:\n" + code).isTrue();
        Path source = Files.createDirectories(dir.resolve(id)).resolve(name.group(1) + ".java");
        Files.writeString(source, code, StandardCharsets.UTF_8);
        Path classes = Files.createDirectories(dir.resolve(id).resolve("classes"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
            boolean compiled = javac.getTask(null, files, diagnostics,
                    List.of("-classpath", classPath, "-d", classes.toString(), "-proc:none"),
                    null, files.getJavaFileObjects(source)).call();
            assertThat(compiled).as(id + " compiles:\n" + diagnostics.getDiagnostics().stream()
                    .map(d -> d.getKind() + " line " + d.getLineNumber() + ": " + d.getMessage(Locale.ROOT))
                    .collect(Collectors.joining("\n")) + "\n" + code).isTrue();
        }
        URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, getClass().getClassLoader());
        return loader.loadClass(name.group(1));
    }

    /** The test's class path for javac, following the Class-Path of surefire's manifest-only jar. */
    private static String testClassPath() throws IOException {
        Set<String> entries = new LinkedHashSet<>();
        String surefire = System.getProperty("surefire.test.class.path");
        String path = surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
        for (String entry : path.split(File.pathSeparator)) {
            addWithManifest(Path.of(entry), entries);
        }
        return String.join(File.pathSeparator, entries);
    }

    private static void addWithManifest(Path entry, Set<String> entries) throws IOException {
        if (!entries.add(entry.toString()) || !entry.toString().endsWith(".jar") || !Files.isRegularFile(entry)) {
            return;
        }
        try (JarFile jar = new JarFile(entry.toFile())) {
            Manifest manifest = jar.getManifest();
            String classPath = manifest == null ? null : manifest.getMainAttributes().getValue("Class-Path");
            if (classPath != null) {
                for (String item : classPath.trim().split("\\s+")) {
                    addWithManifest(Path.of(entry.toUri().resolve(item)), entries);
                }
            }
        }
    }
}
