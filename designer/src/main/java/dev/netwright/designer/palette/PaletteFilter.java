package dev.netwright.designer.palette;

import dev.netwright.runtime.layers.Category;
import dev.netwright.runtime.layers.LayerCatalog;
import dev.netwright.runtime.layers.LayerKind;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which kinds the palette shows for a search text: every word of the text must occur in the kind's id,
 * name, category or description, ignoring case ("pool 2d" finds MaxPool2D and AvgPool2D).
 */
final class PaletteFilter {
    private PaletteFilter() {
    }

    static boolean matches(LayerKind kind, String query) {
        String haystack = String.join(" ", kind.id(), kind.displayName(), kind.category().label(), kind.description())
                .toLowerCase(Locale.ROOT);
        return Arrays.stream(query.toLowerCase(Locale.ROOT).trim().split("\\s+"))
                .allMatch(haystack::contains);
    }

    /** The matching kinds by category, in palette order; categories without a match are left out. */
    static Map<Category, List<LayerKind>> groups(LayerCatalog catalog, String query) {
        Map<Category, List<LayerKind>> groups = new EnumMap<>(Category.class);
        for (Category category : Category.values()) {
            List<LayerKind> kinds = catalog.inCategory(category).stream().filter(k -> matches(k, query)).toList();
            if (!kinds.isEmpty()) {
                groups.put(category, kinds);
            }
        }
        return groups;
    }
}
