package dev.netwright.runtime.codegen;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Splits Python source into tokens: names, numbers, strings (with their prefixes and triple quotes), operators and
 * logical line ends. Comments go; line ends inside brackets and after a backslash go too, as Python joins those
 * lines. A bracket that does not match is an error at that bracket.
 */
final class PythonTokenizer {
    private static final String[] OPERATORS = {"**=", "//=", ">>=", "<<=", "...", "**", "//", "==", "!=", "<=", ">=",
        "->", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "@=", ":=", "<<", ">>"};
    private static final String SINGLE = "()[]{},:.;+-*/%@=<>&|^~";

    private final String fileName;
    private final String source;
    private final List<PythonToken> tokens = new ArrayList<>();
    private final Deque<PythonToken> open = new ArrayDeque<>();
    private int pos;
    private int line = 1;
    private int lineBegin;
    private boolean atLineStart = true;

    private PythonTokenizer(String fileName, String source) {
        this.fileName = fileName;
        this.source = source;
    }

    static List<PythonToken> tokenize(String fileName, String source) throws CodeImportException {
        PythonTokenizer tokenizer = new PythonTokenizer(fileName, source.replace("\r\n", "\n").replace('\r', '\n'));
        tokenizer.run();
        return tokenizer.tokens;
    }

    private void run() throws CodeImportException {
        while (pos < source.length()) {
            char c = source.charAt(pos);
            if (c == '\n') {
                newline();
            } else if (c == ' ' || c == '\t' || c == '\f') {
                pos++;
            } else if (c == '#') {
                while (pos < source.length() && source.charAt(pos) != '\n') {
                    pos++;
                }
            } else if (c == '\\' && pos + 1 < source.length() && source.charAt(pos + 1) == '\n') {
                pos += 2;
                line++;
                lineBegin = pos;
            } else if (stringStart()) {
                string();
            } else if (Character.isDigit(c) || c == '.' && pos + 1 < source.length()
                    && Character.isDigit(source.charAt(pos + 1))) {
                number();
            } else if (Character.isLetter(c) || c == '_') {
                int start = pos;
                while (pos < source.length() && (Character.isLetterOrDigit(source.charAt(pos)) || source.charAt(pos) == '_')) {
                    pos++;
                }
                add(PythonToken.Type.NAME, source.substring(start, pos), start);
            } else {
                operator();
            }
        }
        if (!open.isEmpty()) {
            PythonToken bracket = open.peek();
            throw new CodeImportException(fileName, bracket.line(), bracket.column(), "found '" + bracket.text()
                    + "' that is never closed, expected '" + closing(bracket.text()) + "' before the end of the code");
        }
        if (!tokens.isEmpty() && tokens.get(tokens.size() - 1).type() != PythonToken.Type.NEWLINE) {
            tokens.add(new PythonToken(PythonToken.Type.NEWLINE, "", line, pos - lineBegin + 1, false));
        }
        tokens.add(new PythonToken(PythonToken.Type.END, "", line, pos - lineBegin + 1, tokens.isEmpty()));
    }

    private void newline() {
        if (open.isEmpty() && !tokens.isEmpty() && tokens.get(tokens.size() - 1).type() != PythonToken.Type.NEWLINE) {
            tokens.add(new PythonToken(PythonToken.Type.NEWLINE, "", line, pos - lineBegin + 1, false));
        }
        if (open.isEmpty()) {
            atLineStart = true;
        }
        pos++;
        line++;
        lineBegin = pos;
    }

    private void add(PythonToken.Type type, String text, int start) {
        tokens.add(new PythonToken(type, text, line, start - lineBegin + 1, atLineStart));
        atLineStart = false;
    }

    private boolean stringStart() {
        int i = pos;
        while (i < source.length() && i - pos < 2 && "rRbBuUfF".indexOf(source.charAt(i)) >= 0) {
            i++;
        }
        return i < source.length() && (source.charAt(i) == '\'' || source.charAt(i) == '"');
    }

    private void string() throws CodeImportException {
        int start = pos;
        int startLine = line;
        int startColumn = pos - lineBegin + 1;
        boolean raw = false;
        while ("rRbBuUfF".indexOf(source.charAt(pos)) >= 0) {
            raw |= source.charAt(pos) == 'r' || source.charAt(pos) == 'R';
            pos++;
        }
        char quote = source.charAt(pos);
        boolean triple = source.startsWith(String.valueOf(quote).repeat(3), pos);
        pos += triple ? 3 : 1;
        StringBuilder value = new StringBuilder();
        while (true) {
            if (pos >= source.length() || !triple && source.charAt(pos) == '\n') {
                throw new CodeImportException(fileName, startLine, startColumn,
                        "found a string that is never closed, expected " + (triple ? "three " : "") + quote
                                + " to end it");
            }
            char c = source.charAt(pos);
            if (triple ? source.startsWith(String.valueOf(quote).repeat(3), pos) : c == quote) {
                pos += triple ? 3 : 1;
                break;
            }
            if (c == '\\' && pos + 1 < source.length()) {
                char next = source.charAt(pos + 1);
                value.append(raw ? "\\" + next : switch (next) {
                    case 'n' -> "\n";
                    case 't' -> "\t";
                    case '\n' -> "";
                    default -> String.valueOf(next);
                });
                if (next == '\n') {
                    line++;
                    lineBegin = pos + 2;
                }
                pos += 2;
                continue;
            }
            if (c == '\n') {
                line++;
                lineBegin = pos + 1;
            }
            value.append(c);
            pos++;
        }
        tokens.add(new PythonToken(PythonToken.Type.STRING, value.toString(), startLine, startColumn, atLineStart));
        atLineStart = false;
        if (start == pos) {
            throw new IllegalStateException("empty string token");
        }
    }

    private void number() {
        int start = pos;
        if (source.startsWith("0x", pos) || source.startsWith("0X", pos)) {
            pos += 2;
            while (pos < source.length() && (Character.digit(source.charAt(pos), 16) >= 0 || source.charAt(pos) == '_')) {
                pos++;
            }
        } else {
            digits();
            if (pos < source.length() && source.charAt(pos) == '.') {
                pos++;
                digits();
            }
            if (pos < source.length() && (source.charAt(pos) == 'e' || source.charAt(pos) == 'E')) {
                int mark = pos;
                pos++;
                if (pos < source.length() && (source.charAt(pos) == '+' || source.charAt(pos) == '-')) {
                    pos++;
                }
                if (pos < source.length() && Character.isDigit(source.charAt(pos))) {
                    digits();
                } else {
                    pos = mark;
                }
            }
            if (pos < source.length() && (source.charAt(pos) == 'j' || source.charAt(pos) == 'J')) {
                pos++;
            }
        }
        add(PythonToken.Type.NUMBER, source.substring(start, pos).replace("_", ""), start);
    }

    private void digits() {
        while (pos < source.length() && (Character.isDigit(source.charAt(pos)) || source.charAt(pos) == '_')) {
            pos++;
        }
    }

    private void operator() throws CodeImportException {
        for (String op : OPERATORS) {
            if (source.startsWith(op, pos)) {
                add(PythonToken.Type.OP, op, pos);
                pos += op.length();
                return;
            }
        }
        char c = source.charAt(pos);
        int column = pos - lineBegin + 1;
        if (SINGLE.indexOf(c) < 0) {
            throw new CodeImportException(fileName, line, column, "found the character '" + c
                    + "', expected Python code");
        }
        add(PythonToken.Type.OP, String.valueOf(c), pos);
        pos++;
        PythonToken token = tokens.get(tokens.size() - 1);
        if ("([{".indexOf(c) >= 0) {
            open.push(token);
        } else if (")]}".indexOf(c) >= 0) {
            if (open.isEmpty()) {
                throw new CodeImportException(fileName, line, column, "found '" + c + "' with no bracket open, expected "
                        + "it to close a '" + opening(c) + "'");
            }
            PythonToken bracket = open.pop();
            if (closing(bracket.text()) != c) {
                throw new CodeImportException(fileName, line, column, "found '" + c + "', expected '"
                        + closing(bracket.text()) + "' to close the '" + bracket.text() + "' at line " + bracket.line()
                        + ", column " + bracket.column());
            }
        }
    }

    private static char closing(String bracket) {
        return switch (bracket) {
            case "(" -> ')';
            case "[" -> ']';
            default -> '}';
        };
    }

    private static char opening(char bracket) {
        return switch (bracket) {
            case ')' -> '(';
            case ']' -> '[';
            default -> '{';
        };
    }
}
