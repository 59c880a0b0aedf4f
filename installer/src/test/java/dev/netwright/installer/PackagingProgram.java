package dev.netwright.installer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One of package.sh's single-file Java programs (src/packaging/NAME.java), compiled once into a folder and run in a JVM
 * of its own as package.sh runs it (there with the single-file launcher, which would compile it again for each run).
 */
final class PackagingProgram {
    /** What a run printed (standard output and error together) and its exit code. */
    record Result(int code, String output) {
    }

    private final String name;
    private final Path classes;

    private PackagingProgram(String name, Path classes) {
        this.name = name;
        this.classes = classes;
    }

    /** Compiles src/packaging/{@code name}.java into {@code classes}. */
    static PackagingProgram compile(String name, Path classes) {
        Path source = Path.of("src", "packaging", name + ".java");
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int code = javac.run(null, null, null, "--release", "17", "-d", classes.toString(), source.toString());
        assertThat(code).as("javac " + source).isZero();
        return new PackagingProgram(name, classes);
    }

    Result run(Object... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classes.toString(), name));
        for (Object argument : arguments) {
            command.add(argument.toString());
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(1, TimeUnit.MINUTES)).as(name + " ended").isTrue();
        return new Result(process.exitValue(), output);
    }
}
