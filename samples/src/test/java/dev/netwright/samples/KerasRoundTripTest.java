package dev.netwright.samples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netwright.runtime.codegen.KerasCodeImport;
import dev.netwright.runtime.codegen.KerasExport;
import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.design.Edge;
import dev.netwright.runtime.design.Node;
import dev.netwright.runtime.design.TrainingPlan;
import dev.netwright.runtime.layers.LayerKind;
import dev.netwright.runtime.layers.Params;
import dev.netwright.runtime.layers.ParamSpec;
import dev.netwright.runtime.layers.kinds.StandardKinds;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every sample exported as Keras code and read back is the same design: kinds, parameters, wiring, training settings. */
class KerasRoundTripTest {
    /** What a design without saved settings trains with, as the export writes it. */
    private static final TrainingPlan DEFAULTS = new TrainingPlan("ADAM", 1e-3, 32, 5, 0, false, 0.5, 0, 42, "AUTO", 0, 0);

    static Stream<Sample> samples() {
        return Samples.list().stream();
    }

    @ParameterizedTest
    @MethodSource("samples")
    void theSampleComesBackFromItsKerasCode(Sample sample) throws Exception {
        Design original = Samples.load(sample);

        Design imported = KerasCodeImport.parse(new KerasExport().export(original), sample.id() + ".py");

        assertThat(structure(imported)).isEqualTo(structure(original));
        assertThat(edges(imported)).isEqualTo(edges(original));
        TrainingPlan before = original.training().orElse(DEFAULTS);
        TrainingPlan after = imported.training().orElseThrow();
        assertThat(after.optimizer()).isEqualTo(before.optimizer());
        assertThat(after.learningRate()).isEqualTo(before.learningRate());
        assertThat(after.batchSize()).isEqualTo(before.batchSize());
        assertThat(after.epochs()).isEqualTo(before.epochs());
        assertThat(after.seed()).isEqualTo(before.seed());
    }

    /** Each node's kind and every parameter's value (defaults filled in), by node id (the Keras layer name). */
    private static Map<String, String> structure(Design design) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Node node : design.nodes()) {
            LayerKind kind = StandardKinds.catalog().require(node.kind());
            Params params = kind.read(node);
            String values = kind.params().stream().map(spec -> spec.name() + "=" + value(params, spec))
                    .collect(Collectors.joining(", "));
            out.put(node.id(), node.kind() + "(" + values + ")");
        }
        return out;
    }

    private static Object value(Params params, ParamSpec spec) {
        return switch (spec.type()) {
            case INT -> params.getInt(spec.name());
            case DOUBLE -> params.getDouble(spec.name());
            case BOOLEAN -> params.getBool(spec.name());
            case CHOICE -> params.getChoice(spec.name());
        };
    }

    private static Set<String> edges(Design design) {
        return design.edges().stream().map(Edge::toString).collect(Collectors.toSet());
    }
}
