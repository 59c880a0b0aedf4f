package dev.netwright.runtime.format;

import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.design.DesignFormatException;
import dev.netwright.runtime.TestDesigns;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/** Text that is not a design's JSON: refused with the line, the column and the problem in plain words. */
class DesignJsonSyntaxTest {
    private static final String VALID = new DesignJson().write(TestDesigns.start().vector(4).output());
    /** Words of Jackson's messages, or a Java class name (capitalised words run together, as "JsonToken"). */
    private static final String INTERNALS = "(?s).*(com\\.fasterxml|Source:|JsonToken|REDACTED|`|Feature|Exception"
            + "|CTRL-CHAR|' \\(code|\\b[A-Z][a-z]{2,}(?:[A-Z][a-z]{2,})+\\b).*";

    private final DesignJson json = new DesignJson();

    static Stream<Arguments> brokenTexts() {
        String v = VALID;
        return Stream.of(
                broken("truncated", v.substring(0, v.indexOf("\"nodes\"")), "the text ends before the JSON is complete"),
                broken("a bad token", v.replace("\"formatVersion\" : 1", "\"formatVersion\" : tru"), "'tru' is not a JSON value"),
                broken("an unquoted field name", v.replace("\"formatVersion\"", "formatVersion"), "a field name must be in double quotes"),
                broken("a line break inside a string", v.replace("\"name\" : \"test\"", "\"name\" : \"te\nst\""),
                        "a text value holds a control character (code 10)"),
                broken("a bad escape", v.replace("\"test\"", "\"te\\qst\""), "'\\q' is not a JSON escape"),
                broken("a number with 2,000 digits", v.replace("\"formatVersion\" : 1", "\"formatVersion\" : 1" + "0".repeat(2000)),
                        "a number has more than 1,000 digits"),
                broken("NaN", v.replace("\"formatVersion\" : 1", "\"formatVersion\" : NaN"), "'NaN' is not a JSON value"),
                broken("a leading zero", v.replace("\"formatVersion\" : 1", "\"formatVersion\" : 01"), "a number cannot start with a zero"),
                broken("a mismatched bracket", "{ \"nodes\" : [ 1 }", "'}' where ']' should close the array"),
                broken("a missing comma", "{ \"a\" : 1 \"b\" : 2 }", "',' or '}' should follow a field's value"),
                broken("a missing colon", "{ \"a\" 1 }", "':' should follow a field name"),
                broken("a missing value", "{ \"a\" : }", "a value should be here"),
                broken("a repeated field", "{ \"a\" : 1, \"a\" : 2 }", "the field 'a' appears twice in one object"),
                broken("100,000 nested arrays", "[".repeat(100_000), "nested more than 64 levels deep"),
                broken("100,000 nested objects", "{\"a\":".repeat(100_000), "nested more than 64 levels deep"));
    }

    private static Arguments broken(String what, String text, String reason) {
        return Arguments.of(Named.of(what, text), reason);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenTexts")
    void brokenJsonIsRefusedInPlainWordsWithLineAndColumn(String text, String reason) {
        Throwable refusal = catchThrowable(() -> json.read(text, "f.json"));
        assertThat(refusal).isInstanceOf(DesignFormatException.class)
                .hasMessageStartingWith("f.json: not valid JSON at line ")
                .hasMessageMatching("f\\.json: not valid JSON at line \\d+, column \\d+: .*")
                .hasMessageContaining(reason);
        assertThat(refusal.getMessage()).as("no Jackson internals or class names").doesNotMatch(INTERNALS);
        assertThat(refusal.getMessage().length()).isLessThan(300);
    }

    @Test
    void deepNestingInsideAParameterIsRefusedWithoutAStackOverflow() {
        String text = VALID.replace("\"size\" : 4", "\"size\" : " + "[".repeat(100_000) + "]".repeat(100_000));
        assertThatThrownBy(() -> json.read(text, "f.json")).isInstanceOf(DesignFormatException.class)
                .hasMessageContaining("nested more than 64 levels deep");
    }

    @Test
    void millionsOfValuesAreRefusedBeforeTheyAreBuilt() {
        String bomb = "{ \"formatVersion\" : 1, \"nodes\" : [" + "{},".repeat(3_000_000) + "{} ] }";
        assertThatThrownBy(() -> json.read(bomb, "f.json")).isInstanceOf(DesignFormatException.class)
                .hasMessageStartingWith("f.json: too many values at line 1, column ")
                .hasMessageContaining("a design file holds at most 2,000,000 values");
    }

    @Test
    void textAfterTheDesignIsRefusedWithItsPosition() {
        int lines = (int) VALID.lines().count();
        assertThatThrownBy(() -> json.read(VALID + "garbage\n", "f.json")).isInstanceOf(DesignFormatException.class)
                .hasMessage("f.json: not valid JSON at line " + (lines + 1) + ", column 1: there is more text after the design's closing '}'");
        assertThatThrownBy(() -> json.read(VALID + "{}", "f.json"))
                .hasMessage("f.json: not valid JSON at line " + (lines + 1) + ", column 1: there is more text after the design's closing '}'");
    }

    @Test
    void whitespaceAfterTheDesignIsFine() throws Exception {
        assertThat(json.read(VALID + "\n\n  \t\n", "f.json").nodes()).hasSize(2);
    }

    @Test
    void aByteOrderMarkAtTheStartIsSkipped(@TempDir Path dir) throws Exception {
        Design expected = json.read(VALID, "f.json");
        assertThat(json.read("\uFEFF" + VALID, "f.json")).isEqualTo(expected);
        Path file = dir.resolve("bom.netwright.json");
        byte[] text = VALID.getBytes(StandardCharsets.UTF_8);
        byte[] withMark = new byte[text.length + 3];
        withMark[0] = (byte) 0xEF;
        withMark[1] = (byte) 0xBB;
        withMark[2] = (byte) 0xBF;
        System.arraycopy(text, 0, withMark, 3, text.length);
        Files.write(file, withMark);
        assertThat(json.read(file)).isEqualTo(expected);
    }

    @Test
    void invalidUtf8IsNotATextFile(@TempDir Path dir) throws Exception {
        Path file = Files.write(dir.resolve("binary.netwright.json"), new byte[] {'{', (byte) 0xC3, (byte) 0x28, '}'});
        assertThatThrownBy(() -> json.read(file)).hasMessage(file + ": not a text file (invalid UTF-8)");
    }
}
