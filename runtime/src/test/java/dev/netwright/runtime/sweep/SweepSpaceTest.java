package dev.netwright.runtime.sweep;

import dev.netwright.runtime.TestDesigns;
import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.layers.kinds.StandardKinds;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SweepSpaceTest {
    private final Design design = TestDesigns.start().image(28, 28, 1)
            .then("conv1", "Conv2D", "filters", 4, "kernelHeight", 3, "kernelWidth", 3)
            .then("conv2", "Conv2D", "filters", 4, "kernelHeight", 3, "kernelWidth", 3)
            .then("flat", "Flatten")
            .then("dense1", "Dense", "units", 16).output();

    private SweepSpace parse(String... params) {
        return SweepSpace.parse(List.of(params), design, StandardKinds.catalog());
    }

    @Test
    void settingsAndNodePropertiesBecomeDimensions() {
        SweepSpace space = parse("lr=1e-4..1e-2:log", "batch=32,64", "dense1.units=32,64,128", "optimizer=adam,sgd");
        assertThat(space.dimensions()).extracting(SweepDimension::name)
                .containsExactly("lr", "batch", "dense1.units", "optimizer");
        SweepDimension lr = space.dimension("lr").orElseThrow();
        assertThat(lr.values()).isEqualTo(new SweepValues.Range(1e-4, 1e-2, true, 0));
        assertThat(space.dimension("batch").orElseThrow().gridValues()).containsExactly(32, 64);
        assertThat(space.dimension("dense1.units").orElseThrow().gridValues()).containsExactly(32, 64, 128);
        assertThat(space.dimension("optimizer").orElseThrow().gridValues()).containsExactly("ADAM", "SGD");
        assertThat(space.asParams()).containsExactly("lr=1e-4..1e-2:log", "batch=32,64", "dense1.units=32,64,128",
                "optimizer=adam,sgd");
    }

    @Test
    void aRangeWithACountGivesGridPointsOnItsScale() {
        SweepSpace space = parse("lr=1e-4..1e-2:log:3", "l2=0..0.01:3");
        assertThat(space.dimension("lr").orElseThrow().gridValues()).containsExactly(1e-4, 1e-3, 1e-2);
        assertThat(space.dimension("l2").orElseThrow().gridValues()).containsExactly(0.0, 0.005, 0.01);
    }

    @Test
    void textSettingsAreSeparatedByBars() {
        SweepSpace space = parse("lr-schedule=constant|step:every=1,factor=0.5");
        assertThat(space.dimension("lr-schedule").orElseThrow().gridValues())
                .containsExactly("constant", "step:every=1,factor=0.5");
    }

    @Test
    void anUnknownNodeIsRefusedWithTheClosestId() {
        assertThatThrownBy(() -> parse("dense2.units=32,64")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--param dense2.units: the design has no node 'dense2'; did you mean 'dense1'?");
    }

    @Test
    void anUnknownPropertyIsRefusedWithTheNodesProperties() {
        assertThatThrownBy(() -> parse("dense1.unit=32")).hasMessageStartingWith(
                "--param dense1.unit: node 'dense1' (Dense) has no property 'unit'; it has units");
    }

    @Test
    void anUnknownSettingIsRefusedNamingTheSettings() {
        assertThatThrownBy(() -> parse("momentum=0.9")).hasMessageStartingWith(
                "--param momentum: not a training setting (lr, batch, epochs");
    }

    @Test
    void valuesThePropertyOrTheDesignCheckRefuseAreNamedBeforeAnythingRuns() {
        assertThatThrownBy(() -> parse("dense1.units=32,0")).hasMessageContaining("dense1.units")
                .hasMessageContaining("outside the allowed range");
        assertThatThrownBy(() -> parse("dense1.units=32.5")).hasMessage("dense1.units: '32.5' is not a whole number");
        // 30 fits the property's range but not the 28x28 image: the design check says so
        assertThatThrownBy(() -> parse("conv1.kernelHeight=3,30")).hasMessageStartingWith(
                "--param conv1.kernelHeight: with 30 the design check fails: conv1:");
        assertThatThrownBy(() -> parse("optimizer=adam,adamw")).hasMessage(
                "optimizer: 'adamw' is not one of ADAM, SGD, NESTEROV, RMSPROP");
        assertThatThrownBy(() -> parse("lr=0..1:log")).hasMessage("lr: a log range must be above 0, not 0..1");
        assertThatThrownBy(() -> parse("lr=0.1..0.01")).hasMessage(
                "lr: the range's low end must be below its high end, not 0.1..0.01");
        assertThatThrownBy(() -> parse("lr=1e-4..1e-2:lg")).hasMessageContaining("not ':lg'");
        assertThatThrownBy(() -> parse("optimizer=1..3")).hasMessageContaining("a range needs numbers");
        assertThatThrownBy(() -> parse("batch=32,,64")).hasMessage("batch: an empty value in '32,,64'");
        assertThatThrownBy(() -> parse("lr")).hasMessageStartingWith("--param 'lr': write NAME=VALUES");
        assertThatThrownBy(() -> parse("lr=0.1", "lr=0.2")).hasMessage("--param lr is given twice");
        assertThatThrownBy(() -> SweepSpace.parse(List.of(), design, StandardKinds.catalog()))
                .hasMessageStartingWith("Name at least one --param");
        assertThatThrownBy(() -> parse("augment=shift=2|wobble")).hasMessageStartingWith("augment: ");
    }

    @Test
    void aGridOfARangeWithoutACountSaysHowToGiveOne() {
        SweepDimension lr = parse("lr=1e-4..1e-2:log").dimension("lr").orElseThrow();
        assertThatThrownBy(lr::gridValues).hasMessage(
                "lr: a grid needs explicit values or a count, e.g. lr=0.0001..0.01:log:4");
    }
}
