package dev.netwright.app.window;

import dev.netwright.app.version.NetwrightVersion;

/** The texts of the Help menu. */
final class HelpTexts {
    static final String SHORTCUTS = String.join("\n",
            "Files: Ctrl+N new · Ctrl+O open · Ctrl+S save · Ctrl+Shift+S save as · Ctrl+W close · Ctrl+Q quit",
            "Edit: Ctrl+Z undo · Ctrl+Shift+Z or Ctrl+Y redo · Ctrl+X / Ctrl+C / Ctrl+V cut, copy, paste · Ctrl+D duplicate",
            "      Delete or Backspace deletes the selection · Ctrl+A selects all · arrows nudge (Shift: by 1)",
            "Canvas: Ctrl+wheel zooms · wheel, middle drag or Space+drag pans · F fits · L lays out · Escape abandons a drag",
            "      right-click, the Menu key or Shift+F10 opens the context menu (fixes, cut, copy, duplicate, delete)",
            "View: Ctrl++ (also Ctrl+= and the keypad +) / Ctrl+Minus zoom · Ctrl+0 actual size · Ctrl+1/2/3/4 Data, Training, Evaluation, Runs panels · Ctrl+5 model summary · Ctrl+6 Compress panel · Ctrl+7 Try it panel · Ctrl+8 Doctor panel · Ctrl+9 Experiments panel",
            "Run: Ctrl+Enter train · Ctrl+Period stop",
            "Palette: double-click or Enter adds the layer after the selected one; drag it onto the canvas to place it");

    private HelpTexts() {
    }

    static String about() {
        return "Netwright " + NetwrightVersion.release() + " \u2014 design deep-learning models by drawing them, and train them.\n"
                + "Java " + System.getProperty("java.version") + " \u00b7 JavaFX " + System.getProperty("javafx.runtime.version", "?")
                + "\nTraining: Deeplearning4j " + NetwrightVersion.deeplearning4j() + " in a separate worker process per run.\n"
                + "Charts: JFreeChart \u00b7 Layout: Eclipse ELK";
    }
}
