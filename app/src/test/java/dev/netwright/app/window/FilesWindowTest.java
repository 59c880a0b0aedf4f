package dev.netwright.app.window;

import dev.netwright.app.files.AppHome;
import dev.netwright.app.files.Autosave;
import dev.netwright.app.files.ProjectFiles;
import dev.netwright.app.files.Recovery;
import dev.netwright.designer.command.Edits;
import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.design.Position;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static dev.netwright.app.window.WindowTestSupport.onFx;
import static dev.netwright.app.window.WindowTestSupport.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

/** The file flows of the window: save and reopen, unsaved-changes questions, autosave and crash recovery, the start page. */
@ExtendWith(ApplicationExtension.class)
class FilesWindowTest {
    private Stage stage;
    private Path home;
    private MainWindow window;
    private final ScriptedDialogs dialogs = new ScriptedDialogs();

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        home = WindowTestSupport.freshHome();
        window = WindowTestSupport.window(stage, home, dialogs);
    }

    @Test
    void theStartPageListsTheSamplesAndOpensOne(FxRobot robot) throws Exception {
        assertThat(robot.lookup("#sample-cnn").tryQuery()).isPresent();
        assertThat(robot.lookup("#sample-transformer").tryQuery()).isPresent();
        robot.clickOn("#sample-lstm");
        waitFor(Duration.ofSeconds(5), "the sample to open", () -> window.workspace().isPresent());
        assertThat(onFx(() -> window.workspace().orElseThrow().document().design().nodes().size())).isGreaterThan(2);
        assertThat(onFx(() -> stage.getTitle())).contains("(not saved)").doesNotContain("\u2022");
    }

    @Test
    void saveCloseAndOpenGivesTheSameDesign(FxRobot robot) throws Exception {
        Path file = home.resolve("my cnn.netwright.json");
        dialogs.saveAnswer = file;
        Design edited = onFx(() -> {
            window.openSample("cnn");
            Workspace w = window.workspace().orElseThrow();
            String id = w.document().design().nodes().iterator().next().id();
            w.document().execute(Edits.moveNodes(Map.of(id, new Position(777, 333))));
            return w.document().design();
        });
        assertThat(onFx(() -> stage.getTitle())).contains("\u2022");
        assertThat(onFx(window::save)).isTrue();
        assertThat(Files.exists(file)).isTrue();
        assertThat(onFx(() -> stage.getTitle())).startsWith("my cnn").doesNotContain("\u2022");

        onFx(window::showStart);
        assertThat(onFx(() -> window.workspace().isPresent())).isFalse();
        onFx(() -> window.openFile(file));
        assertThat(onFx(() -> window.workspace().orElseThrow().document().design())).isEqualTo(edited);
        assertThat(new ProjectFiles().open(file)).isEqualTo(edited);
        assertThat(onFx(() -> window.isDirty())).isFalse();
        assertThat(dialogs.asked).noneMatch(q -> q.startsWith("unsaved"));
    }

    @Test
    void aDesignFileDroppedOnTheWindowOpensLikeFileOpen(FxRobot robot) throws Exception {
        Path file = home.resolve("dropped.netwright.json");
        Design sample = onFx(() -> {
            window.openSample("rcnn");
            return window.workspace().orElseThrow().document().design();
        });
        new ProjectFiles().save(sample, file);
        onFx(window::showStart);

        onFx(() -> window.openDropped(file));

        assertThat(onFx(() -> window.workspace().orElseThrow().document().design())).isEqualTo(sample);
        assertThat(onFx(() -> window.workspace().orElseThrow().file())).isEqualTo(file);
        onFx(() -> window.openDropped(home.resolve("notes.txt")));
        assertThat(onFx(() -> window.workspace().orElseThrow().file())).isEqualTo(file);
        assertThat(dialogs.errors).isEmpty();
    }

    @Test
    void aNewDesignTakesTheNameOfTheFileItIsFirstSavedTo(FxRobot robot) throws Exception {
        Path file = home.resolve("iris classifier.netwright.json");
        dialogs.saveAnswer = file;
        onFx(window::newDesign);
        assertThat(onFx(() -> window.workspace().orElseThrow().document().design().name())).isEqualTo(ProjectFiles.UNTITLED);

        assertThat(onFx(window::save)).isTrue();

        assertThat(new ProjectFiles().open(file).name()).isEqualTo("iris classifier");
        assertThat(onFx(() -> window.workspace().orElseThrow().document().design().name())).isEqualTo("iris classifier");
        assertThat(onFx(() -> window.isDirty())).as("the name is what was saved").isFalse();

        Path other = home.resolve("copy.netwright.json");
        dialogs.saveAnswer = other;
        assertThat(onFx(window::saveAs)).isTrue();
        assertThat(new ProjectFiles().open(other).name()).as("a named design keeps its name").isEqualTo("iris classifier");
    }

    @Test
    void runsMadeBeforeTheFirstSaveMoveBesideTheSavedFile(FxRobot robot) throws Exception {
        Path untitledRuns = onFx(() -> {
            window.openSample("cnn");
            return window.workspace().orElseThrow().runsDir();
        });
        Path run = untitledRuns.resolve("20261129-101010-000");
        Files.createDirectories(run);
        Files.writeString(run.resolve("events.jsonl"), String.join("\n",
                dev.netwright.runtime.train.TrainingEvents.toJsonLine(new dev.netwright.runtime.train.TrainingEvent.RunStarted(
                        "CPU", "test", 1, 64, 10, 1, 1, 64, "fashion-mnist-sample")),
                dev.netwright.runtime.train.TrainingEvents.toJsonLine(new dev.netwright.runtime.train.TrainingEvent.Finished(
                        1, 1, "model.zip", "completed 1 epoch"))) + "\n");
        Path file = home.resolve("kept.netwright.json");
        dialogs.saveAnswer = file;

        assertThat(onFx(window::saveAs)).isTrue();

        Path beside = home.resolve("kept.runs");
        waitFor(Duration.ofSeconds(10), "the run beside the file",
                () -> window.workspace().orElseThrow().trainingPanel().runsTable().getItems().size() == 1);
        assertThat(beside.resolve("20261129-101010-000").resolve("events.jsonl")).exists();
        assertThat(untitledRuns).doesNotExist();
    }

    @Test
    void quittingWithUnsavedChangesAsksFirstAndCancelKeepsTheWindow(FxRobot robot) throws Exception {
        onFx(() -> {
            window.openSample("cnn");
            Workspace w = window.workspace().orElseThrow();
            String id = w.document().design().nodes().iterator().next().id();
            w.document().execute(Edits.rename(id, "changed"));
        });
        dialogs.unsavedAnswer = Dialogs.UnsavedChoice.CANCEL;
        assertThat(onFx(window::quit)).isFalse();
        assertThat(dialogs.asked).anyMatch(q -> q.startsWith("unsaved") && q.endsWith("quit"));
        assertThat(onFx(stage::isShowing)).isTrue();

        dialogs.unsavedAnswer = Dialogs.UnsavedChoice.DISCARD;
        assertThat(onFx(window::quit)).isTrue();
        assertThat(onFx(stage::isShowing)).isFalse();
    }

    /** A design closed with "Don't Save" is not offered back after a later crash. */
    @Test
    void closingWithoutSavingClearsTheRecoveryCopy(FxRobot robot) throws Exception {
        onFx(() -> {
            window.openSample("cnn");
            Workspace w = window.workspace().orElseThrow();
            w.document().execute(Edits.rename(w.document().design().nodes().iterator().next().id(), "thrown away"));
            window.autosaveNow();
        });
        waitFor(Duration.ofSeconds(10), "the autosave file", () -> recoveryCopy().holdsCopy());
        dialogs.unsavedAnswer = Dialogs.UnsavedChoice.DISCARD;
        onFx(window::showStart);
        assertThat(onFx(() -> window.workspace().isPresent())).isFalse();
        waitFor(Duration.ofSeconds(10), "the recovery file to be cleared", () -> !recoveryCopy().holdsCopy());
    }

    /**
     * The window's recovery folder, for checks that read no file: asking {@code pending()} while the window's
     * writer is between the copy's two files would move the copy aside.
     */
    private Autosave recoveryCopy() {
        try {
            return new Autosave(new AppHome(home).recoveryDir());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void openingAnotherDesignWithUnsavedChangesAsksFirst(FxRobot robot) throws Exception {
        onFx(() -> {
            window.openSample("cnn");
            Workspace w = window.workspace().orElseThrow();
            w.document().execute(Edits.rename(w.document().design().nodes().iterator().next().id(), "changed"));
        });
        dialogs.unsavedAnswer = Dialogs.UnsavedChoice.CANCEL;
        onFx(() -> window.openSample("lstm"));
        assertThat(onFx(() -> window.workspace().orElseThrow().document().design().name())).isEqualTo(
                dev.netwright.samples.Samples.load("cnn").name());
    }

    @Test
    void aBrokenDesignFileGetsAMessageThatNamesItAndNothingChanges(FxRobot robot) throws Exception {
        Path broken = home.resolve("broken.netwright.json");
        Files.writeString(broken, "{\"formatVersion\": 1, \"nodes\": [ {\"id\": 3} ");
        onFx(() -> window.openFile(broken));
        assertThat(dialogs.errors).singleElement().asString().contains("broken.netwright.json").doesNotContain("Exception");
        assertThat(onFx(() -> window.workspace().isPresent())).isFalse();
    }

    @Test
    void aDesignNamedAtStartThatCannotBeOpenedLeavesTheStartPageNotOpening() throws Exception {
        // before: "Opening /path…" stayed in the window after the error dialog, with nothing to click
        Path broken = Files.writeString(home.resolve("broken.netwright.json"), "{ \"nodes\": 3 }");

        onFx(() -> {
            window.showOpening(broken.toString());
            window.openFile(broken);
        });

        assertThat(dialogs.errors).hasSize(1);
        assertThat(onFx(() -> window.startPage().getParent())).isNotNull();
    }

    @Test
    void afterACrashTheNextStartOffersTheAutosavedVersion(FxRobot robot) throws Exception {
        Design edited = onFx(() -> {
            window.openSample("cnn");
            Workspace w = window.workspace().orElseThrow();
            w.document().execute(Edits.rename(w.document().design().nodes().iterator().next().id(), "before the crash"));
            window.autosaveNow();
            return w.document().design();
        });
        waitFor(Duration.ofSeconds(10), "the autosave file", () -> recoveryCopy().holdsCopy());
        // The "crash": this window never quits cleanly. A new window on the same app folder starts.
        ScriptedDialogs next = new ScriptedDialogs();
        next.recoveryAnswer = true;
        MainWindow restarted = onFx(() -> WindowTestSupport.window(new Stage(), home, next));
        Recovery pending = new Autosave(new AppHome(home).recoveryDir()).pending().orElseThrow();
        assertThat(onFx(() -> restarted.offerRecovery(pending))).isTrue();
        assertThat(next.asked).anyMatch(q -> q.startsWith("recover"));
        assertThat(onFx(() -> restarted.workspace().orElseThrow().document().design())).isEqualTo(edited);
        assertThat(onFx(restarted::isDirty)).as("a recovered design is unsaved").isTrue();

        waitFor(Duration.ofSeconds(10), "the recovery file to be cleared", () -> !recoveryCopy().holdsCopy());
    }
}
