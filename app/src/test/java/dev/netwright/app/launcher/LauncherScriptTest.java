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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
    private static final String APP_JAR = "app/target/netwright-app-0.1.0-SNAPSHOT.jar";
    private static final String ARCHIVE = "app/target/cds/netwright.jsa";

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
        setTime(write(APP_JAR, "jar"), Instant.now().minusSeconds(3600));
        standIn("mvn");
        javaStandIn();
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


    @Test
    void theFirstWindowAfterABuildRecordsItsClassesAndLaterWindowsUseTheArchive() throws Exception {
        launch("open", "sample:cnn");

        assertThat(javaCalls().get(0)).contains("-XX:DumpLoadedClassList=").doesNotContain("SharedArchiveFile");
        awaitArchiveWork();
        assertThat(root.resolve(ARCHIVE)).exists();
        assertThat(javaCalls()).anySatisfy(call -> assertThat(call).contains("-Xshare:dump"))
                .anySatisfy(call -> assertThat(call).contains("-Xshare:on").contains("--version"));

        Files.delete(root.resolve("java.args"));
        launch("open", "sample:cnn");

        assertThat(javaCalls()).singleElement().asString()
                .contains("-Xshare:auto", "-XX:SharedArchiveFile=" + root.resolve(ARCHIVE), "-Xlog:cds*=off")
                .contains(root.resolve(APP_JAR).toString()).doesNotContain("DumpLoadedClassList");
    }

    @Test
    void theArchiveKeepsTheLambdasExceptThoseOfElksSignedJars() throws Exception {
        launch("open");
        awaitArchiveWork();

        assertThat(Files.readString(root.resolve("dumped.lists"))).as("one dump, from this list")
                .isEqualTo("java/lang/Object\n@lambda-proxy dev/netwright/A run\n----\n");
        assertThat(root.resolve(ARCHIVE)).exists();
    }

    @Test
    void aDumpThatFailsWithLambdasIsMadeAgainWithoutThem() throws Exception {
        write("lambda-dump.fails", "");

        launch("open");
        awaitArchiveWork();

        assertThat(Files.readString(root.resolve("dumped.lists"))).isEqualTo(
                "java/lang/Object\n@lambda-proxy dev/netwright/A run\n----\njava/lang/Object\n----\n");
        assertThat(root.resolve(ARCHIVE)).exists();
        try (var left = Files.list(root.resolve("app/target/cds"))) {
            assertThat(left).containsExactly(root.resolve(ARCHIVE));
        }
    }

    @Test
    void theCommandLineNeitherRecordsNorUsesTheArchive() throws Exception {
        write(ARCHIVE, "archive");

        launch("--version");

        assertThat(javaCalls()).singleElement().asString().doesNotContain("-XX:", "-Xshare");
    }

    @Test
    void cdsOffStartsTheWindowWithoutTheArchive() throws Exception {
        write(ARCHIVE, "archive");

        launchWith(java.util.Map.of("NETWRIGHT_CDS", "off"), "open");

        assertThat(javaCalls()).singleElement().asString().doesNotContain("-XX:", "-Xshare");
        assertThat(root.resolve(ARCHIVE)).exists();
    }

    @Test
    void aRebuildDropsTheArchive() throws Exception {
        write(ARCHIVE, "archive");
        newerThanTheBuild(root.resolve("app/src/main/java/A.java"));

        launch("--version");

        assertThat(ran("mvn")).isTrue();
        assertThat(root.resolve(ARCHIVE)).doesNotExist();
    }

    @Test
    void anArchiveOlderThanTheAppsJarIsNotUsedButMadeAgain() throws Exception {
        setTime(write(ARCHIVE, "archive"), Instant.now().minusSeconds(7200));

        launch("open");

        assertThat(javaCalls().get(0)).doesNotContain("SharedArchiveFile").contains("-XX:DumpLoadedClassList=");
        awaitArchiveWork();
        assertThat(Files.readString(root.resolve(ARCHIVE)).strip()).isEqualTo("archive made");
    }

    @Test
    void aDumpThatFailsLeavesNoArchiveAndNoFilesBehind() throws Exception {
        write("dump.fails", "");

        launch("open");

        awaitArchiveWork();
        try (var left = Files.list(root.resolve("app/target/cds"))) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void noPlaceToRecordTheClassesStillStartsTheWindow() throws Exception {
        write("app/target/cds", "a file where the archive's folder goes");

        launch("open");

        assertThat(javaCalls()).singleElement().asString().doesNotContain("-XX:", "-Xshare");
    }

    @Test
    void anArchiveTheJvmCannotUseDoesNotStopItFromStarting() throws Exception {
        write(ARCHIVE, "archive");
        launch("open");
        List<String> cdsOptions = Arrays.stream(javaCalls().get(0).split(" "))
                .filter(option -> option.startsWith("-Xshare") || option.startsWith("-XX:") || option.startsWith("-Xlog"))
                .toList();
        assertThat(cdsOptions).isNotEmpty();
        byte[] garbage = new byte[64 * 1024];
        new java.util.Random(15).nextBytes(garbage);
        Files.write(root.resolve(ARCHIVE), garbage);

        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(cdsOptions);
        command.add("-version");
        Process jvm = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(jvm.getInputStream().readAllBytes());

        assertThat(jvm.waitFor()).as(output).isZero();
        assertThat(output).as("nothing about the archive on the user's terminal").doesNotContainIgnoringCase("cds")
                .doesNotContainIgnoringCase("shared").doesNotContainIgnoringCase("warning");
    }

    /** Waits until the background archive maker has finished: no class list left in the archive folder. */
    private void awaitArchiveWork() throws Exception {
        Path folder = root.resolve("app/target/cds");
        for (int i = 0; i < 600; i++) {
            try (var files = Files.list(folder)) {
                if (files.noneMatch(f -> f.getFileName().toString().startsWith("classes.")
                        || f.getFileName().toString().endsWith(".tmp"))) {
                    return;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the archive maker did not finish within a minute");
    }

    private List<String> javaCalls() throws IOException {
        return Files.readAllLines(root.resolve("java.args"));
    }

    private void launch(String... args) throws IOException, InterruptedException {
        launchWith(java.util.Map.of(), args.length == 0 ? new String[] {"--version"} : args);
    }

    private void launchWith(java.util.Map<String, String> environment, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", root.resolve("netwright").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(root.toFile()).redirectErrorStream(true)
                .redirectOutput(root.resolve("launcher.out").toFile());
        builder.environment().remove("NETWRIGHT_CDS");
        builder.environment().putAll(environment);
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

    /**
     * A {@code java} that records each call's arguments (one line each), writes the class list it is asked to
     * record, and "dumps" an archive unless {@code dump.fails} exists.
     */
    private void javaStandIn() throws IOException {
        Path script = write("bin/java", "#!/bin/bash\n"
                + "touch '" + root.resolve("java.ran") + "'\n"
                + "echo \"$*\" >> '" + root.resolve("java.args") + "'\n"
                + "for a in \"$@\"; do case \"$a\" in\n"
                + "  -XX:DumpLoadedClassList=*) printf '%s\\n' java/lang/Object '@lambda-proxy dev/netwright/A run'"
                + " '@lambda-proxy org/eclipse/elk/B run' > \"${a#*=}\" ;;\n"
                + "  -XX:SharedClassListFile=*) list=\"${a#*=}\" ;;\n"
                + "  -XX:SharedArchiveFile=*) archive=\"${a#*=}\" ;;\n"
                + "  -Xshare:dump) dump=1 ;;\n"
                + "esac; done\n"
                + "if [ -n \"$dump\" ]; then\n"
                + "  cat \"$list\" >> '" + root.resolve("dumped.lists") + "'; echo ---- >> '" + root.resolve("dumped.lists") + "'\n"
                + "  [ -f '" + root.resolve("dump.fails") + "' ] && exit 1\n"
                + "  [ -f '" + root.resolve("lambda-dump.fails") + "' ] && grep -q '^@lambda-proxy' \"$list\" && exit 134\n"
                + "  echo 'archive made' > \"$archive\"\n"
                + "fi\n"
                + "exit 0\n");
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
