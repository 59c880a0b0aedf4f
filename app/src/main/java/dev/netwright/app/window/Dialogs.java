package dev.netwright.app.window;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * The questions the window asks the user: native file choosers and confirmations. An interface so that
 * tests script the answers instead of clicking through modal dialogs.
 */
public interface Dialogs {
    /** What to do with unsaved changes. */
    enum UnsavedChoice { SAVE, DISCARD, CANCEL }

    Optional<Path> chooseDesignToOpen(Path initialDir);

    Optional<Path> chooseDesignToSave(Path initialDir, String suggestedName);

    /** A model file to import: Keras 2 .h5/.json, Keras 3 .keras or Keras code in .py. */
    Optional<Path> chooseModelToImport(Path initialDir);

    /** A file to export to, with the given extension filter description and pattern (e.g. "PNG image", "*.png"). */
    Optional<Path> chooseExport(String title, String suggestedName, String filterDescription, String... patterns);

    UnsavedChoice confirmUnsaved(String designName, String action);

    /**
     * Asked when something that runs the design as saved (a sweep, a run on a cluster) is started while it has unsaved
     * changes or no file: true saves it (asking for a file where it has none) and starts. {@code what} says what runs
     * it, as a sentence's subject ("A sweep").
     */
    boolean confirmSaveToStart(String designName, String what);

    /** Asked before quitting while a run is active: true stops the run and quits. */
    boolean confirmStopRun();

    /**
     * Asked before Netwright first reads data that a design names outside its own folder (a design from elsewhere can
     * name any file): true reads it.
     */
    boolean confirmDataOutsideDesign(Path data, Path designFolder);

    /** Offered at start after a crash: true opens the recovered design. */
    boolean offerRecovery(String designName, Path originalFile, Instant savedAt);

    /**
     * Asks for code to paste (prefilled with the clipboard's text where it holds some) and reads it with {@code reader}
     * when the user confirms; a problem is shown in the dialog, with the caret at its place, and the dialog stays
     * open until the code reads or the user cancels. Empty when cancelled.
     */
    <T> Optional<T> pasteCode(String title, String hint, CodeReader<T> reader);

    /** A problem the user should read: a sentence that names it and where; never a stack trace. */
    void showError(String title, String message);

    void showInformation(String title, String message);
}
