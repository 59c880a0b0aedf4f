package dev.netwright.runtime.data;

import dev.netwright.runtime.layers.Shape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClassSelectionTest {
    private static final Shape INPUT = new Shape.Image(4, 4, 1);

    @TempDir
    Path dir;

    /** 200 training images (20 per class: 18 train, 2 validation), 50 test images (5 per class). */
    private String folder() throws Exception {
        return "fashion-mnist:" + IdxFiles.fashionMnistFolder(dir, 200, 50);
    }

    @Test
    void listedClassesAreRelabelledInTheirOrderAndTheTestSetKeepsAllOfThem() throws Exception {
        TrainValidation data = DataSources.open(folder() + "#classes=7,Sandal,9", INPUT, 1, 0.1);

        assertThat(data.train().classNames()).containsExactly("Sneaker", "Sandal", "Ankle boot");
        assertThat(data.train().classCounts()).containsExactly(18, 18, 18);
        assertThat(data.validation().classCounts()).containsExactly(2, 2, 2);
        assertThat(data.test().orElseThrow().classCounts()).containsExactly(5, 5, 5);
        assertThat(data.description()).contains("kept classes Sneaker, Sandal, Ankle boot (as 0..2)");
    }

    @Test
    void perClassKeepsThatManyTrainingImagesOfEachClassDrawnWithTheSeed() throws Exception {
        String ref = folder() + "#classes=5,6#per-class=4";
        TrainValidation first = DataSources.open(ref, INPUT, 7, 0.1);
        TrainValidation again = DataSources.open(ref, INPUT, 7, 0.1);
        TrainValidation otherSeed = DataSources.open(ref, INPUT, 8, 0.1);

        assertThat(first.train().classCounts()).containsExactly(4, 4);
        assertThat(first.validation().classCounts()).containsExactly(2, 2); // at most 4 of the 2 held out
        assertThat(first.test().orElseThrow().classCounts()).containsExactly(5, 5); // test: classes only
        assertThat(again.train().features()).isEqualTo(first.train().features());
        assertThat(Arrays.equals(otherSeed.train().features(), first.train().features())).isFalse();
    }

    @Test
    void perClassAloneKeepsEveryClass() throws Exception {
        TrainValidation data = DataSources.open(folder() + "#per-class=3", INPUT, 1, 0.1);

        assertThat(data.train().numClasses()).isEqualTo(10);
        assertThat(data.train().size()).isEqualTo(30);
    }

    @Test
    void anUnknownClassIsRefusedWithTheClassesThereAre() throws Exception {
        String ref = folder() + "#classes=5,12";

        assertThatThrownBy(() -> DataSources.open(ref, INPUT, 1, 0.1)).isInstanceOf(DataException.class)
                .hasMessageContaining("no class '12'").hasMessageContaining("0..9: T-shirt/top, Trouser");
    }

    @Test
    void perClassZeroIsRefused() throws Exception {
        String ref = folder() + "#per-class=0";

        assertThatThrownBy(() -> DataSources.open(ref, INPUT, 1, 0.1)).isInstanceOf(DataException.class)
                .hasMessageContaining("#per-class= must be at least 1, not 0");
    }

    @Test
    void aClassWithFewerImagesThanAskedSaysHowManyItHas() throws Exception {
        String ref = folder() + "#classes=5#per-class=50";

        assertThatThrownBy(() -> DataSources.open(ref, INPUT, 1, 0.1)).isInstanceOf(DataException.class)
                .hasMessageContaining("class 5 (Sandal) has only 18 training images");
    }

    @Test
    void aMisspeltOptionOnANamedSetIsRefusedWithTheOptionsThereAre() {
        assertThatThrownBy(() -> DataSources.open("fashion-mnist#perclass=5", INPUT, 1, 0.1))
                .isInstanceOf(DataException.class).hasMessageContaining("'#perclass=5' is not an option")
                .hasMessageContaining("#per-class=N");
    }

    @Test
    void aClassNamedTwiceAndAMissingNumberAreRefused() throws Exception {
        String base = folder();
        assertThatThrownBy(() -> DataSources.open(base + "#classes=5,Sandal", INPUT, 1, 0.1))
                .hasMessageContaining("are the same class (Sandal)");
        assertThatThrownBy(() -> DataSources.open(base + "#per-class=many", INPUT, 1, 0.1))
                .hasMessageContaining("needs a whole number of images, not 'many'");
    }

    @Test
    void aRelativeFolderIsResolvedAndTheOptionsKept() {
        String resolved = DataSources.resolved("idx:data#classes=1,2#per-class=5", Path.of("/base"));

        assertThat(resolved).isEqualTo("idx:/base/data#classes=1,2#per-class=5");
        assertThat(DataSources.namedPath("idx:data#per-class=5")).contains(Path.of("data"));
        assertThat(DataSources.resolved("csv:t.csv#label=y#classes=a", Path.of("/b")))
                .isEqualTo("csv:/b/t.csv#label=y#classes=a");
        assertThat(List.of(DataSources.namedPath("fashion-mnist#classes=1"))).containsExactly(java.util.Optional.empty());
    }
}
