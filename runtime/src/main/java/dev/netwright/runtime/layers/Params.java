package dev.netwright.runtime.layers;

import java.util.Map;

/** Typed read access to a node's parameter values, falling back to the kind's defaults. */
public final class Params {
    private final LayerKind kind;
    private final Map<String, Object> values;

    Params(LayerKind kind, Map<String, Object> values) {
        this.kind = kind;
        this.values = values;
    }

    public int getInt(String name) {
        return (Integer) get(name);
    }

    public double getDouble(String name) {
        return (Double) get(name);
    }

    public boolean getBool(String name) {
        return (Boolean) get(name);
    }

    public String getChoice(String name) {
        return (String) get(name);
    }

    private Object get(String name) {
        Object value = values.get(name);
        return value != null ? value : kind.param(name).defaultValue();
    }
}
