package dev.netwright.app.training;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Which program runs a command the window starts: a JVM on the window's class path, or the checkout's launcher. */
class CommandLauncherTest {
    @TempDir
    Path dir;

    @Test
    void aSweepOnAClusterGoesThroughTheCheckoutsLauncherWhichAddsTheClusterModule() throws Exception {
        Path launcher = Files.writeString(dir.resolve("netwright"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
        List<String> sweep = List.of("sweep", "design.json", "--param", "lr=0.001,0.01", "--cluster", "local[2]");

        assertThat(CommandLauncher.command(sweep, launcher.toString()))
                .containsExactly(launcher.toString(), "sweep", "design.json", "--param", "lr=0.001,0.01", "--cluster",
                        "local[2]");
        assertThat(CommandLauncher.command(List.of("sweep", "d.json", "--cluster=local[2]"), launcher.toString()))
                .startsWith(launcher.toString());
    }

    @Test
    void everythingElseAndEveryCommandWithoutALauncherRunsInAJvmOnTheWindowsClassPath() throws Exception {
        Path launcher = Files.writeString(dir.resolve("netwright"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path notExecutable = Files.writeString(dir.resolve("netwright-copy"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(notExecutable, PosixFilePermissions.fromString("rw-r--r--"));

        for (List<String> command : List.of(
                CommandLauncher.command(List.of("sweep", "d.json", "--param", "batch=32,64"), launcher.toString()),
                CommandLauncher.command(List.of("sweep", "d.json", "--cluster", "local[2]"), null),
                CommandLauncher.command(List.of("sweep", "d.json", "--cluster", "local[2]"), notExecutable.toString()))) {
            assertThat(command.get(0)).endsWith("/bin/java");
            assertThat(command).contains("-cp", System.getProperty("java.class.path"), "dev.netwright.app.Netwright");
            assertThat(command.subList(command.indexOf("dev.netwright.app.Netwright") + 1, command.size()))
                    .startsWith("sweep", "d.json");
        }
    }
}
