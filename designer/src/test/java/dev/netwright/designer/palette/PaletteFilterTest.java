package dev.netwright.designer.palette;

import dev.netwright.designer.style.CategoryColors;
import dev.netwright.runtime.layers.kinds.StandardKinds;
import dev.netwright.runtime.layers.Category;
import dev.netwright.runtime.layers.LayerCatalog;
import dev.netwright.runtime.layers.LayerKind;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PaletteFilterTest {
    private static final LayerCatalog CATALOG = StandardKinds.catalog();

    @Test
    void anEmptySearchShowsEveryCategoryInPaletteOrder() {
        Map<Category, List<LayerKind>> groups = PaletteFilter.groups(CATALOG, "");
        assertThat(groups.keySet()).containsExactly(Category.values());
        assertThat(groups.values().stream().mapToInt(List::size).sum()).isEqualTo(CATALOG.kinds().size());
    }

    @Test
    void everyWordMustMatchIgnoringCase() {
        Map<Category, List<LayerKind>> groups = PaletteFilter.groups(CATALOG, "POOL 2d");
        assertThat(groups.keySet()).containsExactly(Category.CONVOLUTION);
        assertThat(groups.get(Category.CONVOLUTION)).extracting(LayerKind::id)
                .contains("MaxPool2D", "AvgPool2D").doesNotContain("MaxPool1D", "Conv2D");
    }

    @Test
    void theDescriptionCountsSoAResidualSearchFindsAdd() {
        assertThat(PaletteFilter.matches(CATALOG.require("Add"), "residual")).isTrue();
        assertThat(PaletteFilter.matches(CATALOG.require("Dense"), "residual")).isFalse();
    }

    @Test
    void everyCategoryHasItsOwnColour() {
        assertThat(java.util.Arrays.stream(Category.values()).map(CategoryColors::of).distinct()).hasSize(Category.values().length);
    }
}
