package dev.netwright.app.window;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Dialogs with answers set by the test, recording what was asked. */
final class ScriptedDialogs implements Dialogs {
    Path openAnswer;
    Path saveAnswer;
    Path exportAnswer;
    UnsavedChoice unsavedAnswer = UnsavedChoice.CANCEL;
    boolean stopRunAnswer = true;
    boolean recoveryAnswer = true;
    boolean externalDataAnswer = true;
    final List<String> asked = new ArrayList<>();
    final List<String> errors = new ArrayList<>();
    /** Information shown, "title: message", in order; other threads read it while the FX thread adds. */
    final List<String> informed = java.util.Collections.synchronizedList(new ArrayList<>());
    /** The texts "pasted" in turn into the paste-code dialog; a problem moves on to the next, none left cancels. */
    final java.util.Deque<String> pastedCode = new java.util.ArrayDeque<>();
    /** What the paste-code dialog showed for each text that did not read. */
    final List<String> codeProblems = new ArrayList<>();

    @Override
    public Optional<Path> chooseDesignToOpen(Path initialDir) {
        asked.add("open");
        return Optional.ofNullable(openAnswer);
    }

    /** The model file File ▸ Import… "chooses"; null cancels. */
    Path importAnswer;

    @Override
    public Optional<Path> chooseModelToImport(Path initialDir) {
        asked.add("import");
        return Optional.ofNullable(importAnswer);
    }

    @Override
    public Optional<Path> chooseDesignToSave(Path initialDir, String suggestedName) {
        asked.add("save " + suggestedName);
        return Optional.ofNullable(saveAnswer);
    }

    @Override
    public Optional<Path> chooseExport(String title, String suggestedName, String filterDescription, String... patterns) {
        asked.add("export " + suggestedName);
        return Optional.ofNullable(exportAnswer);
    }

    @Override
    public UnsavedChoice confirmUnsaved(String designName, String action) {
        asked.add("unsaved " + designName + " / " + action);
        return unsavedAnswer;
    }

    /** Whether "Save and Start" is chosen when a sweep or cluster run asks to save first. */
    boolean saveToStartAnswer = true;

    @Override
    public boolean confirmSaveToStart(String designName, String what) {
        asked.add("save to start " + designName + " / " + what);
        return saveToStartAnswer;
    }

    @Override
    public boolean confirmStopRun() {
        asked.add("stop run");
        return stopRunAnswer;
    }

    @Override
    public boolean confirmDataOutsideDesign(Path data, Path designFolder) {
        asked.add("read " + data);
        return externalDataAnswer;
    }

    @Override
    public boolean offerRecovery(String designName, Path originalFile, Instant savedAt) {
        asked.add("recover " + designName);
        return recoveryAnswer;
    }

    @Override
    public <T> Optional<T> pasteCode(String title, String hint, CodeReader<T> reader) {
        asked.add("paste " + title);
        while (!pastedCode.isEmpty()) {
            try {
                return Optional.of(reader.read(pastedCode.removeFirst()));
            } catch (CodeReader.Problem problem) {
                codeProblems.add(problem.line() + ":" + problem.column() + " " + problem.getMessage());
            }
        }
        return Optional.empty();
    }

    @Override
    public void showError(String title, String message) {
        errors.add(title + ": " + message);
    }

    @Override
    public void showInformation(String title, String message) {
        asked.add("info " + title);
        informed.add(title + ": " + message);
    }
}
