package dev.netwright.runtime.design;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The augmentation's spec, as the command line and the training form take it, and its checks. */
class AugmentationTest {

    @Test
    void aFullSpecReadsEverySettingAndWritesItBackTheSame() {
        Augmentation a = Augmentation.parse("shift=2,flip,rotate=10,crop=4,erase=0.25");

        assertThat(a).isEqualTo(new Augmentation(2, true, 10, 4, 0.25));
        assertThat(a.spec()).isEqualTo("shift=2,flip,rotate=10,crop=4,erase=0.25");
        assertThat(Augmentation.parse(a.spec())).isEqualTo(a);
    }

    @Test
    void settingsMayComeInAnyOrderWithSpacesAndAnyCaseAndThoseLeftOutAreOff() {
        assertThat(Augmentation.parse(" Flip , rotate = 7.5 ")).isEqualTo(new Augmentation(0, true, 7.5, 0, 0));
        assertThat(Augmentation.parse("erase=1")).isEqualTo(Augmentation.NONE.withErase(1));
    }

    @Test
    void noneIsNoAugmentationAndWritesAsNone() {
        assertThat(Augmentation.parse("none")).isSameAs(Augmentation.NONE);
        assertThat(Augmentation.parse("NONE").isNone()).isTrue();
        assertThat(Augmentation.NONE.spec()).isEqualTo("none");
        assertThat(Augmentation.parse("shift=0").isNone()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "zoom=2|unknown augmentation setting 'zoom=2' (the settings: shift=PIXELS, flip, rotate=DEGREES, crop=PIXELS, erase=PROBABILITY; or none)",
            "shift=two|'shift' must be a whole number of pixels, not 'two'",
            "shift=1.5|'shift' must be a whole number of pixels, not '1.5'",
            "shift=-1|'shift' must be a whole number of pixels from 0 to 64, not -1",
            "crop=100|'crop' must be a whole number of pixels from 0 to 64, not 100",
            "rotate=200|'rotate' must be a number of degrees from 0 to 180, not 200.0",
            "rotate=NaN|'rotate' must be a number, not 'NaN'",
            "erase=1.5|'erase' must be a probability from 0 to 1, not 1.5",
            "erase|'erase' needs a value: write erase=0.25, not 'erase'",
            "rotate=|'rotate' needs a value: write rotate=10, not 'rotate='",
            "flip=true|'flip' takes no value: write flip, not 'flip=true'",
            "flip,shift=1,flip|'flip' is given twice in 'flip,shift=1,flip'",
            "flip,,shift=1|an empty setting in 'flip,,shift=1': separate the settings with single commas",
            "none,flip|'none' cannot be combined with other settings, as in 'none,flip'",
    })
    void aWrongSpecIsRefusedNamingThePartThatIsWrong(String spec, String message) {
        assertThatThrownBy(() -> Augmentation.parse(spec)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @Test
    void anEmptySpecSaysWhatToWrite() {
        assertThatThrownBy(() -> Augmentation.parse("  ")).hasMessage(
                "the augmentation is empty: write none, or settings such as shift=2,flip,rotate=10,crop=4,erase=0.25");
    }
}
