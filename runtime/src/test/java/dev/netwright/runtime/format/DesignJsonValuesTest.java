package dev.netwright.runtime.format;

import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.design.DesignFormatException;
import dev.netwright.runtime.design.Node;
import dev.netwright.runtime.design.Position;
import dev.netwright.runtime.TestDesigns;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/** Values in a design that are hostile or careless: quoted short in messages, and never saved unreadable. */
class DesignJsonValuesTest {
    private static final String VALID = new DesignJson().write(TestDesigns.start().vector(4).output());
    private static final String HUGE = "x".repeat(5 * 1024 * 1024);
    private static final String HUGE_QUOTED = "x".repeat(60) + "…";
    private static final String HUGE_LENGTH = "(5,242,880 characters)";

    private final DesignJson json = new DesignJson();

    static Stream<Arguments> hugeValues() {
        String v = VALID;
        String huge = "\"" + HUGE + "\"";
        String longName = "\"" + "y".repeat(10_000) + "\""; // a field name longer than 50,000 characters is no JSON here
        return Stream.of(
                Arguments.of(Named.of("a format version", v.replace("\"formatVersion\" : 1", "\"formatVersion\" : " + huge))),
                Arguments.of(Named.of("a kind", v.replace("\"kind\" : \"Output\"", "\"kind\" : " + huge))),
                Arguments.of(Named.of("a parameter value", v.replace("\"units\" : 3", "\"units\" : " + huge))),
                Arguments.of(Named.of("a position", v.replace("\"x\" : 200.0", "\"x\" : " + huge))),
                Arguments.of(Named.of("a repeated id", v.replace("\"id\" : \"input\"", "\"id\" : " + huge)
                        .replace("\"id\" : \"output\"", "\"id\" : " + huge))),
                Arguments.of(Named.of("a wire to a missing node", v.replace("\"to\" : \"output\"", "\"to\" : " + huge))),
                Arguments.of(Named.of("a port", v.replace("\"toPort\" : \"in\"", "\"toPort\" : " + huge))),
                Arguments.of(Named.of("an unknown field", v.replace("\"description\" : \"\"", longName + " : 1"))),
                Arguments.of(Named.of("an unknown parameter", v.replace("\"units\" : 3", longName + " : 3"))),
                Arguments.of(Named.of("a name that is not text",
                        v.replace("\"name\" : \"test\"", "\"name\" : [" + "1,".repeat(1_000) + "1]"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hugeValues")
    void aHugeValueIsQuotedShortInTheMessage(String text) {
        Throwable refusal = catchThrowable(() -> json.read(text, "f.json"));
        assertThat(refusal).isInstanceOf(DesignFormatException.class);
        assertThat(refusal.getMessage()).hasSizeLessThan(1_000).contains("…");
    }

    @Test
    void aHugeTextValueIsCutAfterSixtyCharactersWithItsLength() {
        String text = VALID.replace("\"kind\" : \"Output\"", "\"kind\" : \"" + HUGE + "\"");
        assertThatThrownBy(() -> json.read(text, "f.json"))
                .hasMessageContaining("unknown layer kind '" + HUGE_QUOTED + "' " + HUGE_LENGTH);
    }

    @Test
    void aNodeIdWithAnUnpairedSurrogateIsRefusedWhenTheNodeIsMade() {
        Node node = TestDesigns.start().vector(4).output().requireNode("output");
        assertThatThrownBy(() -> node.withId("out\uD800"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("node id 'out\\uD800' is not well-formed text: character 4 is half of a pair (an unpaired surrogate)");
        assertThatThrownBy(() -> node.withId("\uDC00"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unpaired surrogate");
    }

    @Test
    void aNodeIdWithAnUnpairedSurrogateIsRefusedWhenRead() {
        String text = VALID.replace("\"id\" : \"output\"", "\"id\" : \"out\\uD800\"");
        assertThatThrownBy(() -> json.read(text, "f.json"))
                .isInstanceOf(DesignFormatException.class)
                .hasMessage("f.json: nodes[1]: 'id' is not well-formed text: character 4 is half of a pair (an unpaired surrogate)");
    }

    @Test
    void unpairedSurrogatesInFreeTextAreSavedAsReplacementCharactersSoTheFileReopens(@TempDir Path dir) throws Exception {
        Design design = TestDesigns.start().vector(4).output().withName("mnist\uD800").withDescription("\uDC00notes");
        Node output = design.requireNode("output");
        design = design.withNode(output.withName("Out\uD800put"));
        Path file = dir.resolve("m.netwright.json");
        json.write(design, file);
        Design read = json.read(file);
        assertThat(read.name()).isEqualTo("mnist\uFFFD");
        assertThat(read.description()).isEqualTo("\uFFFDnotes");
        assertThat(read.requireNode("output").name()).isEqualTo("Out\uFFFDput");
        assertThat(json.write(read)).isEqualTo(json.write(design));
    }

    @Test
    void aWellFormedPairIsKeptAsItIs() throws Exception {
        String emoji = "layer \uD83D\uDE00";
        Design design = TestDesigns.start().vector(4).output().withName(emoji);
        Node output = design.requireNode("output");
        design = design.withoutNode("output").withNode(output.withId("out" + emoji.substring(6)));
        assertThat(json.read(json.write(design), "mem")).isEqualTo(design);
    }

    @Test
    void aPositionTooLargeToHoldIsRefused() {
        String text = VALID.replace("\"x\" : 200.0", "\"x\" : 1e400");
        assertThatThrownBy(() -> json.read(text, "f.json")).isInstanceOf(DesignFormatException.class)
                .hasMessage("f.json: nodes[1] (id 'output'): 'x' is a number too large to hold");
    }

    @Test
    void aParameterTooLargeToHoldIsRefused() {
        Design design = TestDesigns.start().vector(4).then("drop", "Dropout", "rate", 0.5).output();
        String text = json.write(design).replace("\"rate\" : 0.5", "\"rate\" : -1e999");
        assertThatThrownBy(() -> json.read(text, "f.json")).isInstanceOf(DesignFormatException.class)
                .hasMessage("f.json: nodes[1] (id 'drop'): parameter 'rate' is a number too large to hold");
    }

    @Test
    void messagesQuoteControlCharactersAsEscapes() {
        String text = VALID.replace("\"kind\" : \"Output\"", "\"kind\" : \"Out\\nput\"");
        assertThatThrownBy(() -> json.read(text, "f.json")).hasMessageContaining("unknown layer kind 'Out\\nput'");
    }

    @Test
    void aModelOfUnpairedSurrogatesCannotProduceTwoEqualIds() {
        Map<String, Object> none = Map.of();
        assertThatThrownBy(() -> new Node("a\uD800", "Dense", "A", none, Position.ORIGIN))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Node("a\uDBFF", "Dense", "A", none, Position.ORIGIN))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
