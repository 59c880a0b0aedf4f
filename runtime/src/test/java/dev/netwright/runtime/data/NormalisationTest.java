package dev.netwright.runtime.data;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class NormalisationTest {
    private static final List<String> AB = List.of("a", "b");

    /** 2 examples of 2×1×2 images (channels last). */
    private static Examples images(float... values) {
        return new Examples(values, new int[] {0, 1}, 2, 1, 2, AB);
    }

    /** CSV rows of 2 features. */
    private static Examples rows(float... values) {
        return new Examples(values, new int[values.length / 2], 1, 2, 1, AB);
    }

    @Test
    void noneLeavesTheDataAlone() {
        TrainValidation data = new TrainValidation(images(0, 1, 2, 3, 4, 5, 6, 7), images(0, 1, 2, 3, 4, 5, 6, 7), "d");

        assertThat(Normalisation.NONE.apply(data)).isSameAs(data);
    }

    @Test
    void scalingDividesPixelsBy255() {
        TrainValidation data = new TrainValidation(images(0, 51, 255, 102, 0, 0, 0, 0), images(255, 0, 0, 0, 0, 0, 0, 510),
                "sample");

        TrainValidation scaled = Normalisation.SCALE_0_1.apply(data);

        assertThat(scaled.train().features()).containsExactly(0f, 0.2f, 1f, 0.4f, 0f, 0f, 0f, 0f);
        assertThat(scaled.validation().features()[7]).isEqualTo(2f);
        assertThat(scaled.description()).isEqualTo("sample");
        assertThat(scaled.train().labels()).containsExactly(0, 1);
    }

    @Test
    void scalingUsesEachCsvColumnsRangeFromTheTrainingPart() {
        TrainValidation data = new TrainValidation(rows(10, 0, 20, 5, 30, 5), rows(40, 5), "csv");

        TrainValidation scaled = Normalisation.SCALE_0_1.apply(data);

        assertThat(scaled.train().features()).containsExactly(0f, 0f, 0.5f, 1f, 1f, 1f);
        assertThat(scaled.validation().features()).containsExactly(1.5f, 1f);
    }

    @Test
    void aConstantColumnScalesToZeroNotNaN() {
        TrainValidation data = new TrainValidation(rows(3, 1, 3, 2), rows(3, 2), "csv");

        assertThat(Normalisation.SCALE_0_1.apply(data).train().features()).containsExactly(0f, 0f, 0f, 1f);
        assertThat(Normalisation.STANDARDISE.apply(data).train().features()).containsExactly(0f, -1f, 0f, 1f);
    }

    @Test
    void standardisingUsesTheTrainingPartsStatisticsOnly() {
        // column 0: mean 2, std 1 (values 1 and 3); column 1: mean 10, std 5
        TrainValidation data = new TrainValidation(rows(1, 5, 3, 15), rows(100, 10), "csv");

        TrainValidation standard = Normalisation.STANDARDISE.apply(data);

        assertThat(standard.train().features()).containsExactly(-1f, -1f, 1f, 1f);
        assertThat(standard.validation().features()).containsExactly(98f, 0f);
    }

    @Test
    void imagesAreStandardisedPerChannel() {
        // channel 0 holds 0, 2, 4, 6 (mean 3); channel 1 holds 10 everywhere
        TrainValidation data = new TrainValidation(images(0, 10, 2, 10, 4, 10, 6, 10), images(3, 10, 3, 10, 3, 10, 3, 10),
                "images");

        Examples train = Normalisation.STANDARDISE.apply(data).train();

        float std = (float) Math.sqrt(5);
        assertThat(train.features()[0]).isCloseTo(-3 / std, within(1e-6f));
        assertThat(train.features()[6]).isCloseTo(3 / std, within(1e-6f));
        assertThat(train.features()[1]).isZero();
        assertThat(Normalisation.STANDARDISE.apply(data).validation().features()[0]).isZero();
    }

    @Test
    void theOriginalArraysAreNotChanged() {
        Examples train = images(0, 51, 255, 102, 0, 0, 0, 0);

        Normalisation.STANDARDISE.apply(new TrainValidation(train, train, "d"));

        assertThat(train.features()[1]).isEqualTo(51f);
    }
}
