package dev.netwright.runtime.codegen;

import java.util.List;

/** The parsed form of the Python that Keras model code is written in: expressions and simple statements. */
final class PythonSyntax {
    private PythonSyntax() {
    }

    /** Where a construct starts, for messages. */
    record Place(int line, int column) {
        static Place of(PythonToken token) {
            return new Place(token.line(), token.column());
        }
    }

    /** An expression; every kind knows where it starts. */
    sealed interface Expr permits Name, Attribute, Call, Number, Text, Constant, Sequence, Dict, Operation, Subscript,
            Lambda {
        Place place();
    }

    record Name(String id, Place place) implements Expr {
    }

    record Attribute(Expr target, String name, Place place) implements Expr {
    }

    /** A call with positional arguments and keyword arguments in the order written. */
    record Call(Expr function, List<Expr> args, List<Keyword> keywords, Place place) implements Expr {
    }

    record Keyword(String name, Expr value, Place place) {
    }

    /** An int or float literal; {@code text} as written. */
    record Number(java.lang.Number value, String text, Place place) implements Expr {
    }

    record Text(String value, Place place) implements Expr {
    }

    /** True, False, None or the ellipsis. */
    record Constant(String name, Place place) implements Expr {
    }

    /** A tuple or a list. */
    record Sequence(List<Expr> items, boolean tuple, Place place) implements Expr {
    }

    record Dict(List<Expr> keys, List<Expr> values, Place place) implements Expr {
    }

    /** A unary or binary operation (arithmetic, comparison, boolean, conditional); operands in order. */
    record Operation(String operator, List<Expr> operands, Place place) implements Expr {
    }

    /** {@code target[index]}; slices are operations named ':'. */
    record Subscript(Expr target, Expr index, Place place) implements Expr {
    }

    record Lambda(Place place) implements Expr {
    }

    /** A statement the reader acts on. */
    sealed interface Statement permits Assign, ExprStatement, Block, Import {
        Place place();
    }

    /** {@code a = b = value}, or an augmented assignment (operator {@code +=} and so on). */
    record Assign(List<Expr> targets, String operator, Expr value, Place place) implements Statement {
    }

    record ExprStatement(Expr expr, Place place) implements Statement {
    }

    /**
     * A compound statement: its keyword ({@code def}, {@code class}, {@code with}, {@code if} ...), the name it defines
     * (def and class), the body's statements where the body is read (with), and the names the body mentions.
     */
    record Block(String keyword, String name, List<Statement> body, List<Name> mentioned, Place place)
            implements Statement {
    }

    /** An import: the names it binds and, for each, the dotted path it stands for (e.g. tensorflow.keras.layers). */
    record Import(List<String> names, List<String> paths, Place place) implements Statement {
    }
}
