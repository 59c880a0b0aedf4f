package dev.netwright.app.data;

import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;

import java.io.File;
import java.nio.file.Path;
import java.util.Optional;

/** Asks the user for the file or folder a source kind needs; empty when they cancel. Tests pass their own. */
@FunctionalInterface
public interface PathChooser {

    Optional<Path> choose(SourceKind kind, Window owner);

    /** The platform's own open-file and choose-folder dialogs. */
    static PathChooser nativeDialogs() {
        return (kind, owner) -> {
            File chosen = switch (kind.pick()) {
                case FILE -> {
                    FileChooser files = new FileChooser();
                    files.setTitle("Choose a CSV file");
                    files.getExtensionFilters().addAll(
                            new FileChooser.ExtensionFilter("CSV files", "*.csv", "*.tsv", "*.txt"),
                            new FileChooser.ExtensionFilter("All files", "*"));
                    yield files.showOpenDialog(owner);
                }
                case FOLDER -> {
                    DirectoryChooser folders = new DirectoryChooser();
                    folders.setTitle(kind == SourceKind.IMAGES ? "Choose a folder with one sub-folder per class"
                            : "Choose a folder with IDX files");
                    yield folders.showDialog(owner);
                }
                case NOTHING -> null;
            };
            return Optional.ofNullable(chosen).map(File::toPath);
        };
    }
}
