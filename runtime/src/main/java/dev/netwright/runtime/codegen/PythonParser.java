package dev.netwright.runtime.codegen;

import dev.netwright.runtime.codegen.PythonSyntax.Assign;
import dev.netwright.runtime.codegen.PythonSyntax.Block;
import dev.netwright.runtime.codegen.PythonSyntax.Expr;
import dev.netwright.runtime.codegen.PythonSyntax.ExprStatement;
import dev.netwright.runtime.codegen.PythonSyntax.Import;
import dev.netwright.runtime.codegen.PythonSyntax.Keyword;
import dev.netwright.runtime.codegen.PythonSyntax.Name;
import dev.netwright.runtime.codegen.PythonSyntax.Operation;
import dev.netwright.runtime.codegen.PythonSyntax.Place;
import dev.netwright.runtime.codegen.PythonSyntax.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A recursive-descent parser for the Python that Keras model code is written in: imports, assignments, expression
 * statements and Python's expressions (calls, attributes, tuples, lists, dicts, arithmetic, subscripts). Compound
 * statements are kept as blocks whose bodies the reader skips, except {@code with}, whose body it reads.
 * Not a Python interpreter: it checks what it parses, and no more.
 */
final class PythonParser {
    private static final Set<String> BLOCK_KEYWORDS = Set.of("def", "class", "if", "elif", "else", "for", "while",
            "with", "try", "except", "finally", "async", "match", "case");
    private static final Set<String> SKIPPED_KEYWORDS = Set.of("pass", "return", "raise", "del", "global", "nonlocal",
            "assert", "break", "continue", "yield");
    private static final Set<String> AUGMENTED = Set.of("+=", "-=", "*=", "/=", "//=", "%=", "**=", "&=", "|=", "^=",
            "@=", ">>=", "<<=");
    private static final Set<String> COMPARISONS = Set.of("<", ">", "==", ">=", "<=", "!=", "in", "is", "not");
    private static final Set<String> RESERVED = Set.of("and", "or", "not", "in", "is", "if", "else", "for", "lambda",
            "import", "from", "def", "class", "return", "while", "with", "as", "pass");

    private final String fileName;
    private final List<PythonToken> tokens;
    private int at;

    private PythonParser(String fileName, List<PythonToken> tokens) {
        this.fileName = fileName;
        this.tokens = tokens;
    }

    static List<Statement> parse(String fileName, String source) throws CodeImportException {
        PythonParser parser = new PythonParser(fileName, PythonTokenizer.tokenize(fileName, source));
        return parser.statements(0);
    }

    /** Statements up to the end, or up to a line indented no deeper than {@code outerColumn} (0: the whole file). */
    private List<Statement> statements(int outerColumn) throws CodeImportException {
        List<Statement> statements = new ArrayList<>();
        while (peek().type() != PythonToken.Type.END && !(outerColumn > 0 && peek().column() <= outerColumn)) {
            if (peek().type() == PythonToken.Type.NEWLINE) {
                next();
                continue;
            }
            statements.add(statement());
        }
        return statements;
    }

    private Statement statement() throws CodeImportException {
        PythonToken first = peek();
        Place place = Place.of(first);
        if (first.type() == PythonToken.Type.NAME && (first.text().equals("import") || first.text().equals("from"))) {
            return importStatement();
        }
        if (first.type() == PythonToken.Type.NAME && BLOCK_KEYWORDS.contains(first.text())) {
            return block();
        }
        if (first.type() == PythonToken.Type.NAME && SKIPPED_KEYWORDS.contains(first.text()) || first.is("@")) {
            List<Name> mentioned = new ArrayList<>();
            skipLine(mentioned);
            return new Block(first.text(), null, List.of(), mentioned, place);
        }
        Expr target = exprList();
        Statement statement;
        if (peek().is(":") && target instanceof Name) {
            next();
            expr();
            if (!peek().is("=")) {
                endOfStatement();
                return new ExprStatement(target, place);
            }
        }
        if (peek().is("=")) {
            List<Expr> targets = new ArrayList<>();
            targets.add(target);
            Expr value = null;
            while (peek().is("=")) {
                next();
                value = peek().type() == PythonToken.Type.NAME && peek().text().equals("yield") ? skipExpr() : exprList();
                if (peek().is("=")) {
                    targets.add(value);
                }
            }
            statement = new Assign(targets, "=", value, place);
        } else if (peek().type() == PythonToken.Type.OP && AUGMENTED.contains(peek().text())) {
            String operator = next().text();
            statement = new Assign(List.of(target), operator, exprList(), place);
        } else {
            statement = new ExprStatement(target, place);
        }
        endOfStatement();
        return statement;
    }

    private void endOfStatement() throws CodeImportException {
        if (peek().is(";")) {
            next();
            if (peek().type() == PythonToken.Type.NEWLINE) {
                next();
            }
            return;
        }
        if (peek().type() == PythonToken.Type.END) {
            return;
        }
        if (peek().type() != PythonToken.Type.NEWLINE) {
            throw error(peek(), "an operator, ',' or the end of the statement");
        }
        next();
    }

    private Statement importStatement() throws CodeImportException {
        PythonToken first = next();
        List<String> names = new ArrayList<>();
        List<String> paths = new ArrayList<>();
        StringBuilder module = new StringBuilder();
        if (first.text().equals("from")) {
            while (peek().type() != PythonToken.Type.NEWLINE && !peek().is("import")) {
                if (peek().type() == PythonToken.Type.END) {
                    throw error(peek(), "'import'");
                }
                module.append(next().text());
            }
            expectName("import");
        }
        boolean fromImport = first.text().equals("from");
        while (peek().type() != PythonToken.Type.NEWLINE && peek().type() != PythonToken.Type.END && !peek().is(";")) {
            PythonToken token = next();
            if (token.is("(") || token.is(")") || token.is(",") || token.is("*")) {
                continue;
            }
            if (token.type() != PythonToken.Type.NAME) {
                throw error(token, "a module or name to import");
            }
            StringBuilder dotted = new StringBuilder(token.text());
            while (peek().is(".")) {
                next();
                dotted.append('.').append(expectIdentifier("a name after '.'").text());
            }
            String bound = fromImport ? dotted.toString() : dotted.toString().split("\\.")[0];
            String path = fromImport ? module + "." + dotted : bound;
            if (peek().is("as")) {
                next();
                bound = expectIdentifier("a name after 'as'").text();
                path = fromImport ? path : dotted.toString();
            }
            names.add(bound);
            paths.add(path);
        }
        endOfStatement();
        return new Import(names, paths, Place.of(first));
    }

    private Statement block() throws CodeImportException {
        PythonToken keyword = next();
        String name = null;
        if ((keyword.text().equals("def") || keyword.text().equals("class")) && peek().type() == PythonToken.Type.NAME) {
            name = peek().text();
        }
        List<Name> mentioned = new ArrayList<>();
        int depth = 0;
        while (!(depth == 0 && peek().is(":"))) {
            PythonToken token = next();
            if (token.type() == PythonToken.Type.NEWLINE || token.type() == PythonToken.Type.END) {
                throw error(token, "':' to end the '" + keyword.text() + "' line");
            }
            depth += token.is("(") || token.is("[") || token.is("{") ? 1 : token.is(")") || token.is("]") || token.is("}") ? -1 : 0;
            mention(token, mentioned);
        }
        next();
        List<Statement> body = List.of();
        if (peek().type() == PythonToken.Type.NEWLINE) {
            next();
            if (peek().type() == PythonToken.Type.END || peek().column() <= keyword.column()) {
                throw error(peek(), "an indented block after the '" + keyword.text() + "' line");
            }
            if (keyword.text().equals("with")) {
                body = statements(keyword.column());
            } else {
                while (peek().type() != PythonToken.Type.END && !(peek().lineStart() && peek().column() <= keyword.column())) {
                    mention(next(), mentioned);
                }
            }
        } else if (keyword.text().equals("with")) {
            body = List.of(statement());
        } else {
            skipLine(mentioned);
        }
        return new Block(keyword.text(), name, body, mentioned, Place.of(keyword));
    }

    private void skipLine(List<Name> mentioned) {
        while (peek().type() != PythonToken.Type.NEWLINE && peek().type() != PythonToken.Type.END) {
            mention(next(), mentioned);
        }
        if (peek().type() == PythonToken.Type.NEWLINE) {
            next();
        }
    }

    private static void mention(PythonToken token, List<Name> mentioned) {
        if (token.type() == PythonToken.Type.NAME) {
            mentioned.add(new Name(token.text(), Place.of(token)));
        }
    }

    private Expr skipExpr() throws CodeImportException {
        PythonToken start = next();
        while (peek().type() != PythonToken.Type.NEWLINE && peek().type() != PythonToken.Type.END) {
            next();
        }
        return new Operation("yield", List.of(), Place.of(start));
    }

    /** One expression, or several separated by commas (a tuple without brackets). */
    private Expr exprList() throws CodeImportException {
        Place place = Place.of(peek());
        Expr first = starred();
        if (!peek().is(",")) {
            return first;
        }
        List<Expr> items = new ArrayList<>(List.of(first));
        while (peek().is(",")) {
            next();
            if (!startsExpression(peek())) {
                break;
            }
            items.add(starred());
        }
        return new PythonSyntax.Sequence(items, true, place);
    }

    private Expr starred() throws CodeImportException {
        if (peek().is("*") || peek().is("**")) {
            PythonToken star = next();
            return new Operation(star.text(), List.of(orTest()), Place.of(star));
        }
        return expr();
    }

    private Expr expr() throws CodeImportException {
        if (peek().is("lambda")) {
            PythonToken lambda = next();
            while (!peek().is(":")) {
                if (peek().type() == PythonToken.Type.NEWLINE || peek().type() == PythonToken.Type.END) {
                    throw error(peek(), "':' in the lambda");
                }
                next();
            }
            next();
            expr();
            return new PythonSyntax.Lambda(Place.of(lambda));
        }
        Expr value = orTest();
        if (peek().is("if")) {
            next();
            Expr condition = orTest();
            expectName("else");
            return new Operation("if", List.of(value, condition, expr()), value.place());
        }
        return value;
    }

    private Expr orTest() throws CodeImportException {
        Expr left = andTest();
        while (peek().is("or")) {
            next();
            left = new Operation("or", List.of(left, andTest()), left.place());
        }
        return left;
    }

    private Expr andTest() throws CodeImportException {
        Expr left = notTest();
        while (peek().is("and")) {
            next();
            left = new Operation("and", List.of(left, notTest()), left.place());
        }
        return left;
    }

    private Expr notTest() throws CodeImportException {
        if (peek().is("not")) {
            PythonToken not = next();
            return new Operation("not", List.of(notTest()), Place.of(not));
        }
        Expr left = binary(0);
        while (COMPARISONS.contains(peek().text()) && peek().type() != PythonToken.Type.STRING) {
            String operator = next().text();
            if (peek().is("not") || peek().is("in")) {
                operator += " " + next().text();
            }
            left = new Operation(operator, List.of(left, binary(0)), left.place());
        }
        return left;
    }

    private static final List<Set<String>> LEVELS = List.of(Set.of("|"), Set.of("^"), Set.of("&"), Set.of("<<", ">>"),
            Set.of("+", "-"), Set.of("*", "/", "//", "%", "@"));

    private Expr binary(int level) throws CodeImportException {
        if (level == LEVELS.size()) {
            return factor();
        }
        Expr left = binary(level + 1);
        while (peek().type() == PythonToken.Type.OP && LEVELS.get(level).contains(peek().text())) {
            String operator = next().text();
            left = new Operation(operator, List.of(left, binary(level + 1)), left.place());
        }
        return left;
    }

    private Expr factor() throws CodeImportException {
        if (peek().is("-") || peek().is("+") || peek().is("~")) {
            PythonToken sign = next();
            Expr operand = factor();
            if (sign.is("-") && operand instanceof PythonSyntax.Number n) {
                java.lang.Number negated = n.value() instanceof Long l ? (java.lang.Number) (-l) : -n.value().doubleValue();
                return new PythonSyntax.Number(negated, "-" + n.text(), Place.of(sign));
            }
            return new Operation("unary" + sign.text(), List.of(operand), Place.of(sign));
        }
        Expr base = primary();
        if (peek().is("**")) {
            next();
            return new Operation("**", List.of(base, factor()), base.place());
        }
        return base;
    }

    private Expr primary() throws CodeImportException {
        Expr value = atom();
        while (true) {
            if (peek().is(".")) {
                next();
                PythonToken name = expectIdentifier("a name after '.'");
                value = new PythonSyntax.Attribute(value, name.text(), Place.of(name));
            } else if (peek().is("(")) {
                value = call(value, next());
            } else if (peek().is("[")) {
                PythonToken open = next();
                Expr index = subscript();
                expect("]", "']' to close the '[' at line " + open.line() + ", column " + open.column());
                value = new PythonSyntax.Subscript(value, index, Place.of(open));
            } else {
                return value;
            }
        }
    }

    private Expr call(Expr function, PythonToken open) throws CodeImportException {
        List<Expr> args = new ArrayList<>();
        List<Keyword> keywords = new ArrayList<>();
        while (!peek().is(")")) {
            if (!startsExpression(peek()) && !peek().is("*") && !peek().is("**")) {
                throw error(peek(), args.isEmpty() && keywords.isEmpty() ? "an argument or ')'" : "an argument");
            }
            PythonToken start = peek();
            if (start.type() == PythonToken.Type.NAME && peekAt(1).is("=")) {
                next();
                next();
                keywords.add(new Keyword(start.text(), expr(), Place.of(start)));
            } else {
                Expr arg = starred();
                if (peek().is("for")) {
                    arg = skipComprehension(arg, ")");
                }
                if (!keywords.isEmpty() && !(arg instanceof Operation op && op.operator().startsWith("*"))) {
                    throw new CodeImportException(fileName, start.line(), start.column(),
                            "found a positional argument after a keyword argument, expected 'name=value'");
                }
                args.add(arg);
            }
            if (peek().is(",")) {
                next();
            } else if (!peek().is(")")) {
                throw error(peek(), "',' or ')' to close the '(' at line " + open.line() + ", column " + open.column());
            }
        }
        next();
        return new PythonSyntax.Call(function, args, keywords, function.place());
    }

    private Expr subscript() throws CodeImportException {
        Place place = Place.of(peek());
        List<Expr> items = new ArrayList<>();
        do {
            if (peek().is(",")) {
                next();
            }
            if (peek().is("]")) {
                break;
            }
            items.add(sliceItem());
        } while (peek().is(","));
        return items.size() == 1 ? items.get(0) : new PythonSyntax.Sequence(items, true, place);
    }

    private Expr sliceItem() throws CodeImportException {
        Place place = Place.of(peek());
        List<Expr> parts = new ArrayList<>();
        boolean slice = false;
        if (!peek().is(":")) {
            parts.add(expr());
        }
        while (peek().is(":")) {
            slice = true;
            next();
            if (!peek().is(":") && !peek().is(",") && !peek().is("]")) {
                parts.add(expr());
            }
        }
        return slice ? new Operation(":", parts, place) : parts.get(0);
    }

    private Expr atom() throws CodeImportException {
        PythonToken token = peek();
        Place place = Place.of(token);
        switch (token.type()) {
            case NUMBER -> {
                next();
                return number(token);
            }
            case STRING -> {
                StringBuilder text = new StringBuilder();
                while (peek().type() == PythonToken.Type.STRING) {
                    text.append(next().text());
                }
                return new PythonSyntax.Text(text.toString(), place);
            }
            case NAME -> {
                if (RESERVED.contains(token.text())) {
                    throw error(token, "an expression");
                }
                next();
                return switch (token.text()) {
                    case "True", "False", "None" -> new PythonSyntax.Constant(token.text(), place);
                    default -> new Name(token.text(), place);
                };
            }
            default -> {
            }
        }
        if (token.is("...")) {
            next();
            return new PythonSyntax.Constant("...", place);
        }
        if (token.is("(") || token.is("[")) {
            next();
            String close = token.is("(") ? ")" : "]";
            List<Expr> items = new ArrayList<>();
            boolean comma = false;
            while (!peek().is(close)) {
                if (!startsExpression(peek()) && !peek().is("*")) {
                    throw error(peek(), items.isEmpty() ? "an expression or '" + close + "'" : "an expression");
                }
                Expr item = starred();
                if (peek().is("for")) {
                    item = skipComprehension(item, close);
                }
                items.add(item);
                if (peek().is(",")) {
                    comma = true;
                    next();
                } else if (!peek().is(close)) {
                    throw error(peek(), "',' or '" + close + "' to close the '" + token.text() + "' at line "
                            + token.line() + ", column " + token.column());
                }
            }
            next();
            if (token.is("(") && items.size() == 1 && !comma) {
                return items.get(0);
            }
            return new PythonSyntax.Sequence(items, token.is("("), place);
        }
        if (token.is("{")) {
            next();
            List<Expr> keys = new ArrayList<>();
            List<Expr> values = new ArrayList<>();
            while (!peek().is("}")) {
                Expr key = peek().is("**") ? starred() : expr();
                keys.add(key);
                if (peek().is(":")) {
                    next();
                    values.add(expr());
                }
                if (peek().is("for")) {
                    skipComprehension(key, "}");
                }
                if (peek().is(",")) {
                    next();
                } else if (!peek().is("}")) {
                    throw error(peek(), "',' or '}' to close the '{' at line " + token.line() + ", column " + token.column());
                }
            }
            next();
            return new PythonSyntax.Dict(keys, values, place);
        }
        throw error(token, "an expression");
    }

    /** Skips {@code for ... in ...} up to the closing bracket, which stays for the caller. */
    private Expr skipComprehension(Expr element, String close) {
        int depth = 0;
        while (!(depth == 0 && peek().is(close))) {
            PythonToken token = next();
            depth += token.is("(") || token.is("[") || token.is("{") ? 1 : token.is(")") || token.is("]") || token.is("}") ? -1 : 0;
        }
        return new Operation("comprehension", List.of(element), element.place());
    }

    private PythonSyntax.Number number(PythonToken token) throws CodeImportException {
        String text = token.text();
        try {
            if (text.endsWith("j") || text.endsWith("J")) {
                throw error(token, "a real number");
            }
            if (text.startsWith("0x") || text.startsWith("0X")) {
                return new PythonSyntax.Number(Long.parseLong(text.substring(2), 16), text, Place.of(token));
            }
            if (text.contains(".") || text.contains("e") || text.contains("E")) {
                return new PythonSyntax.Number(Double.parseDouble(text), text, Place.of(token));
            }
            return new PythonSyntax.Number(Long.parseLong(text), text, Place.of(token));
        } catch (NumberFormatException e) {
            throw error(token, "a number Netwright can hold");
        }
    }

    private static boolean startsExpression(PythonToken token) {
        return switch (token.type()) {
            case NAME -> !RESERVED.contains(token.text()) || token.text().equals("not") || token.text().equals("lambda");
            case NUMBER, STRING -> true;
            case OP -> "([{-+~".contains(token.text()) && token.text().length() == 1 || token.is("...");
            default -> false;
        };
    }

    private PythonToken expect(String op, String expected) throws CodeImportException {
        if (!peek().is(op)) {
            throw error(peek(), expected);
        }
        return next();
    }

    private void expectName(String keyword) throws CodeImportException {
        expect(keyword, "'" + keyword + "'");
    }

    private PythonToken expectIdentifier(String expected) throws CodeImportException {
        if (peek().type() != PythonToken.Type.NAME) {
            throw error(peek(), expected);
        }
        return next();
    }

    private PythonToken peek() {
        return tokens.get(at);
    }

    private PythonToken peekAt(int ahead) {
        return tokens.get(Math.min(at + ahead, tokens.size() - 1));
    }

    private PythonToken next() {
        PythonToken token = tokens.get(at);
        if (at < tokens.size() - 1) {
            at++;
        }
        return token;
    }

    private CodeImportException error(PythonToken found, String expected) {
        return new CodeImportException(fileName, found.line(), found.column(), "found " + found.shown() + ", expected "
                + expected);
    }
}
