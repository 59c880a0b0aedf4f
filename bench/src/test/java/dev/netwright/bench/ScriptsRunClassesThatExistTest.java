package dev.netwright.bench;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The bench scripts (and app/screenshots.sh) run classes by name: every name they give is on this module's class path. */
class ScriptsRunClassesThatExistTest {
    // a class name after "java ...": dev.netwright.some.pkg.ClassName (Markdown and comments name no such dotted path)
    private static final Pattern CLASS_NAME = Pattern.compile("\\bdev\\.netwright(?:\\.[a-z][a-z0-9]*)+\\.[A-Z][A-Za-z0-9]*");

    @Test
    void everyClassAScriptRunsIsOnTheBenchClassPath() throws IOException {
        TreeSet<String> named = new TreeSet<>();
        for (Path script : scripts()) {
            Matcher matcher = CLASS_NAME.matcher(Files.readString(script));
            while (matcher.find()) {
                named.add(matcher.group());
            }
        }

        assertThat(named).as("class names in the scripts").contains(
                "dev.netwright.bench.training.TrainingBenchmark", "dev.netwright.bench.check.CheckCompileBenchmark",
                "dev.netwright.bench.app.WindowScreenshots");
        List<String> missing = new ArrayList<>();
        for (String name : named) {
            try {
                Class.forName(name, false, getClass().getClassLoader());
            } catch (ClassNotFoundException e) {
                missing.add(name);
            }
        }
        assertThat(missing).as("classes the scripts run that do not exist").isEmpty();
    }

    @Test
    void theScriptsBuildThroughTheOneClassPathHelperAndNeverInstall() throws IOException {
        for (Path script : scripts()) {
            String text = Files.readString(script);
            text.lines().filter(line -> line.contains("mvn ")).forEach(line ->
                    assertThat(line).as(script + ": a Maven call").doesNotContainPattern("\\binstall\\b"));
            // a script that starts Netwright's classes takes their class path from the one helper (spark-sweep.sh
            // starts only Spark's own Master and Worker, from the cluster module's jars)
            if (text.contains("-cp ") && text.contains("dev.netwright.") && !script.endsWith("classpath.sh")) {
                assertThat(text).as(script.toString()).contains("source bench/classpath.sh").contains("$(bench_classpath)");
            }
        }
        assertThat(Files.readString(Path.of("classpath.sh"))).contains("-pl bench -am package");
    }

    /** bench/*.sh and app/screenshots.sh; the tests run in the bench module's folder. */
    private static List<Path> scripts() throws IOException {
        List<Path> scripts = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("."))) {
            files.filter(f -> f.toString().endsWith(".sh")).sorted().forEach(scripts::add);
        }
        scripts.add(Path.of("..", "app", "screenshots.sh"));
        assertThat(scripts).hasSizeGreaterThan(5);
        return scripts;
    }
}
