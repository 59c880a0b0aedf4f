package dev.netwright.runtime.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.netwright.runtime.design.FineTuning;

import java.util.List;

/**
 * Fine-tuning settings as JSON, the {@code "fineTuning"} object of the design file's training settings and of
 * {@code run.json}: {@code {"pretrainedRateFactor": 0.1, "headFirstEpochs": 2, "unfreezeEvery": 0}}. Written only
 * for settings other than {@link FineTuning#NONE}, so that files from before them read and write the same. Read
 * strictly: every setting present, none other; a wrong one is an {@link IllegalArgumentException} that starts with
 * {@value #FIELD} and names the setting.
 */
public final class FineTuningJson {
    /** The field that holds the settings. */
    public static final String FIELD = "fineTuning";
    private static final List<String> SETTINGS = List.of("pretrainedRateFactor", "headFirstEpochs", "unfreezeEvery");

    private FineTuningJson() {
    }

    /** Writes the settings into {@code parent}'s {@value #FIELD}, unless they are {@link FineTuning#NONE}. */
    public static void writeIn(ObjectNode parent, FineTuning tuning) {
        if (tuning.isNone()) {
            return;
        }
        ObjectNode node = parent.putObject(FIELD);
        node.put("pretrainedRateFactor", tuning.pretrainedRateFactor());
        node.put("headFirstEpochs", tuning.headFirstEpochs());
        node.put("unfreezeEvery", tuning.unfreezeEvery());
    }

    /** The settings in {@code parent}'s {@value #FIELD}, or {@link FineTuning#NONE} where it has none. */
    public static FineTuning readIn(JsonNode parent) {
        return parent.hasNonNull(FIELD) ? read(parent.get(FIELD)) : FineTuning.NONE;
    }

    static FineTuning read(JsonNode node) {
        StrictObject settings = new StrictObject(FIELD, node, SETTINGS);
        double factor = settings.number("pretrainedRateFactor");
        try {
            return new FineTuning(factor, settings.whole("headFirstEpochs"), settings.whole("unfreezeEvery"));
        } catch (IllegalArgumentException e) {
            throw settings.refused(e);
        }
    }
}
