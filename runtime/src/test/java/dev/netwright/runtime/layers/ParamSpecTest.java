package dev.netwright.runtime.layers;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** How a parameter reads a value typed as text: the one rule the inspector, sweeps and the doctor's actions share. */
class ParamSpecTest {
    private final ParamSpec units = ParamSpec.integer("units", "Units", "Core", 64, 1, 100_000, "");
    private final ParamSpec rate = ParamSpec.decimal("rate", "Rate", "Core", 0.5, 0, 1, "");
    private final ParamSpec bias = ParamSpec.flag("bias", "Bias", "Core", true, "");
    private final ParamSpec activation = new ParamSpec("activation", "Activation", "Core", ParamType.CHOICE, "relu",
            0, 0, List.of("relu", "tanh"), "");

    @Test
    void wholeNumbersMayBeWrittenAsDecimalsButNotWithAFraction() {
        assertThat(units.parse(" 32 ")).contains(32);
        assertThat(units.parse("32.0")).contains(32);
        assertThat(units.parse("3.2e1")).contains(32);
        assertThat(units.parse("32.5")).isEmpty();
        assertThat(units.parse("")).isEmpty();
        assertThat(units.parse(null)).isEmpty();
        assertThat(units.parse("many")).isEmpty();
    }

    @Test
    void aWholeNumberBeyondAnIntIsKeptAtItsEndSoTheRangeMessageSaysWhatIsAllowed() {
        Optional<Object> huge = units.parse("1e12");

        assertThat(huge).contains(Integer.MAX_VALUE);
        assertThat(units.problemWith(huge.get())).get().asString().contains("Units");
        assertThat(units.parse("-1e12")).contains(Integer.MIN_VALUE);
    }

    @Test
    void numbersMustBeFinite() {
        assertThat(rate.parse("1e-4")).contains(1e-4);
        assertThat(rate.parse("NaN")).isEmpty();
        assertThat(rate.parse("Infinity")).isEmpty();
        assertThat(rate.parse("1e400")).isEmpty();
    }

    @Test
    void flagsAreTrueOrFalseInAnyCaseAndChoicesAreTakenAsWrittenForProblemWithToCheck() {
        assertThat(bias.parse("TRUE")).contains(Boolean.TRUE);
        assertThat(bias.parse("false")).contains(Boolean.FALSE);
        assertThat(bias.parse("yes")).isEmpty();
        assertThat(activation.parse(" tanh ")).contains("tanh");
        assertThat(activation.problemWith(activation.parse("gelu").orElseThrow())).isPresent();
    }
}
