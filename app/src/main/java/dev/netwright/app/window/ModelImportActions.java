package dev.netwright.app.window;

import dev.netwright.interop.ImportedModel;
import dev.netwright.interop.ModelImportException;
import dev.netwright.interop.formats.ModelImports;
import dev.netwright.runtime.codegen.CodeImportException;
import dev.netwright.runtime.codegen.KerasCodeImport;
import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.train.RunFolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * File ▸ Import…, a model file dropped on the window and Edit ▸ Paste Keras Code: another tool's model opens as an
 * unsaved design. A file is read off the FX thread; its weights are kept at once (atomically, under the app's folder,
 * named from the design) so that the design references them as it does a saved sidecar and a run starts from them.
 */
final class ModelImportActions {
    private static final Logger LOG = LoggerFactory.getLogger(ModelImportActions.class);
    private static final ModelImports IMPORTS = ModelImports.standard();

    private final MainWindow window;

    ModelImportActions(MainWindow window) {
        this.window = window;
    }

    void importWithChooser() {
        Path dir = window.workspace().map(Workspace::file).map(Path::getParent).orElse(null);
        window.dialogs().chooseModelToImport(dir).ifPresent(this::importFile);
    }

    /** Reads {@code file} in the background; the design opens once read, asking first about unsaved changes. */
    void importFile(Path file) {
        AppContext context = window.context();
        context.background().execute(() -> {
            try {
                ImportedModel model = IMPORTS.read(file);
                Design design = withWeightsKept(model, context.home().root().resolve("imports"));
                context.onFxThread().accept(() -> window.openImported(design, "open the imported model"));
            } catch (ModelImportException e) {
                context.onFxThread().accept(() -> window.dialogs().showError("Cannot import the model", e.getMessage()));
            } catch (IOException e) {
                context.onFxThread().accept(() -> window.dialogs().showError("Cannot import the model",
                        "Read " + file + ", but cannot keep its weights: " + e.getMessage() + ". Nothing was opened."));
            } catch (RuntimeException e) {
                LOG.error("importing {} failed", file, e);
                context.onFxThread().accept(() -> window.dialogs().showError("Cannot import the model",
                        "Netwright failed reading " + file + " (" + e.getClass().getSimpleName() + "); the log has the details."));
            }
        });
    }

    /** Asks for Keras code and opens the model it describes; a problem keeps the dialog open at its line and column. */
    void pasteKerasCode() {
        window.dialogs().pasteCode("Paste Keras code",
                "A Keras model: Sequential([...]), model.add(...) or the functional API; compile(...) and fit(...) set "
                        + "the training settings.",
                ModelImportActions::readKerasCode)
                .ifPresent(design -> window.openImported(design, "open the pasted model"));
    }

    private static Design readKerasCode(String code) throws CodeReader.Problem {
        try {
            return KerasCodeImport.parse(code, "pasted code");
        } catch (CodeImportException e) {
            throw new CodeReader.Problem(e.getMessage(), e.line(), e.column());
        }
    }

    private static Design withWeightsKept(ImportedModel model, Path folder) throws IOException {
        if (model.weights().nodeIds().isEmpty()) {
            return model.design();
        }
        Files.createDirectories(folder);
        Path file = folder.resolve(RunFolder.slug(model.design().name(), "model") + "-" + System.currentTimeMillis()
                + ".weights.npz");
        model.weights().write(file);
        return model.design().withWeights(file.toAbsolutePath().toString());
    }
}
