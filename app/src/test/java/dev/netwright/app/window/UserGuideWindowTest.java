package dev.netwright.app.window;

import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static dev.netwright.app.window.WindowTestSupport.onFx;
import static dev.netwright.app.window.WindowTestSupport.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

/** Help ▸ User Guide: the guide written into the app's folder and handed to the desktop's browser. */
@ExtendWith(ApplicationExtension.class)
class UserGuideWindowTest {
    private final ScriptedDialogs dialogs = new ScriptedDialogs();
    private MainWindow window;
    private Path home;

    @Start
    void start(Stage stage) throws Exception {
        home = WindowTestSupport.freshHome();
        window = WindowTestSupport.window(stage, home, dialogs);
    }

    @Test
    void theGuideOpensInTheBrowserFromTheAppsFolder() throws Exception {
        List<String> opened = new CopyOnWriteArrayList<>();
        onFx(() -> window.setBrowser(opened::add));

        onFx(window::openUserGuide);

        waitFor(Duration.ofSeconds(20), "the browser to be asked", () -> !opened.isEmpty());
        Path page = Path.of(URI.create(opened.get(0)));
        assertThat(page).isRegularFile().startsWith(home.resolve("guide"));
        assertThat(Files.readString(page)).contains("Netwright user guide");
        assertThat(dialogs.errors).isEmpty();
    }

    @Test
    void withoutABrowserTheGuidesFileIsNamed() throws Exception {
        onFx(window::openUserGuide);

        waitFor(Duration.ofSeconds(20), "a message", () -> !dialogs.asked.isEmpty() || !dialogs.errors.isEmpty());
        assertThat(dialogs.asked).containsExactly("info User guide");
        assertThat(home.resolve("guide").resolve("index.html")).isRegularFile();
    }

    @Test
    void aFolderThatCannotBeWrittenGetsAMessageNotATrace() throws Exception {
        Files.writeString(home.resolve("guide"), "a file where the folder should be");

        onFx(window::openUserGuide);

        waitFor(Duration.ofSeconds(20), "a message", () -> !dialogs.asked.isEmpty() || !dialogs.errors.isEmpty());
        assertThat(dialogs.errors).singleElement().asString()
                .startsWith("Cannot open the user guide: Cannot write it to " + home.resolve("guide"));
    }
}
