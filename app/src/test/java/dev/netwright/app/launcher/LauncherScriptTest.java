package dev.netwright.app.launcher;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The checkout's {@code ./netwright} launcher (issue 15, defect 1) builds again only when what Maven reads changed:
 * the POMs and the modules' {@code src/main}. A design saved in the checkout, a run's folder or a test source must
 * not cost the next start a Maven build. The launcher runs in a copy of the checkout's layout with stand-ins for
 * {@code mvn} and {@code java} that only record that they ran; file times are set, not waited for.
 */
class LauncherScriptTest {
    /** When the checkout was last built: ahead of the clock, so the folders this test makes are older. */
    private static final Instant BUILT = Instant.now().plus(java.time.Duration.ofDays(1));

    @TempDir
    Path root;

    @BeforeEach
    void checkoutBuiltOnce() throws IOException {
        Files.copy(Path.of("..", "netwright"), root.resolve("netwright"), StandardCopyOption.COPY_ATTRIBUTES);
        olderThanTheBuild(write("pom.xml", "<project/>"));
        olderThanTheBuild(write("app/pom.xml", "<project/>"));
        olderThanTheBuild(write("app/src/main/java/A.java", "class A {}"));
        olderThanTheBuild(write("app/src/test/java/ATest.java", "class ATest {}"));
        setTime(write("app/target/classpath.txt", "/repo/a.jar:/repo/org/openjfx/javafx-base-21-linux.jar"), BUILT);
        standIn("mvn");
        standIn("java");
    }

    @Test
    void aDesignSavedInTheCheckoutAndARunFolderDoNotRebuild() throws Exception {
        newerThanTheBuild(write("my-design.json", "{}"));
        newerThanTheBuild(write("runs/seed-cnn-20261201/events.jsonl", "{}"));
        newerThanTheBuild(write("data/points.csv", "x,y\n"));

        launch();

        assertThat(ran("mvn")).isFalse();
        assertThat(ran("java")).isTrue();
    }

    @Test
    void aChangedTestSourceDoesNotRebuild() throws Exception {
        newerThanTheBuild(root.resolve("app/src/test/java/ATest.java"));

        launch();

        assertThat(ran("mvn")).isFalse();
    }

    @Test
    void aChangedMainSourceRebuildsBeforeStarting() throws Exception {
        newerThanTheBuild(root.resolve("app/src/main/java/A.java"));

        launch();

        assertThat(ran("mvn")).isTrue();
        assertThat(ran("java")).isTrue();
    }

    @Test
    void aChangedResourceOrPomRebuilds() throws Exception {
        newerThanTheBuild(write("app/src/main/resources/dev/netwright/app/style.css", ".x {}"));
        launch();
        assertThat(ran("mvn")).isTrue();

        Files.delete(root.resolve("mvn.ran"));
        setTime(root.resolve("app/target/classpath.txt"), BUILT.plusSeconds(3600)); // as the build left it
        setTime(root.resolve("app/pom.xml"), BUILT.plusSeconds(7200));
        launch();
        assertThat(ran("mvn")).isTrue();
    }

    @Test
    void aChangedUserGuideRebuilds() throws Exception {
        newerThanTheBuild(write("docs/guide.md", "# Guide"));
        newerThanTheBuild(write("docs/architecture.md", "not in the jar"));

        launch();

        assertThat(ran("mvn")).as("the guide is in the app's jar").isTrue();
    }

    @Test
    void aChangedDocumentOutsideTheGuideDoesNotRebuild() throws Exception {
        newerThanTheBuild(write("docs/architecture.md", "not in the jar"));

        launch();

        assertThat(ran("mvn")).isFalse();
    }

    @Test
    void noClassPathFileYetBuilds() throws Exception {
        Files.delete(root.resolve("app/target/classpath.txt"));

        launch();

        assertThat(ran("mvn")).isTrue();
    }

    private void launch() throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("bash", root.resolve("netwright").toString(), "--version")
                .directory(root.toFile()).redirectErrorStream(true)
                .redirectOutput(root.resolve("launcher.out").toFile());
        builder.environment().put("PATH", root.resolve("bin") + ":/usr/bin:/bin");
        Process process = builder.start();
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).as("the launcher ended").isTrue();
        assertThat(process.exitValue()).as(Files.readString(root.resolve("launcher.out"))).isZero();
    }

    /** A command on the launcher's PATH that records that it ran; as mvn it also leaves the class path file. */
    private void standIn(String name) throws IOException {
        Path script = write("bin/" + name, "#!/bin/sh\ntouch '" + root.resolve(name + ".ran") + "'\n"
                + (name.equals("mvn") ? "mkdir -p app/target && touch app/target/classpath.txt\n" : "") + "exit 0\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private boolean ran(String name) {
        return Files.exists(root.resolve(name + ".ran"));
    }

    private Path write(String relative, String text) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }

    private static void olderThanTheBuild(Path file) throws IOException {
        setTime(file, BUILT.minusSeconds(3600));
    }

    private static void newerThanTheBuild(Path file) throws IOException {
        setTime(file, BUILT.plusSeconds(3600));
    }

    private static void setTime(Path file, Instant when) throws IOException {
        Files.setLastModifiedTime(file, FileTime.from(when));
    }
}
