package dev.netwright.runtime.format;

import dev.netwright.runtime.design.DesignFormatException;
import dev.netwright.runtime.design.Quote;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses a design's JSON text strictly and within bounds, and says what is wrong with text that is not JSON in
 * plain words with its line and column: Jackson's own messages name its classes and settings.
 */
final class JsonSyntax {
    /** A design nests four deep (the top level, its node list, a node, its parameters); deeper text is no design. */
    static final int MAX_DEPTH = 64;
    /** Enough for the largest design file, {@link DesignJson#MAX_FILE_BYTES}, written the way Netwright writes it. */
    static final int MAX_VALUES = 2_000_000;

    private static final StreamReadConstraints LIMITS = StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build();
    private static final String BYTE_ORDER_MARK = "\uFEFF";
    private static final String A_VALUE = "text in double quotes, a number, true, false, null, an object or an array";

    private static final Pattern UNRECOGNIZED_TOKEN = Pattern.compile("(?s)Unrecognized token '(.*)': was expecting.*");
    private static final Pattern NON_STANDARD_TOKEN = Pattern.compile("(?s)Non-standard token '(.*?)'.*");
    private static final Pattern CLOSE_MARKER = Pattern.compile("(?s)Unexpected close marker '(.)': expected '(.)'.*");
    private static final Pattern CONTROL_CHARACTER = Pattern.compile("(?s)Illegal unquoted character \\(\\(CTRL-CHAR, code (\\d+)\\)\\).*");
    private static final Pattern UNEXPECTED_CHARACTER =
            Pattern.compile("(?s)Unexpected character \\((?:'(.+?)' \\(code \\d+[^)]*\\)|\\(CTRL-CHAR, code (\\d+)\\))\\)(.*)");
    private static final Pattern BAD_ESCAPE = Pattern.compile("(?s)Unrecognized character escape '(.+?)' \\(code.*");
    private static final Pattern DUPLICATE_FIELD = Pattern.compile("(?s)Duplicate field '(.*)'.*");

    private final ObjectMapper mapper = JsonMapper.builder(JsonFactory.builder()
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .streamReadConstraints(LIMITS)
                    .build())
            .build();

    /** The JSON value the text holds (null for empty text); refuses text that is not JSON, naming line and column. */
    JsonNode parse(String text, String source) throws DesignFormatException {
        // Some editors start a UTF-8 file with a byte order mark; it is no part of the JSON.
        String json = text.startsWith(BYTE_ORDER_MARK) ? text.substring(1) : text;
        try {
            check(json, source);
            return mapper.readTree(json);
        } catch (JsonProcessingException e) {
            // The check read the same text with the same parser, so this is not expected; say it in words all the same.
            throw notValid(source, e.getLocation() != null ? e.getLocation() : JsonLocation.NA, reason(e), e);
        } catch (IOException e) {
            throw new IllegalStateException("reading text in memory cannot fail", e);
        }
    }

    /**
     * Streams through the text once, building nothing: refuses text that is not JSON, nests too deep, holds more than
     * {@value #MAX_VALUES} values (32 MiB of "{}," would otherwise become about a gigabyte of tree), or goes on
     * after its value.
     */
    private void check(String json, String source) throws DesignFormatException, IOException {
        try (JsonParser parser = mapper.createParser(json)) {
            long values = 0;
            for (JsonToken token = next(parser, source); token != null; token = next(parser, source)) {
                if (token != JsonToken.FIELD_NAME && !token.isStructEnd() && ++values > MAX_VALUES) {
                    JsonLocation at = parser.currentTokenLocation();
                    throw new DesignFormatException(String.format(Locale.ROOT, "%s: too many values at line %d, column %d: "
                                    + "a design file holds at most %,d values (a design of 5,000 layers has about 75,000)",
                            source, at.getLineNr(), at.getColumnNr(), MAX_VALUES));
                }
                if (parser.getParsingContext().inRoot()) {
                    finish(parser, source); // a text value is read lazily: its own errors belong to it, not to what follows
                    requireNothingAfter(parser, source);
                    return;
                }
            }
        }
    }

    private static JsonToken next(JsonParser parser, String source) throws DesignFormatException, IOException {
        try {
            return parser.nextToken();
        } catch (JsonProcessingException e) {
            throw notValid(source, parser, e);
        }
    }

    private static void finish(JsonParser parser, String source) throws DesignFormatException, IOException {
        try {
            parser.finishToken();
        } catch (JsonProcessingException e) {
            throw notValid(source, parser, e);
        }
    }

    private static DesignFormatException notValid(String source, JsonParser parser, JsonProcessingException e) {
        // A broken limit has no location of its own; the parser stands where it broke.
        return notValid(source, e.getLocation() != null ? e.getLocation() : parser.currentLocation(), reason(e), e);
    }

    /** Files are read strictly: whatever follows the design's value, but white space, is an error, not ignored. */
    private static void requireNothingAfter(JsonParser parser, String source) throws DesignFormatException, IOException {
        String end = parser.currentToken() == JsonToken.END_OBJECT ? "the design's closing '}'" : "the JSON value";
        JsonLocation after;
        try {
            if (parser.nextToken() == null) {
                return;
            }
            after = parser.currentTokenLocation();
        } catch (JsonProcessingException e) {
            after = parser.currentTokenLocation(); // where the text that is no JSON starts; Jackson's points at its end
        }
        throw notValid(source, after, "there is more text after " + end, null);
    }

    private static DesignFormatException notValid(String source, JsonLocation at, String reason, Throwable cause) {
        return new DesignFormatException(source + ": not valid JSON at line " + at.getLineNr() + ", column "
                + at.getColumnNr() + ": " + reason, cause);
    }

    /** What is wrong, in words a person who edited the file by hand can act on. */
    static String reason(JsonProcessingException e) {
        String message = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        if (e instanceof StreamConstraintsException) {
            return tooLarge(message);
        }
        if (e instanceof JsonEOFException || message.startsWith("Unexpected end-of-input")) {
            return "the text ends before the JSON is complete";
        }
        Matcher m;
        if ((m = UNRECOGNIZED_TOKEN.matcher(message)).matches() || (m = NON_STANDARD_TOKEN.matcher(message)).matches()) {
            return Quote.text(m.group(1)) + " is not a JSON value (a value is " + A_VALUE + ")";
        }
        if ((m = CLOSE_MARKER.matcher(message)).matches()) {
            return "'" + m.group(1) + "' where '" + m.group(2) + "' should close the " + (m.group(2).equals("]") ? "array" : "object");
        }
        if ((m = CONTROL_CHARACTER.matcher(message)).matches()) {
            return "a text value holds a control character (code " + m.group(1) + "); write it as an escape such as \\n";
        }
        if ((m = BAD_ESCAPE.matcher(message)).matches()) {
            return Quote.text("\\" + m.group(1)) + " is not a JSON escape (a backslash is written \\\\)";
        }
        if ((m = DUPLICATE_FIELD.matcher(message)).matches()) {
            return "the field " + Quote.text(m.group(1)) + " appears twice in one object";
        }
        if (message.startsWith("Invalid numeric value: Leading zeroes")) {
            return "a number cannot start with a zero";
        }
        if (message.startsWith("Invalid numeric value") || message.contains("in numeric value")) {
            return "a number is not written the JSON way";
        }
        if ((m = UNEXPECTED_CHARACTER.matcher(message)).matches()) {
            String found = m.group(1) != null ? Quote.text(m.group(1)) : "a control character (code " + m.group(2) + ")";
            return "unexpected " + found + expected(m.group(3));
        }
        return "this is not JSON";
    }

    private static String expected(String jacksonComment) {
        String comment = jacksonComment.toLowerCase(Locale.ROOT);
        if (comment.contains("double-quote to start field name")) {
            return ": a field name must be in double quotes";
        }
        if (comment.contains("comma to separate object entries")) {
            return ": ',' or '}' should follow a field's value";
        }
        if (comment.contains("comma to separate array entries")) {
            return ": ',' or ']' should follow a value in an array";
        }
        if (comment.contains("colon to separate field name and value")) {
            return ": ':' should follow a field name";
        }
        if (comment.contains("hex-digit for character escape")) {
            return ": a \\u escape needs four hex digits";
        }
        if (comment.contains("expected a value") || comment.contains("expected a valid value")) {
            return ": a value should be here (" + A_VALUE + ")";
        }
        return "";
    }

    private static String tooLarge(String message) {
        if (message.contains("nesting depth")) {
            return "nested more than " + MAX_DEPTH + " levels deep (a design nests four levels)";
        }
        if (message.startsWith("Number value length")) {
            return String.format(Locale.ROOT, "a number has more than %,d digits", LIMITS.getMaxNumberLength());
        }
        if (message.startsWith("String value length")) {
            return String.format(Locale.ROOT, "a text value is longer than %,d characters", LIMITS.getMaxStringLength());
        }
        if (message.startsWith("Name length")) {
            return String.format(Locale.ROOT, "a field name is longer than %,d characters", LIMITS.getMaxNameLength());
        }
        return "the JSON is larger than a design file can be";
    }
}
