package dev.netwright.runtime.codegen;

import dev.netwright.runtime.codegen.PythonSyntax.Place;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The evaluated arguments of one call, read by name or position; every argument read is marked, so that
 * {@link #rejectUnread} can name an option Netwright cannot honour, with its place.
 */
final class KerasArgs {
    /** One argument's value and where it was written. */
    record Arg(KerasValue value, Place place) {
    }

    private final String fileName;
    private final String callee;
    private final List<Arg> positional;
    private final Map<String, Arg> keywords;
    private final Place place;
    private final Set<String> read = new LinkedHashSet<>();
    private int positionalRead;

    KerasArgs(String fileName, String callee, List<Arg> positional, Map<String, Arg> keywords, Place place) {
        this.fileName = fileName;
        this.callee = callee;
        this.positional = List.copyOf(positional);
        this.keywords = new LinkedHashMap<>(keywords);
        this.place = Objects.requireNonNull(place, "place");
    }

    Place place() {
        return place;
    }

    String callee() {
        return callee;
    }

    List<Arg> positional() {
        return positional;
    }

    Map<String, Arg> keywords() {
        return keywords;
    }

    /** The argument given by keyword {@code name} (or one of its aliases) or at {@code position} (-1: keyword only). */
    Arg find(int position, String... names) throws CodeImportException {
        Arg found = null;
        for (String name : names) {
            read.add(name);
            if (keywords.containsKey(name)) {
                found = keywords.get(name);
            }
        }
        if (position >= 0 && position < positional.size()) {
            positionalRead = Math.max(positionalRead, position + 1);
            if (found != null) {
                throw error(found.place(), "found '" + names[0] + "' given twice, expected it once");
            }
            found = positional.get(position);
        }
        return found;
    }

    int integer(int position, String name, int fallback) throws CodeImportException {
        Arg arg = find(position, name);
        return arg == null ? fallback : integerOf(arg, name);
    }

    int integerOf(Arg arg, String name) throws CodeImportException {
        if (arg.value() instanceof KerasValue.Literal l && l.value() instanceof Long n && n >= 0 && n <= Integer.MAX_VALUE) {
            return n.intValue();
        }
        throw error(arg.place(), "found " + KerasValue.describe(arg.value()) + " for '" + name
                + "', expected a whole number");
    }

    double decimal(int position, String name, double fallback, String... aliases) throws CodeImportException {
        String[] names = new String[aliases.length + 1];
        names[0] = name;
        System.arraycopy(aliases, 0, names, 1, aliases.length);
        Arg arg = find(position, names);
        if (arg == null) {
            return fallback;
        }
        if (arg.value() instanceof KerasValue.Literal l && l.value() instanceof java.lang.Number n) {
            return n.doubleValue();
        }
        throw error(arg.place(), "found " + KerasValue.describe(arg.value()) + " for '" + name + "', expected a number");
    }

    boolean flag(int position, String name, boolean fallback) throws CodeImportException {
        Arg arg = find(position, name);
        if (arg == null) {
            return fallback;
        }
        if (arg.value() instanceof KerasValue.Literal l && l.value() instanceof Boolean b) {
            return b;
        }
        throw error(arg.place(), "found " + KerasValue.describe(arg.value()) + " for '" + name + "', expected True or False");
    }

    String text(int position, String name, String fallback) throws CodeImportException {
        Arg arg = find(position, name);
        if (arg == null || arg.value() instanceof KerasValue.Literal l && l.value() == null) {
            return fallback;
        }
        if (arg.value() instanceof KerasValue.Literal l && l.value() instanceof String s) {
            return s;
        }
        throw error(arg.place(), "found " + KerasValue.describe(arg.value()) + " for '" + name + "', expected a string");
    }

    /** Whole numbers given as one number or a tuple or list of them, e.g. {@code 3}, {@code (3, 3)}, {@code (28, 28, 1)}. */
    List<Integer> integers(Arg arg, String name) throws CodeImportException {
        if (arg.value() instanceof KerasValue.Items items) {
            List<Integer> values = new ArrayList<>();
            for (KerasValue item : items.items()) {
                values.add(integerOf(new Arg(item, arg.place()), name));
            }
            return values;
        }
        return List.of(integerOf(arg, name));
    }

    /** An option Keras sets to {@code neutral} by default: accepted when it has that value, an error otherwise. */
    void accept(String name, Object neutral, String why) throws CodeImportException {
        Arg arg = find(-1, name);
        if (arg == null) {
            return;
        }
        Object value = arg.value() instanceof KerasValue.Literal l ? l.value()
                : arg.value() instanceof KerasValue.Items i ? literalList(i) : arg.value();
        if (!Objects.equals(value, neutral)) {
            throw error(arg.place(), "found " + name + "=" + KerasValue.describe(arg.value()) + " on " + callee
                    + ", expected " + (neutral == null ? "None" : neutral instanceof String s ? "'" + s + "'" : neutral)
                    + " or no " + name + ": " + why);
        }
    }

    private static Object literalList(KerasValue.Items items) {
        List<Object> values = new ArrayList<>();
        for (KerasValue item : items.items()) {
            values.add(item instanceof KerasValue.Literal l ? l.value() : item);
        }
        return values;
    }

    /** Fails on any keyword not read and on positional arguments past those read, naming the first and what is read. */
    void rejectUnread() throws CodeImportException {
        if (positional.size() > positionalRead) {
            throw error(positional.get(positionalRead).place(), "found an extra argument to " + callee + ", expected "
                    + (positionalRead == 0 ? "none" : "at most " + positionalRead) + " without a name");
        }
        for (Map.Entry<String, Arg> keyword : keywords.entrySet()) {
            if (!read.contains(keyword.getKey())) {
                throw error(keyword.getValue().place(), "found option '" + keyword.getKey() + "' of " + callee
                        + ", which Netwright has no equivalent for; expected only "
                        + (read.isEmpty() ? "no options" : String.join(", ", read)));
            }
        }
    }

    CodeImportException error(Place at, String problem) {
        return new CodeImportException(fileName, at.line(), at.column(), problem);
    }
}
