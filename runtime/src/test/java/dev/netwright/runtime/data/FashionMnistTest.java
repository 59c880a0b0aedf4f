package dev.netwright.runtime.data;

import dev.netwright.runtime.layers.Shape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class FashionMnistTest {
    private static final Shape IMAGE = new Shape.Image(28, 28, 1);

    @TempDir
    Path dir;

    @Test
    void aNamedFolderGivesTrainingValidationHeldOutOfItAndT10kAsTest() throws Exception {
        IdxFiles.fashionMnistFolder(dir, 30, 20);

        TrainValidation data = DataSources.open("fashion-mnist:" + dir, IMAGE, 1, 0.2);

        assertThat(data.train().size()).isEqualTo(20);
        assertThat(data.validation().size()).isEqualTo(10);
        assertThat(data.test()).hasValueSatisfying(test -> assertThat(test.size()).isEqualTo(20));
        assertThat(data.train().classNames()).isEqualTo(FashionMnist.CLASS_NAMES);
        assertThat(data.train().height()).isEqualTo(4);
        assertThat(data.train().channels()).isEqualTo(1);
        assertThat(data.description()).isEqualTo("Fashion-MNIST (" + dir + "): 20 training, 10 validation images "
                + "(20 % held out for validation with seed 1), 20 test images kept for the final evaluation");
    }

    @Test
    void validatingOnT10kAsBeforeTheTestSplit() throws Exception {
        IdxFiles.fashionMnistFolder(dir, 30, 20);

        TrainValidation data = DataSources.open("fashion-mnist:" + dir, IMAGE, 1, 0.2, DataSplit.VALIDATE_ON_TEST);

        assertThat(data.train().size()).isEqualTo(30);
        assertThat(data.validation().size()).isEqualTo(20);
        assertThat(data.test()).isEmpty();
        assertThat(data.description()).isEqualTo("Fashion-MNIST (" + dir + "): 30 training, 20 validation images "
                + "(the test files)");
    }

    @Test
    void unpackedFilesWithoutGzSuffixAreAccepted() throws Exception {
        IdxFiles.write(dir.resolve("train-images-idx3-ubyte"), IdxFiles.images(20, 4, 4));
        IdxFiles.write(dir.resolve("train-labels-idx1-ubyte"), IdxFiles.labels(20, 10));
        IdxFiles.write(dir.resolve("t10k-images-idx3-ubyte"), IdxFiles.images(10, 4, 4));
        IdxFiles.write(dir.resolve("t10k-labels-idx1-ubyte"), IdxFiles.labels(10, 10));

        TrainValidation data = DataSources.open("fashion-mnist:" + dir, IMAGE, 1, 0.2);
        assertThat(data.train().size() + data.validation().size()).isEqualTo(20);
        assertThat(data.finalEvaluation().size()).isEqualTo(10);
    }

    @Test
    void aMissingFileIsNamedWithThePackageThatProvidesIt() throws Exception {
        IdxFiles.fashionMnistFolder(dir, 10, 10);
        Files.delete(dir.resolve("t10k-labels-idx1-ubyte.gz"));

        assertThatThrownBy(() -> DataSources.open("fashion-mnist:" + dir, IMAGE, 1, 0.2))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("Fashion-MNIST file missing: " + dir.resolve("t10k-labels-idx1-ubyte.gz"))
                .hasMessageContaining("`apt-get install dataset-fashion-mnist` provides it");
    }

    @Test
    void imagesAndLabelsMustPairUp() throws Exception {
        IdxFiles.fashionMnistFolder(dir, 10, 10);
        IdxFiles.write(dir.resolve("train-labels-idx1-ubyte.gz"), IdxFiles.gzip(IdxFiles.labels(9, 10)));

        assertThatThrownBy(() -> DataSources.open("fashion-mnist:" + dir, IMAGE, 1, 0.2))
                .hasMessageContaining("train-images-idx3-ubyte.gz and ")
                .hasMessageContaining("10 images but 9 labels");
    }

    @Test
    void aLabelBeyondTheTenClassesIsRefused() throws Exception {
        IdxFiles.fashionMnistFolder(dir, 12, 10);
        IdxFiles.write(dir.resolve("train-labels-idx1-ubyte.gz"), IdxFiles.gzip(IdxFiles.labels(12, 12)));

        assertThatThrownBy(() -> DataSources.open("fashion-mnist:" + dir, IMAGE, 1, 0.2))
                .hasMessageContaining("train-labels-idx1-ubyte.gz: label 10 at index 10 is not a class (there are 10 classes");
    }

    @Test
    void theBundledSampleNeedsTheSamplesJar() {
        // runtime's tests run without netwright-samples on the class path
        assertThatThrownBy(() -> DataSources.open(DataSources.SAMPLE, IMAGE, 1, 0.2))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("the netwright-samples jar must be on the class path");
    }

    /** Runs only where Debian's dataset-fashion-mnist is installed. */
    @Test
    void theDebianPackageGivesTheFullSet() throws Exception {
        assumeTrue(Files.isDirectory(FashionMnist.DEBIAN_DIR), "dataset-fashion-mnist is not installed");

        TrainValidation data = DataSources.open(DataSources.FULL, IMAGE, 1, 0.2);

        assertThat(data.train().size()).isEqualTo(48_000);
        assertThat(data.validation().size()).isEqualTo(12_000);
        assertThat(data.test()).hasValueSatisfying(test -> assertThat(test.size()).isEqualTo(10_000));
        assertThat(data.train().classCounts()).containsOnly(4_800); // stratified: every class gives its 20 %
        assertThat(data.validation().classCounts()).containsOnly(1_200);
        assertThat(data.test().orElseThrow().classCounts()).containsOnly(1_000);
        assertThat(data.description()).contains("48,000 training, 12,000 validation images")
                .contains("10,000 test images");
    }
}
