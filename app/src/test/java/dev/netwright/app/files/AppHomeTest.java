package dev.netwright.app.files;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AppHomeTest {
    @TempDir
    Path temp;

    @Test
    void homePropertyWinsOverXdgAndUserHome() {
        assertThat(AppHome.resolve("/opt/nw", "/xdg", "/home/u")).isEqualTo(Path.of("/opt/nw"));
    }

    @Test
    void xdgConfigHomeIsUsedWhenNoPropertyIsSet() {
        assertThat(AppHome.resolve(null, "/xdg", "/home/u")).isEqualTo(Path.of("/xdg", "netwright"));
    }

    @Test
    void relativeOrBlankXdgConfigHomeFallsBackToDotConfig() {
        assertThat(AppHome.resolve(" ", "relative/xdg", "/home/u")).isEqualTo(Path.of("/home/u", ".config", "netwright"));
        assertThat(AppHome.resolve(null, "", "/home/u")).isEqualTo(Path.of("/home/u", ".config", "netwright"));
    }

    @Test
    void fromEnvironmentReadsTheSystemProperty() {
        String before = System.getProperty(AppHome.HOME_PROPERTY);
        System.setProperty(AppHome.HOME_PROPERTY, temp.toString());
        try {
            assertThat(AppHome.fromEnvironment().root()).isEqualTo(temp.toAbsolutePath().normalize());
        } finally {
            if (before == null) {
                System.clearProperty(AppHome.HOME_PROPERTY);
            } else {
                System.setProperty(AppHome.HOME_PROPERTY, before);
            }
        }
    }

    @Test
    void constructingTouchesNothingOnDisk() {
        AppHome home = new AppHome(temp.resolve("home"));
        assertThat(home.recentFile().getParent()).isEqualTo(temp.resolve("home"));
        assertThat(temp.resolve("home")).doesNotExist();
    }

    @Test
    void foldersAreCreatedWhenAskedFor() throws Exception {
        AppHome home = new AppHome(temp.resolve("home"));
        assertThat(home.recoveryDir()).isDirectory().hasParent(temp.resolve("home"));
        assertThat(home.untitledRunsDir()).isDirectory().hasParent(temp.resolve("home"));
        assertThat(home.recoveryDir()).isNotEqualTo(home.untitledRunsDir());
    }

    @Test
    void aFileWhereTheHomeShouldBeFailsClearly() throws Exception {
        Path blocker = Files.writeString(temp.resolve("home"), "not a folder");
        AppHome home = new AppHome(blocker);
        assertThatThrownBy(home::recoveryDir).isInstanceOf(java.io.IOException.class);
    }
}
