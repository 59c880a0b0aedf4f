package dev.netwright.runtime.sweep;

import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.design.Node;
import dev.netwright.runtime.layers.ParamSpec;
import dev.netwright.runtime.layers.ParamType;
import dev.netwright.runtime.train.RunRequest;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * One axis of a sweep: a training setting ({@code lr}) or a node's parameter ({@code dense1.units}), with its values.
 * Exactly one of {@code setting} and ({@code nodeId}, {@code param}) is set.
 *
 * @param name the name as written, e.g. {@code lr} or {@code dense1.units}; a trial's settings are keyed by it
 * @param spec the values as written, e.g. {@code 1e-4..1e-2:log}
 */
public record SweepDimension(String name, String spec, SweepValues values, SweepSetting setting, String nodeId,
                             ParamSpec param) {
    public SweepDimension {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(values, "values");
        if ((setting == null) == (param == null)) {
            throw new IllegalArgumentException(name + ": a dimension is a setting or a node parameter");
        }
    }

    /** Whether it varies a node's parameter rather than a training setting. */
    public boolean isNodeParam() {
        return param != null;
    }

    /** A value as written, typed as the setting or parameter holds it; wrong ones are refused naming the dimension. */
    public Object typed(String text) {
        if (setting != null) {
            return setting.typed(text);
        }
        Object value = param.parse(text).orElseThrow(() -> new IllegalArgumentException(
                name + ": '" + text.strip() + "' is not " + param.type().inWords()));
        param.problemWith(value).ifPresent(problem -> {
            throw new IllegalArgumentException(name + ": " + problem);
        });
        return value;
    }

    /** A number from a range as the setting or parameter holds it. */
    Object fromNumber(double value) {
        if (setting != null) {
            return setting.fromNumber(value);
        }
        return param.type() == ParamType.INT ? (Object) (int) Math.round(value) : (Object) value;
    }

    /** Whether ranges make sense here (numbers). */
    boolean takesRanges() {
        return setting != null ? setting.takesRanges() : param.type() == ParamType.INT || param.type() == ParamType.DOUBLE;
    }

    /** Every value of a grid, in order; a range without a count is refused. */
    public List<Object> gridValues() {
        List<Object> out = new ArrayList<>();
        if (values instanceof SweepValues.Listed listed) {
            listed.texts().forEach(text -> out.add(typed(text)));
        } else {
            for (double point : ((SweepValues.Range) values).points(name)) {
                Object value = fromNumber(point);
                if (!out.contains(value)) { // whole numbers from a fine range can repeat
                    out.add(value);
                }
            }
        }
        return out;
    }

    /** A value drawn at random: one of the listed values, or a number from the range. */
    public Object draw(SplittableRandom random) {
        if (values instanceof SweepValues.Listed listed) {
            return typed(listed.texts().get(random.nextInt(listed.texts().size())));
        }
        return fromNumber(((SweepValues.Range) values).draw(random.nextDouble()));
    }

    /** The run's request with this dimension's {@code value} in it (the design's node changed, or the setting). */
    public RunRequest applyTo(RunRequest request, Object value) {
        if (setting != null) {
            return setting.apply(request, value);
        }
        Design design = request.design();
        Node node = design.requireNode(nodeId);
        return request.initialisedFrom(design.withNode(node.withParam(param.name(), value)), request.initFrom());
    }
}
