package dev.netwright.designer.style;

import dev.netwright.runtime.layers.Category;
import javafx.scene.layout.Background;
import javafx.scene.layout.BackgroundFill;
import javafx.scene.paint.Color;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/** One colour per layer category, shared by the palette and the canvas so a kind looks the same in both. */
public final class CategoryColors {
    private static final Map<Category, Color> COLORS = new EnumMap<>(Map.of(
            Category.INPUT, Color.web("#2e7d32"),
            Category.CORE, Color.web("#546e7a"),
            Category.CONVOLUTION, Color.web("#1565c0"),
            Category.RECURRENT, Color.web("#6a1b9a"),
            Category.ATTENTION, Color.web("#ad1457"),
            Category.NORMALISATION, Color.web("#00838f"),
            Category.MERGE, Color.web("#ef6c00"),
            Category.OUTPUT, Color.web("#5d4037")));
    // Backgrounds are immutable; sharing one per category spares 500 cards 500 identical objects.
    private static final Map<Category, Background> FILLS = new EnumMap<>(Category.class);

    static {
        COLORS.forEach((category, color) -> FILLS.put(category, new Background(new BackgroundFill(color, null, null))));
    }

    private CategoryColors() {
    }

    public static Color of(Category category) {
        return COLORS.get(category);
    }

    /** A plain fill in the category's colour. */
    public static Background fill(Category category) {
        return FILLS.get(category);
    }

    /** A style class naming the category, e.g. {@code category-convolution}, for stylesheets and tests. */
    public static String styleClass(Category category) {
        return "category-" + category.name().toLowerCase(Locale.ROOT);
    }
}
