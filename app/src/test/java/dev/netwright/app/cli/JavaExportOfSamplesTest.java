package dev.netwright.app.cli;

import dev.netwright.runtime.check.Checker;
import dev.netwright.runtime.codegen.CodeExportException;
import dev.netwright.runtime.codegen.JavaExport;
import dev.netwright.runtime.compile.CompiledDesign;
import dev.netwright.runtime.compile.DesignCompiler;
import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.design.TrainingPlan;
import dev.netwright.runtime.train.TrainingPlans;
import dev.netwright.samples.Sample;
import dev.netwright.samples.Samples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every sample, exported as Java code, compiled by javac and built: Netwright's parameter count and the compiler's
 * very configuration. DL4J's types are only touched by reflection: the app compiles against Netwright's modules.
 */
class JavaExportOfSamplesTest {
    private static final Pattern PUBLIC_CLASS = Pattern.compile("^public final class (\\w+)", Pattern.MULTILINE);

    @TempDir
    Path dir;

    @Test
    void everySampleCompilesAndBuildsTheCompilersNetwork() throws Exception {
        String classPath = testClassPath();
        List<String> built = new ArrayList<>();
        for (Sample sample : Samples.list()) {
            Design design = Samples.load(sample);
            String code = new JavaExport().export(design);
            Matcher name = PUBLIC_CLASS.matcher(code);
            assertThat(name.find()).as(sample.id() + " names a public class:\n" + code).isTrue();
            Path classes = compile(sample.id(), name.group(1), code, classPath);

            try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
                    getClass().getClassLoader())) {
                Class<?> exported = loader.loadClass(name.group(1));
                Object graph = exported.getMethod("build").invoke(null);
                Object parameters = graph.getClass().getMethod("numParams").invoke(graph);
                assertThat(parameters).as(sample.id()).isEqualTo(new Checker().check(design).totalParams());
                Object configuration = exported.getMethod("configuration").invoke(null);
                assertThat(json(configuration)).as(sample.id() + ": the configuration the compiler builds")
                        .isEqualTo(json(compilersConfiguration(design)));
            }
            built.add(sample.id());
        }
        assertThat(built).contains("cnn", "lstm", "rcnn", "resnet", "resnet-tuned", "transformer");
    }

    @Test
    void aDesignWithErrorsIsRefusedNamingTheNode() {
        Design design = Samples.load("cnn");
        Design broken = design.withNode(design.requireNode("conv3").withParam("kernelHeight", 99));

        assertThatThrownBy(() -> new JavaExport().export(broken))
                .isInstanceOf(CodeExportException.class)
                .hasMessageContaining("conv3");
    }

    /** The configuration {@code DesignCompiler} builds for the run the design's saved plan describes. */
    private static Object compilersConfiguration(Design design) throws Exception {
        TrainingPlan plan = design.training().orElse(TrainingPlans.defaults());
        CompiledDesign compiled = new DesignCompiler().compile(TrainingPlans.runDesign(plan, design),
                TrainingPlans.settings(plan));
        return CompiledDesign.class.getMethod("configuration").invoke(compiled);
    }

    private static String json(Object configuration) throws Exception {
        return (String) configuration.getClass().getMethod("toJson").invoke(configuration);
    }

    /** Compiles one exported file; fails with javac's diagnostics and the code when it does not compile. */
    private Path compile(String id, String className, String code, String classPath) throws IOException {
        Path source = Files.createDirectories(dir.resolve(id)).resolve(className + ".java");
        Files.writeString(source, code, StandardCharsets.UTF_8);
        Path classes = Files.createDirectories(dir.resolve(id).resolve("classes"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
            boolean compiled = javac.getTask(null, files, diagnostics,
                    List.of("-classpath", classPath, "-d", classes.toString(), "-proc:none", "-Xlint:none"),
                    null, files.getJavaFileObjects(source)).call();
            assertThat(compiled).as(id + " compiles:\n" + diagnostics.getDiagnostics().stream()
                    .map(d -> d.getKind() + " line " + d.getLineNumber() + ": " + d.getMessage(Locale.ROOT))
                    .collect(Collectors.joining("\n")) + "\n" + numbered(code)).isTrue();
            assertThat(diagnostics.getDiagnostics()).as(id).noneMatch(d -> d.getKind() == Diagnostic.Kind.ERROR);
        }
        return classes;
    }

    private static String numbered(String code) {
        String[] lines = code.split("\n", -1);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < lines.length; i++) {
            out.append(i + 1).append(": ").append(lines[i]).append('\n');
        }
        return out.toString();
    }

    /**
     * The test's class path as javac needs it: surefire may start the tests from a jar whose manifest holds the
     * real class path, so manifest entries are followed.
     */
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
            if (classPath == null) {
                return;
            }
            URI base = entry.toUri();
            for (String item : classPath.trim().split("\\s+")) {
                if (!item.isEmpty()) {
                    addWithManifest(Path.of(base.resolve(item)), entries);
                }
            }
        }
    }
}
