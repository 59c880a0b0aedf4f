package dev.netwright.runtime.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.netwright.runtime.design.Augmentation;


/**
 * An image augmentation as JSON, the {@code "augmentation"} object of the design file's training settings and of
 * {@code run.json}: {@code {"shift": 2, "flip": true, "rotate": 10, "crop": 4, "erase": 0.25}}. Written only for an
 * augmentation other than none, so that files from before it read and write the same. Read strictly: every setting
 * present, none other; a wrong one is an {@link IllegalArgumentException} that starts with {@value #FIELD} and names
 * the setting.
 */
public final class AugmentationJson {
    /** The field that holds the augmentation. */
    public static final String FIELD = "augmentation";

    private AugmentationJson() {
    }

    public static void write(ObjectNode node, Augmentation augmentation) {
        node.put("shift", augmentation.shift());
        node.put("flip", augmentation.flip());
        node.put("rotate", augmentation.rotate());
        node.put("crop", augmentation.crop());
        node.put("erase", augmentation.erase());
    }

    /** The augmentation in {@code parent}'s {@value #FIELD}, or {@link Augmentation#NONE} where it has none. */
    public static Augmentation readIn(JsonNode parent) {
        return parent.hasNonNull(FIELD) ? read(parent.get(FIELD)) : Augmentation.NONE;
    }

    public static Augmentation read(JsonNode node) {
        StrictObject settings = new StrictObject(FIELD, node, Augmentation.SETTINGS);
        boolean flip = settings.flag("flip");
        try {
            return new Augmentation(settings.whole("shift"), flip, settings.number("rotate"), settings.whole("crop"),
                    settings.number("erase"));
        } catch (IllegalArgumentException e) {
            throw settings.refused(e);
        }
    }
}
