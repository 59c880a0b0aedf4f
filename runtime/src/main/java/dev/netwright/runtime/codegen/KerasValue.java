package dev.netwright.runtime.codegen;

import dev.netwright.runtime.codegen.PythonSyntax.Place;
import java.util.List;

/** What a Python expression stands for while Keras code is read: a literal, a layer, a tensor, a model, or unknown. */
sealed interface KerasValue {
    /** An int (Long), float (Double), string, bool or None (null). */
    record Literal(Object value) implements KerasValue {
    }

    /** A tuple or list. */
    record Items(List<KerasValue> items, boolean tuple) implements KerasValue {
    }

    /** A name or dotted path not bound in the code, such as {@code tf.keras.layers.Dense} or {@code print}. */
    record Ref(String path) implements KerasValue {
        String last() {
            return path.substring(path.lastIndexOf('.') + 1);
        }
    }

    /** A Keras layer made but not yet applied, e.g. {@code layers.Dense(64)}. */
    record Layer(String className, KerasArgs args, Place place) implements KerasValue {
    }

    /** The output of a node of the design being built. */
    record Tensor(String nodeId) implements KerasValue {
    }

    /** A model: a Sequential or a functional Model. */
    record Model(KerasModel model) implements KerasValue {
    }

    /** A method of a model, not yet called, e.g. {@code model.compile}. */
    record Method(KerasModel model, String name, Place place) implements KerasValue {
    }

    /** The result of calling something that is not a layer or model, e.g. an optimizer or a loss; kept for compile. */
    record Invoked(String path, KerasArgs args, Place place) implements KerasValue {
        String last() {
            return path.substring(path.lastIndexOf('.') + 1);
        }
    }

    /** Something not read (data arrays, results of functions the code defines); {@code origin} says what, for messages. */
    record Opaque(String origin) implements KerasValue {
    }

    /** How a value is named in messages. */
    static String describe(KerasValue value) {
        if (value instanceof Literal l) {
            return l.value() == null ? "None" : l.value() instanceof String s ? PythonToken.Quote.python(s)
                    : l.value() instanceof Boolean b ? (b ? "True" : "False") : String.valueOf(l.value());
        }
        if (value instanceof Items i) {
            return i.tuple() ? "a tuple" : "a list";
        }
        if (value instanceof Ref r) {
            return "'" + r.path() + "'";
        }
        if (value instanceof Layer l) {
            return "a " + l.className() + " layer";
        }
        if (value instanceof Tensor) {
            return "a tensor";
        }
        if (value instanceof Model) {
            return "a model";
        }
        if (value instanceof Method m) {
            return "the method '" + m.name() + "'";
        }
        if (value instanceof Invoked i) {
            return "the result of '" + i.path() + "(...)'";
        }
        return ((Opaque) value).origin();
    }
}
