package dev.netwright.runtime.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.netwright.runtime.design.Distillation;

import java.util.List;

/**
 * Distillation settings as JSON, the {@code "distillation"} object of {@code run.json} (and of a design's training
 * settings): {@code {"teacherRun": "runs/cnn", "alpha": 0.5, "temperature": 4.0}}. Written only for a run that
 * distils, so that files from before it read and write the same. Read strictly: every setting present, none other;
 * a wrong one is an {@link IllegalArgumentException} that starts with {@value #FIELD} and names the setting.
 */
public final class DistillationJson {
    /** The field that holds the settings. */
    public static final String FIELD = "distillation";
    private static final List<String> SETTINGS = List.of("teacherRun", "alpha", "temperature");

    private DistillationJson() {
    }

    /** Writes the settings into {@code parent}'s {@value #FIELD}, unless there are none (null). */
    public static void writeIn(ObjectNode parent, Distillation distillation) {
        if (distillation == null) {
            return;
        }
        ObjectNode node = parent.putObject(FIELD);
        node.put("teacherRun", distillation.teacherRun());
        node.put("alpha", distillation.alpha());
        node.put("temperature", distillation.temperature());
    }

    /** The settings in {@code parent}'s {@value #FIELD}, or null where it has none. */
    public static Distillation readIn(JsonNode parent) {
        return parent.hasNonNull(FIELD) ? read(parent.get(FIELD)) : null;
    }

    static Distillation read(JsonNode node) {
        StrictObject settings = new StrictObject(FIELD, node, SETTINGS);
        JsonNode teacher = node.get("teacherRun");
        if (teacher == null || !teacher.isTextual()) {
            throw new IllegalArgumentException(FIELD + ": 'teacherRun' must be the teacher's run folder, as text");
        }
        double alpha = settings.number("alpha");
        double temperature = settings.number("temperature");
        try {
            return new Distillation(teacher.asText(), alpha, temperature);
        } catch (IllegalArgumentException e) {
            throw settings.refused(e);
        }
    }
}
