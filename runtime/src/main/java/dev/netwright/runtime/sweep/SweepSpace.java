package dev.netwright.runtime.sweep;

import dev.netwright.runtime.check.CheckResult;
import dev.netwright.runtime.check.Checker;
import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.design.Node;
import dev.netwright.runtime.layers.LayerCatalog;
import dev.netwright.runtime.layers.LayerKind;
import dev.netwright.runtime.layers.ParamSpec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What a sweep varies: its dimensions, read from {@code --param NAME=VALUES} and checked against the design before
 * anything runs. An unknown node or property, a value the property does not take, or a value with which the design
 * check fails (each value tried alone, the design's other values as they are) is refused with a message naming it.
 */
public record SweepSpace(List<SweepDimension> dimensions) {
    public SweepSpace {
        dimensions = List.copyOf(dimensions);
    }

    /** Reads and checks the {@code NAME=VALUES} strings; a problem is an {@link IllegalArgumentException} saying which. */
    public static SweepSpace parse(List<String> params, Design design, LayerCatalog catalog) {
        if (params.isEmpty()) {
            throw new IllegalArgumentException("Name at least one --param NAME=VALUES to sweep, e.g. --param lr=1e-4..1e-2:log");
        }
        Checker checker = new Checker(catalog);
        Map<String, SweepDimension> byName = new LinkedHashMap<>();
        for (String param : params) {
            SweepDimension dimension = dimension(param, design, catalog);
            if (byName.containsKey(dimension.name())) {
                throw new IllegalArgumentException("--param " + dimension.name() + " is given twice");
            }
            checkValues(dimension, design, checker);
            byName.put(dimension.name(), dimension);
        }
        return new SweepSpace(new ArrayList<>(byName.values()));
    }

    /** The dimension with this name, if the space has one. */
    public Optional<SweepDimension> dimension(String name) {
        return dimensions.stream().filter(d -> d.name().equals(name)).findFirst();
    }

    /** The {@code NAME=VALUES} strings it was read from. */
    public List<String> asParams() {
        return dimensions.stream().map(d -> d.name() + "=" + d.spec()).toList();
    }

    private static SweepDimension dimension(String param, Design design, LayerCatalog catalog) {
        int equals = param.indexOf('=');
        if (equals <= 0) {
            throw new IllegalArgumentException("--param '" + param + "': write NAME=VALUES, e.g. lr=1e-4..1e-2:log, "
                    + "batch=32,64 or dense1.units=32,64,128");
        }
        String name = param.substring(0, equals).trim();
        String spec = param.substring(equals + 1).trim();
        Optional<SweepSetting> setting = SweepSetting.named(name);
        if (setting.isPresent()) {
            SweepValues values = SweepValues.parse(name, spec, setting.get().kind() == SweepSetting.Kind.TEXT);
            return requireRangeFits(new SweepDimension(name, spec, values, setting.get(), null, null));
        }
        int dot = name.lastIndexOf('.');
        if (dot <= 0 || dot == name.length() - 1) {
            throw new IllegalArgumentException("--param " + name + ": not a training setting (" + SweepSetting.names()
                    + ") nor a node's property (NODE.PROPERTY, e.g. dense1.units)");
        }
        String nodeId = name.substring(0, dot);
        String property = name.substring(dot + 1);
        Node node = design.node(nodeId).orElseThrow(() -> new IllegalArgumentException("--param " + name
                + ": the design has no node '" + nodeId + "'" + design.closestId(nodeId)
                .map(c -> "; did you mean '" + c + "'?").orElse(".")));
        LayerKind kind = catalog.require(node.kind());
        ParamSpec spec1 = kind.findParam(property).orElseThrow(() -> new IllegalArgumentException("--param " + name
                + ": node '" + nodeId + "' (" + kind.displayName() + ") has no property '" + property + "'; it has "
                + (kind.params().isEmpty() ? "none" : kind.params().stream().map(ParamSpec::name)
                .collect(Collectors.joining(", ")))));
        SweepValues values = SweepValues.parse(name, spec, false);
        return requireRangeFits(new SweepDimension(name, spec, values, null, nodeId, spec1));
    }

    private static SweepDimension requireRangeFits(SweepDimension dimension) {
        if (dimension.values() instanceof SweepValues.Range && !dimension.takesRanges()) {
            throw new IllegalArgumentException("--param " + dimension.name() + ": a range needs numbers; list the values "
                    + "instead, e.g. " + dimension.name() + "=A,B");
        }
        return dimension;
    }

    /** Each value typed and, for a node's property, tried in the design alone; a range by its two ends. */
    private static void checkValues(SweepDimension dimension, Design design, Checker checker) {
        List<Object> values = new ArrayList<>();
        if (dimension.values() instanceof SweepValues.Listed listed) {
            listed.texts().forEach(text -> values.add(dimension.typed(text)));
        } else {
            SweepValues.Range range = (SweepValues.Range) dimension.values();
            for (double end : new double[] {range.low(), range.high()}) {
                Object value = dimension.fromNumber(end);
                values.add(dimension.typed(String.valueOf(value)));
            }
        }
        if (!dimension.isNodeParam()) {
            return;
        }
        Node node = design.requireNode(dimension.nodeId());
        for (Object value : values) {
            CheckResult check = checker.check(design.withNode(node.withParam(dimension.param().name(), value)));
            if (check.hasErrors()) {
                throw new IllegalArgumentException("--param " + dimension.name() + ": with " + value
                        + " the design check fails: " + check.errors().stream()
                        .map(d -> (d.nodeId() == null ? "" : d.nodeId() + ": ") + d.message())
                        .collect(Collectors.joining("; ")));
            }
        }
    }
}
