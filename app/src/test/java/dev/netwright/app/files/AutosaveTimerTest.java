package dev.netwright.app.files;

import dev.netwright.app.files.AutosaveTimer.Snapshot;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AutosaveTimerTest {
    @TempDir
    Path dir;

    /** Runs submitted tasks only when asked, so a test decides when the UI or the writer gets to run. */
    private static final class ManualExecutor implements Executor {
        final Queue<Runnable> tasks = new ArrayDeque<>();

        @Override
        public void execute(Runnable task) {
            tasks.add(task);
        }

        void runAll() {
            while (!tasks.isEmpty()) {
                tasks.remove().run();
            }
        }
    }

    private final ManualExecutor ui = new ManualExecutor();
    private final ManualExecutor writer = new ManualExecutor();
    private final AtomicReference<Snapshot> current = new AtomicReference<>();
    private Autosave autosave;
    private AutosaveTimer timer;

    @BeforeEach
    void setUp() {
        autosave = new Autosave(dir);
        timer = new AutosaveTimer(autosave, current::get, ui::execute, writer);
    }

    private void edit(String name, long revision) {
        current.set(new Snapshot(TinyDesigns.named(name), revision, null));
    }

    /** One period passes: the tick, its hop to the UI thread, and the write it queued. */
    private void onePeriod() {
        timer.tick();
        ui.runAll();
        writer.runAll();
    }

    private String pendingName() {
        return autosave.pending().map(r -> r.design().name()).orElse(null);
    }

    @Test
    void aChangedDesignIsWrittenOnTheNextTick() {
        edit("first", 1);
        onePeriod();
        assertThat(pendingName()).isEqualTo("first");
    }

    @Test
    void discardingClearsTheRecoveryCopyAfterAWriteAlreadyQueued() {
        edit("first", 1);
        timer.tick();
        ui.runAll(); // the write is queued, not yet run
        current.set(null); // the design is closed without saving
        timer.discard();
        writer.runAll();
        assertThat(pendingName()).as("the queued write ran first, then the clear").isNull();
        onePeriod();
        assertThat(pendingName()).as("nothing open, nothing written").isNull();
    }

    @Test
    void theDesignIsReadOnTheUiHopAndWrittenOnTheWriter() {
        edit("first", 1);
        timer.tick();
        assertThat(writer.tasks).as("nothing is read before the UI thread runs").isEmpty();
        ui.runAll();
        assertThat(writer.tasks).hasSize(1);
        assertThat(autosave.pending()).as("the UI hop does not touch the disk").isEmpty();
        writer.runAll();
        assertThat(pendingName()).isEqualTo("first");
    }

    @Test
    void anUnchangedRevisionIsNotWrittenAgain() {
        edit("first", 1);
        onePeriod();
        timer.tick();
        ui.runAll();
        assertThat(writer.tasks).isEmpty();
    }

    @Test
    void theSnapshotTakenAtTheTickIsWhatGetsWritten() {
        edit("first", 1);
        timer.tick();
        ui.runAll();
        edit("second", 2); // an edit while the write waits is left for the next tick
        writer.runAll();
        assertThat(pendingName()).isEqualTo("first");
        onePeriod();
        assertThat(pendingName()).isEqualTo("second");
    }

    @Test
    void aRevisionMarkedSavedIsNotAutosaved() {
        edit("saved", 4);
        timer.markSaved(4);
        onePeriod();
        assertThat(autosave.pending()).isEmpty();
    }

    @Test
    void markSavedClearsTheRecoveryCopy() {
        edit("first", 1);
        onePeriod();
        timer.markSaved(1);
        writer.runAll();
        assertThat(autosave.pending()).isEmpty();
    }

    @Test
    void aWriteQueuedBeforeTheSaveDoesNotBringTheRecoveryCopyBack() {
        edit("first", 5);
        timer.tick();
        ui.runAll();          // write of revision 5 queued
        timer.markSaved(5);   // user saves before the writer ran
        writer.runAll();
        assertThat(autosave.pending()).isEmpty();
    }

    @Test
    void anEditAfterTheSaveIsAutosavedAgain() {
        edit("saved", 1);
        timer.markSaved(1);
        edit("edited", 2);
        onePeriod();
        assertThat(pendingName()).isEqualTo("edited");
    }

    @Test
    void theOriginalFileTravelsWithTheDesign() {
        Path file = dir.resolve("m.netwright.json");
        current.set(new Snapshot(TinyDesigns.named("m"), 1, file));
        onePeriod();
        assertThat(autosave.pending()).hasValueSatisfying(r -> assertThat(r.originalFile()).isEqualTo(file));
    }

    @Test
    void noOpenDesignWritesNothing() {
        onePeriod();
        assertThat(writer.tasks).isEmpty();
        assertThat(autosave.pending()).isEmpty();
    }

    @Test
    void aFailingSnapshotIsSkippedNotThrown() {
        AutosaveTimer failing = new AutosaveTimer(autosave, () -> {
            throw new IllegalStateException("boom");
        }, Runnable::run, Runnable::run);
        assertThatCode(failing::tick).doesNotThrowAnyException();
        assertThat(autosave.pending()).isEmpty();
    }

    @Test
    void aFailedWriteIsRetriedOnTheNextTickEvenWithoutAnEdit() throws Exception {
        Path blocked = Files.writeString(dir.resolve("blocked"), "a file where the recovery folder should be");
        Autosave unwritable = new Autosave(blocked);
        AutosaveTimer retrying = new AutosaveTimer(unwritable, current::get, Runnable::run, writer);
        edit("first", 1);
        retrying.tick();
        writer.runAll();
        Files.delete(blocked);
        retrying.tick();
        assertThat(writer.tasks).as("the same revision is queued again").hasSize(1);
        writer.runAll();
        assertThat(unwritable.pending()).isPresent();
    }

    @Test
    void aStartedTimerTicksAndWritesOnItsOwnThread() throws Exception {
        AtomicReference<String> readOn = new AtomicReference<>();
        edit("timed", 1);
        try (AutosaveTimer started = AutosaveTimer.start(autosave, () -> {
            readOn.set(Thread.currentThread().getName());
            return current.get();
        }, Runnable::run, Duration.ofMillis(20))) {
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (autosave.pending().isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        }
        assertThat(pendingName()).isEqualTo("timed");
        assertThat(readOn.get()).isEqualTo("netwright-autosave");
    }

    @Test
    void aClosedTimerIgnoresLateCalls() {
        AutosaveTimer started = AutosaveTimer.start(autosave, current::get, Runnable::run, Duration.ofHours(1));
        started.close();
        edit("late", 1);
        assertThatCode(() -> {
            started.tick();
            started.markSaved(1);
        }).doesNotThrowAnyException();
        assertThat(autosave.pending()).isEmpty();
    }

    @Test
    void aPeriodMustBePositive() {
        assertThatThrownBy(() -> AutosaveTimer.start(autosave, current::get, Runnable::run, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("positive");
    }
}
