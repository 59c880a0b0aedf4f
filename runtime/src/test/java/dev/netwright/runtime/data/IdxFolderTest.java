package dev.netwright.runtime.data;

import dev.netwright.runtime.layers.Shape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IdxFolderTest {
    private static final Shape IMAGE = new Shape.Image(4, 4, 1);

    @TempDir
    Path dir;

    @Test
    void testFilesAreHeldOutAndValidationComesFromTheTrainingFiles() throws Exception {
        writeTrainAndTest();

        TrainValidation data = DataSources.open("idx:" + dir, IMAGE, 1, 0.5);

        assertThat(data.train().size()).isEqualTo(9); // classes of 7, 7 and 6 give half each, rounded: 4 + 4 + 3
        assertThat(data.validation().size()).isEqualTo(11);
        assertThat(data.test()).hasValueSatisfying(test -> assertThat(test.size()).isEqualTo(6));
        assertThat(data.finalEvaluation().size()).isEqualTo(6);
        assertThat(data.finalEvaluationName()).isEqualTo("test");
        assertThat(data.train().classNames()).containsExactly("0", "1", "2");
        assertThat(data.description()).endsWith(", 6 test images kept for the final evaluation");
    }

    @Test
    void runsFromBeforeTheTestSplitValidateOnTheTestFiles() throws Exception {
        writeTrainAndTest();

        TrainValidation data = DataSources.open("idx:" + dir, IMAGE, 1, 0.5, DataSplit.VALIDATE_ON_TEST);

        assertThat(data.train().size()).isEqualTo(20);
        assertThat(data.validation().size()).isEqualTo(6);
        assertThat(data.test()).isEmpty();
        assertThat(data.finalEvaluationName()).isEqualTo("validation");
    }

    private void writeTrainAndTest() throws Exception {
        IdxFiles.write(dir.resolve("train-images-idx3-ubyte.gz"), IdxFiles.gzip(IdxFiles.images(20, 4, 4)));
        IdxFiles.write(dir.resolve("train-labels-idx1-ubyte.gz"), IdxFiles.gzip(IdxFiles.labels(20, 3)));
        IdxFiles.write(dir.resolve("t10k-images-idx3-ubyte"), IdxFiles.images(6, 4, 4));
        IdxFiles.write(dir.resolve("t10k-labels-idx1-ubyte"), IdxFiles.labels(6, 3));
    }

    @Test
    void withoutTestFilesTheSeedSplitsTheTrainingFiles() throws Exception {
        IdxFiles.write(dir.resolve("train-images.idx3-ubyte"), IdxFiles.images(40, 4, 4));
        IdxFiles.write(dir.resolve("train-labels.idx1-ubyte"), IdxFiles.labels(40, 4));

        TrainValidation a = DataSources.open("idx:" + dir, IMAGE, 7, 0.2);
        TrainValidation b = DataSources.open("idx:" + dir, IMAGE, 7, 0.2);

        assertThat(a.train().size()).isEqualTo(32);
        assertThat(a.validation().size()).isEqualTo(8);
        assertThat(a.validation().classCounts()).containsExactly(2, 2, 2, 2);
        assertThat(a.validation().features()).isEqualTo(b.validation().features());
        assertThat(a.description()).contains("20 % held out for validation with seed 7");
    }

    @Test
    void labelsThatAreAllTheSameAreRefusedAsASingleClass() throws Exception {
        IdxFiles.write(dir.resolve("train-images-idx3-ubyte"), IdxFiles.images(10, 4, 4));
        Path labels = IdxFiles.write(dir.resolve("train-labels-idx1-ubyte"), IdxFiles.labels(10, 1));

        assertThatThrownBy(() -> DataSources.open("idx:" + dir, IMAGE, 1, 0.2))
                .hasMessage(labels + ": every label is 0; a classifier needs at least 2 classes");
    }

    @Test
    void aClassOfOneImageEachCannotBeSplitAndSaysSo() throws Exception {
        IdxFiles.write(dir.resolve("train-images-idx3-ubyte"), IdxFiles.images(10, 4, 4));
        IdxFiles.write(dir.resolve("train-labels-idx1-ubyte"), IdxFiles.labels(10, 10));

        assertThatThrownBy(() -> DataSources.open("idx:" + dir, IMAGE, 1, 0.2))
                .hasMessage("IDX files in " + dir + ": every class has a single image (10 classes in 10 images), so "
                        + "none can be both learnt and validated; each class needs at least 2 images");
    }

    @Test
    void aFolderWithoutTrainingFilesSaysWhichFileItWants() {
        assertThatThrownBy(() -> DataSources.open("idx:" + dir, IMAGE, 1, 0.2))
                .hasMessage(dir + ": no train-images-idx3-ubyte file (or the same with .gz) in this folder");
    }

    @Test
    void testImagesWithoutTestLabelsAreRefused() throws Exception {
        IdxFiles.write(dir.resolve("train-images-idx3-ubyte"), IdxFiles.images(4, 4, 4));
        IdxFiles.write(dir.resolve("train-labels-idx1-ubyte"), IdxFiles.labels(4, 2));
        IdxFiles.write(dir.resolve("t10k-images-idx3-ubyte"), IdxFiles.images(4, 4, 4));

        assertThatThrownBy(() -> DataSources.open("idx:" + dir, IMAGE, 1, 0.2))
                .hasMessage(dir + ": t10k-images-idx3-ubyte has no matching labels file");
    }
}
