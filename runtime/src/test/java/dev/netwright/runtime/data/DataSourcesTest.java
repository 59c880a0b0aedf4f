package dev.netwright.runtime.data;

import dev.netwright.runtime.layers.Shape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DataSourcesTest {
    private static final Shape IMAGE = new Shape.Image(28, 28, 1);

    @Test
    void anUnknownReferenceListsTheKnownForms() {
        assertThatThrownBy(() -> DataSources.open("mnist", IMAGE, 1, 0.2))
                .isInstanceOf(DataException.class)
                .hasMessageStartingWith("Data reference 'mnist' is not one Netwright knows; use one of: ")
                .hasMessageContaining("csv:FILE#label=NAME");
    }

    @Test
    void aReferenceWithoutAPathIsRefused() {
        assertThatThrownBy(() -> DataSources.open("csv:", IMAGE, 1, 0.2))
                .hasMessage("Data reference 'csv:' names no file or folder after the colon");
    }

    @Test
    void aValidationFractionOutsideZeroToOneIsRefusedWhereASplitIsNeeded() {
        assertThatThrownBy(() -> DataSources.open("csv:x.csv", IMAGE, 1, 1.0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("validationFraction");
    }

    @Test
    void validatingOnTheTestFilesIgnoresTheValidationFraction(@TempDir Path dir) throws Exception {
        IdxFiles.fashionMnistFolder(dir, 10, 10);

        assertThat(DataSources.open("fashion-mnist:" + dir, IMAGE, 1, 0, DataSplit.VALIDATE_ON_TEST).validation().size())
                .isEqualTo(10);
    }

    @Test
    void aMissingFolderIsNamed() {
        assertThatThrownBy(() -> DataSources.open("images:/no/such/folder", IMAGE, 1, 0.2))
                .hasMessageStartingWith("/no/such/folder: not a folder");
    }

    @Test
    void theConstantsAreTheReferences() {
        assertThat(DataSources.SAMPLE).isEqualTo("fashion-mnist-sample");
        assertThat(DataSources.FULL).isEqualTo("fashion-mnist");
    }

    @Test
    void aCsvsFeatureNamesComeFromItsHeaderWithoutTheLabelElseFromTheColumnNumbers(@TempDir Path dir) throws Exception {
        Path named = dir.resolve("named.csv");
        java.nio.file.Files.writeString(named, "\uFEFFsepal,species,petal\n1,a,2\n3,b,4\n");
        assertThat(DataSources.featureNames("csv:" + named + "#label=species#classes=a,b"))
                .containsExactly("sepal", "petal");
        assertThat(DataSources.featureNames("csv:" + named)).containsExactly("sepal", "species");
        Path plain = dir.resolve("plain.csv");
        java.nio.file.Files.writeString(plain, "\n1,2,0\n3,4,1\n");
        assertThat(DataSources.featureNames("csv:" + plain)).containsExactly("column 0", "column 1");
        assertThat(DataSources.featureNames(DataSources.SAMPLE)).isEmpty();
        assertThatThrownBy(() -> DataSources.featureNames("csv:" + dir.resolve("missing.csv")))
                .isInstanceOf(DataException.class);
    }
}
