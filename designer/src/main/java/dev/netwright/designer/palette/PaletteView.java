package dev.netwright.designer.palette;

import dev.netwright.runtime.layers.Category;
import dev.netwright.runtime.layers.LayerCatalog;
import dev.netwright.runtime.layers.LayerKind;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The layer palette: the catalog's kinds grouped by category, with a search field that filters them.
 * Each kind is a drag source for the canvas; double-click or Enter asks the owner to add it
 * ({@link #setOnActivate}), Enter in the search field adds the first match.
 */
public final class PaletteView extends VBox {
    private final TextField search = new TextField();
    private final Map<Category, VBox> sections = new EnumMap<>(Category.class);
    private final List<PaletteEntry> entries = new ArrayList<>();
    private Consumer<LayerKind> onActivate = kind -> { };

    public PaletteView(LayerCatalog catalog) {
        getStyleClass().add("palette");
        getStylesheets().add(Objects.requireNonNull(PaletteView.class.getResource("palette.css")).toExternalForm());
        search.setId("palette-search");
        search.setPromptText("Search layers");
        search.textProperty().addListener((obs, old, text) -> filter(text));
        search.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER && !e.isShortcutDown() && !e.isAltDown()) { // Ctrl+Enter is the app's Train
                entries.stream().filter(PaletteEntry::isVisible).findFirst().ifPresent(entry -> activate(entry.kind()));
                e.consume();
            }
        });

        VBox list = new VBox();
        list.getStyleClass().add("palette-list");
        for (Category category : Category.values()) {
            List<LayerKind> kinds = catalog.inCategory(category);
            if (kinds.isEmpty()) {
                continue;
            }
            Label header = new Label(category.label());
            header.getStyleClass().add("palette-category");
            VBox section = new VBox(header);
            section.getStyleClass().add("palette-section");
            section.setId("palette-section-" + category.name().toLowerCase(java.util.Locale.ROOT));
            for (LayerKind kind : kinds) {
                PaletteEntry entry = new PaletteEntry(kind, this::activate);
                entries.add(entry);
                section.getChildren().add(entry);
            }
            sections.put(category, section);
            list.getChildren().add(section);
        }
        ScrollPane scroll = new ScrollPane(list);
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        VBox.setVgrow(scroll, Priority.ALWAYS);
        getChildren().addAll(search, scroll);
    }

    /** What a double-click (or Enter) on a kind does; the canvas adds it after the selection. */
    public void setOnActivate(Consumer<LayerKind> action) {
        onActivate = Objects.requireNonNull(action, "action");
    }

    public TextField searchField() {
        return search;
    }

    private void activate(LayerKind kind) {
        onActivate.accept(kind);
    }

    private void filter(String query) {
        for (PaletteEntry entry : entries) {
            boolean shown = PaletteFilter.matches(entry.kind(), query == null ? "" : query);
            entry.setVisible(shown);
            entry.setManaged(shown);
        }
        sections.forEach((category, section) -> {
            boolean any = section.getChildren().stream().anyMatch(n -> n instanceof PaletteEntry && n.isVisible());
            section.setVisible(any);
            section.setManaged(any);
        });
    }
}
