package dev.netwright.installer;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The installer's check (src/packaging/CheckNotices.java, run by package.sh before jpackage) that the generated
 * third-party list names every jar the app image ships: it passes when all are named and fails, naming the jar, when
 * one is missing.
 */
class CheckNoticesTest {
    /** Two lines in license-maven-plugin's add-third-party format. */
    private static final String LIST = """

            Lists of 2 third-party dependencies.
                 (Apache License, Version 2.0) JavaCPP (org.bytedeco:javacpp:1.5.8 - http://bytedeco.org/javacpp/)
                 (MIT License) SLF4J API Module (org.slf4j:slf4j-api:2.0.16 - http://www.slf4j.org)
            """;

    @TempDir
    static Path compiled;
    private static PackagingProgram checkNotices;

    @TempDir
    Path dir;

    @BeforeAll
    static void compileTheCheck() {
        checkNotices = PackagingProgram.compile("CheckNotices", compiled);
    }

    @Test
    void everyJarNamedIncludingTheNativesClassifiedJarPasses() throws Exception {
        Path jars = jars("javacpp-1.5.8.jar", "javacpp-1.5.8-linux-x86_64.jar", "slf4j-api-2.0.16.jar");

        PackagingProgram.Result result = check(list(LIST), jars);

        assertThat(result.code()).as(result.output()).isZero();
        assertThat(result.output()).contains("all 3 third-party jars are named in THIRD-PARTY.txt");
    }

    @Test
    void aShippedJarMissingFromTheListFailsAndIsNamed() throws Exception {
        Path jars = jars("javacpp-1.5.8.jar", "slf4j-api-2.0.16.jar", "oshi-core-3.4.2.jar");

        PackagingProgram.Result result = check(list(LIST), jars);

        assertThat(result.code()).isEqualTo(1);
        assertThat(result.output()).contains("names no licence for 1 shipped jar(s): ")
                .contains(jars.resolve("oshi-core-3.4.2.jar").toString()).doesNotContain("slf4j-api-2.0.16.jar");
    }

    @Test
    void anotherVersionOfANamedArtifactIsNotNamed() throws Exception {
        Path jars = jars("slf4j-api-2.0.17.jar");

        PackagingProgram.Result result = check(list(LIST), jars);

        assertThat(result.code()).isEqualTo(1);
        assertThat(result.output()).contains("slf4j-api-2.0.17.jar");
    }

    @Test
    void netwrightsOwnJarsAreUnderItsLicenceNotOnTheList() throws Exception {
        Path jars = jars("netwright-app-0.1.0-SNAPSHOT.jar", "slf4j-api-2.0.16.jar");

        assertThat(check(list(LIST), jars).code()).isZero();
    }

    @Test
    void jarsInEveryFolderGivenAreChecked() throws Exception {
        Path classPath = jars("slf4j-api-2.0.16.jar");
        Path modules = Files.createDirectories(dir.resolve("modules"));
        Files.createFile(modules.resolve("javafx-base-21.0.11-linux.jar"));

        PackagingProgram.Result result = check(list(LIST), classPath, modules);

        assertThat(result.code()).isEqualTo(1);
        assertThat(result.output()).contains("javafx-base-21.0.11-linux.jar");
    }

    @Test
    void aMissingOrEmptyListIsAnErrorNotAPass() throws Exception {
        Path jars = jars("slf4j-api-2.0.16.jar");

        PackagingProgram.Result missing = check(dir.resolve("nothing.txt"), jars);
        PackagingProgram.Result empty = check(list("no artifacts here\n"), jars);

        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.output()).contains("cannot read the third-party list");
        assertThat(empty.code()).isEqualTo(2);
        assertThat(empty.output()).contains("names no artifact");
    }

    private Path list(String text) throws IOException {
        return Files.writeString(dir.resolve("THIRD-PARTY.txt"), text, StandardCharsets.UTF_8);
    }

    private Path jars(String... names) throws IOException {
        Path jars = Files.createDirectories(dir.resolve("classpath"));
        for (String name : names) {
            Files.createFile(jars.resolve(name));
        }
        return jars;
    }

    private static PackagingProgram.Result check(Path list, Path... jarDirs) throws IOException, InterruptedException {
        List<Object> arguments = new ArrayList<>(List.of(list));
        arguments.addAll(List.of(jarDirs));
        return checkNotices.run(arguments.toArray());
    }
}
