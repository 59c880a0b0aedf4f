package dev.netwright.app.window;

import javafx.scene.Scene;
import javafx.scene.input.DragEvent;
import javafx.scene.input.Dragboard;
import javafx.scene.input.TransferMode;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A file dropped on the window from the desktop opens there: a Netwright design, or a model that the File ▸ Import
 * command reads. The window accepts the drag only when it holds exactly one such file, so the cursor says beforehand
 * whether the drop will do anything; drags inside the window (palette to canvas) carry no files and pass untouched.
 */
final class FileDrop {
    private final Consumer<Path> open;

    private FileDrop(Consumer<Path> open) {
        this.open = open;
    }

    /** Lets {@code scene} take dropped files, handing each accepted one to {@code open}. */
    static void install(Scene scene, Consumer<Path> open) {
        FileDrop drop = new FileDrop(open);
        scene.addEventHandler(DragEvent.DRAG_OVER, drop::dragOver);
        scene.addEventHandler(DragEvent.DRAG_DROPPED, drop::dropped);
    }

    /** The one file of a drag that the window can open, if the drag holds exactly one. */
    static Optional<Path> openable(List<File> files) {
        if (files == null || files.size() != 1) {
            return Optional.empty();
        }
        Path file = files.get(0).toPath();
        return OpenableFiles.kindOf(file) == OpenableFiles.Kind.NONE ? Optional.empty() : Optional.of(file);
    }

    private void dragOver(DragEvent event) {
        Dragboard board = event.getDragboard();
        if (board.hasFiles() && openable(board.getFiles()).isPresent()) {
            event.acceptTransferModes(TransferMode.COPY);
            event.consume();
        }
    }

    private void dropped(DragEvent event) {
        Dragboard board = event.getDragboard();
        Optional<Path> file = board.hasFiles() ? openable(board.getFiles()) : Optional.empty();
        if (file.isEmpty()) {
            return;
        }
        event.setDropCompleted(true);
        event.consume();
        open.accept(file.get());
    }
}
