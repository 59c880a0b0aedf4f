package dev.netwright.app.cli;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Seeded mutations of files, the way careless editing, broken transfers and hostile authors change them: for text,
 * edits that keep it looking like JSON (extreme numbers, other strings, fragments, cut spans); for binary files,
 * flipped, cut, repeated and extreme bytes. The same seed gives the same mutants, so a failure can be replayed.
 */
final class Mutator {
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?");
    private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"");
    private static final List<String> NUMBERS = List.of("0", "-1", "1", "1e400", "-1e400", "1e-400", "2147483647",
            "2147483648", "99999999999999999999", "4096", "65536", "1000000", "1.5", "-0", "NaN", "Infinity", "0x10",
            "007", "1e9", "3.4028235e38");
    private static final List<String> STRINGS = List.of("\"\"", "\" \"", "\"\\uD800\"", "\"\\u0000\"", "\"Dense\"",
            "\"Conv2D\"", "\"Input\"", "\"Output\"", "\"Concat\"", "\"Add\"", "\"LSTM\"", "\"Flatten\"",
            "\"TransformerEncoderBlock\"", "\"input\"", "\"output\"", "\"in\"", "\"out\"", "\"image\"", "\"sequence\"",
            "\"vector\"", "\"../../../etc/passwd\"", "\"csv:/dev/zero\"", "\"idx:/proc\"", "\"images:/\"",
            "\"" + "x".repeat(300) + "\"", "\"\u00e9\u4e2d\ud83d\ude00\"", "\"relu\"", "\"same\"", "\"max\"");
    private static final List<String> FRAGMENTS = List.of("{}", "[]", "null", "true", "\"x\" : 1,", "\"params\" : {},",
            "{ \"id\" : \"extra\", \"kind\" : \"Dense\" },", "{ \"from\" : \"input\", \"to\" : \"input\" },", ",", ":",
            "\"", "\\", "\n", "\uFEFF", "[[[[[[[[[[", "}}}}", "\"formatVersion\" : 2,", "\"data\" : { \"source\" : \"csv:/dev/stdin\" },");
    private static final String CHARACTERS = "{}[]\":,.-+eE0123456789 \n\tabcxyz\\/\u00e9\u0000";

    private final Random random;

    Mutator(long seed) {
        random = new Random(seed);
    }

    int nextInt(int bound) {
        return random.nextInt(bound);
    }

    /** One to three edits of a JSON text. */
    String mutateText(String text) {
        String result = text;
        int edits = 1 + random.nextInt(3);
        for (int i = 0; i < edits; i++) {
            result = editText(result);
        }
        return result;
    }

    private String editText(String text) {
        if (text.isEmpty()) {
            return pick(FRAGMENTS);
        }
        int at = random.nextInt(text.length());
        return switch (random.nextInt(10)) {
            case 0 -> text.substring(0, at) + CHARACTERS.charAt(random.nextInt(CHARACTERS.length())) + text.substring(Math.min(text.length(), at + 1));
            case 1 -> text.substring(0, at) + text.substring(Math.min(text.length(), at + 1 + random.nextInt(40)));
            case 2 -> {
                int end = Math.min(text.length(), at + 1 + random.nextInt(200));
                yield text.substring(0, end) + text.substring(at, end) + text.substring(end);
            }
            case 3 -> text.substring(0, at);
            case 4 -> replaceOne(text, NUMBER, NUMBERS);
            case 5 -> replaceOne(text, STRING, STRINGS);
            case 6 -> text.substring(0, at) + pick(FRAGMENTS) + text.substring(at);
            case 7 -> text + pick(FRAGMENTS);
            case 8 -> "\uFEFF" + text;
            default -> swapLines(text);
        };
    }

    private String replaceOne(String text, Pattern pattern, List<String> replacements) {
        Matcher m = pattern.matcher(text);
        int count = 0;
        while (m.find()) {
            count++;
        }
        if (count == 0) {
            return text;
        }
        int target = random.nextInt(count);
        m.reset();
        for (int i = 0; m.find(); i++) {
            if (i == target) {
                return text.substring(0, m.start()) + pick(replacements) + text.substring(m.end());
            }
        }
        return text;
    }

    private String swapLines(String text) {
        String[] lines = text.split("\n", -1);
        if (lines.length < 2) {
            return text;
        }
        int a = random.nextInt(lines.length);
        int b = random.nextInt(lines.length);
        String t = lines[a];
        lines[a] = lines[b];
        lines[b] = t;
        return String.join("\n", lines);
    }

    /** One to three edits of a binary file; {@code header} bytes at the start are hit more often. */
    byte[] mutateBytes(byte[] bytes, int header) {
        byte[] result = bytes;
        int edits = 1 + random.nextInt(3);
        for (int i = 0; i < edits; i++) {
            result = editBytes(result, header);
        }
        return result;
    }

    private byte[] editBytes(byte[] bytes, int header) {
        if (bytes.length == 0) {
            return new byte[] {(byte) random.nextInt(256)};
        }
        int span = random.nextBoolean() && header > 0 ? Math.min(header, bytes.length) : bytes.length;
        int at = random.nextInt(span);
        byte[] out;
        switch (random.nextInt(6)) {
            case 0 -> {
                out = bytes.clone();
                out[at] = (byte) random.nextInt(256);
            }
            case 1 -> {
                out = bytes.clone();
                out[at] = (byte) (random.nextBoolean() ? 0xff : 0x7f);
            }
            case 2 -> out = java.util.Arrays.copyOf(bytes, at);
            case 3 -> {
                out = java.util.Arrays.copyOf(bytes, bytes.length + 1 + random.nextInt(64));
                for (int i = bytes.length; i < out.length; i++) {
                    out[i] = (byte) random.nextInt(256);
                }
            }
            case 4 -> {
                out = bytes.clone();
                out[at] ^= (byte) (1 << random.nextInt(8));
            }
            default -> {
                int len = Math.min(bytes.length - at, 1 + random.nextInt(16));
                out = new byte[bytes.length - len];
                System.arraycopy(bytes, 0, out, 0, at);
                System.arraycopy(bytes, at + len, out, at, bytes.length - at - len);
            }
        }
        return out;
    }

    String mutateText(byte[] utf8) {
        return mutateText(new String(utf8, StandardCharsets.UTF_8));
    }

    private <T> T pick(List<T> items) {
        return items.get(random.nextInt(items.size()));
    }
}
