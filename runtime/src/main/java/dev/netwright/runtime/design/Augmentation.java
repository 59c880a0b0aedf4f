package dev.netwright.runtime.design;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * How a run changes its training images at random before each minibatch (data augmentation): a random shift of up to
 * {@code shift} pixels in each direction, a horizontal flip of every other image on average, a rotation of up to
 * {@code rotate} degrees either way, a random crop of the image padded by {@code crop} pixels on every side
 * (torchvision's {@code RandomCrop(padding)}), and with probability {@code erase} a rectangle of 2 to 33 % of the
 * image set to 0 (torchvision's {@code RandomErasing}). Uncovered pixels are 0. Validation and test images are never
 * changed. Values are checked when made; a wrong one is an {@link IllegalArgumentException} naming the setting as the
 * file and the command line spell it. {@code data.ImageAugmenter} applies it.
 *
 * @param shift  the most pixels an image moves along each axis; 0 for none
 * @param flip   whether half of the images, drawn at random, are mirrored left to right
 * @param rotate the most degrees an image turns either way; 0 for none
 * @param crop   the padding of the random crop in pixels; 0 for none
 * @param erase  the probability that an image gets a rectangle erased; 0 for never
 */
public record Augmentation(int shift, boolean flip, double rotate, int crop, double erase) {
    /** No augmentation: what runs did before it, and what a design or run file without it means. */
    public static final Augmentation NONE = new Augmentation(0, false, 0, 0, 0);
    /** The settings' names, in the order the spec writes them. */
    public static final List<String> SETTINGS = List.of("shift", "flip", "rotate", "crop", "erase");
    /** The largest shift and crop padding, in pixels. */
    public static final int MAX_PIXELS = 64;
    /** The largest rotation, in degrees. */
    public static final double MAX_DEGREES = 180;

    public Augmentation {
        pixels("shift", shift);
        pixels("crop", crop);
        if (!(rotate >= 0 && rotate <= MAX_DEGREES)) {
            throw new IllegalArgumentException("'rotate' must be a number of degrees from 0 to " + number(MAX_DEGREES)
                    + ", not " + rotate);
        }
        if (!(erase >= 0 && erase <= 1)) {
            throw new IllegalArgumentException("'erase' must be a probability from 0 to 1, not " + erase);
        }
    }

    /** Whether it changes nothing. */
    public boolean isNone() {
        return equals(NONE);
    }

    public Augmentation withShift(int value) {
        return new Augmentation(value, flip, rotate, crop, erase);
    }

    public Augmentation withFlip(boolean value) {
        return new Augmentation(shift, value, rotate, crop, erase);
    }

    public Augmentation withRotate(double value) {
        return new Augmentation(shift, flip, value, crop, erase);
    }

    public Augmentation withCrop(int value) {
        return new Augmentation(shift, flip, rotate, value, erase);
    }

    public Augmentation withErase(double value) {
        return new Augmentation(shift, flip, rotate, crop, value);
    }

    /** As the command line and the training form write it: {@code shift=2,flip,rotate=10,crop=4,erase=0.25}, or {@code none}. */
    public String spec() {
        List<String> parts = new ArrayList<>();
        if (shift > 0) {
            parts.add("shift=" + shift);
        }
        if (flip) {
            parts.add("flip");
        }
        if (rotate > 0) {
            parts.add("rotate=" + number(rotate));
        }
        if (crop > 0) {
            parts.add("crop=" + crop);
        }
        if (erase > 0) {
            parts.add("erase=" + number(erase));
        }
        return parts.isEmpty() ? "none" : String.join(",", parts);
    }

    @Override
    public String toString() {
        return spec();
    }

    /**
     * Reads a spec: {@code none}, or settings separated by commas in any order, each {@code name=value} except
     * {@code flip}, which stands alone ({@code shift=2,flip,rotate=10,crop=4,erase=0.25}); settings left out are off.
     * A wrong spec is an {@link IllegalArgumentException} that quotes the part that is wrong and says what fits there.
     */
    public static Augmentation parse(String spec) {
        String text = spec == null ? "" : spec.strip();
        if (text.isEmpty()) {
            throw new IllegalArgumentException("the augmentation is empty: write none, or settings such as "
                    + "shift=2,flip,rotate=10,crop=4,erase=0.25");
        }
        if (text.equalsIgnoreCase("none")) {
            return NONE;
        }
        Augmentation result = NONE;
        Set<String> given = new LinkedHashSet<>();
        for (String part : text.split(",", -1)) {
            String item = part.strip();
            if (item.isEmpty()) {
                throw new IllegalArgumentException("an empty setting in " + Quote.text(text)
                        + ": separate the settings with single commas");
            }
            int eq = item.indexOf('=');
            String name = (eq < 0 ? item : item.substring(0, eq)).strip().toLowerCase(Locale.ROOT);
            String value = eq < 0 ? null : item.substring(eq + 1).strip();
            if (name.equals("none")) {
                throw new IllegalArgumentException("'none' cannot be combined with other settings, as in "
                        + Quote.text(text));
            }
            if (!SETTINGS.contains(name)) {
                throw new IllegalArgumentException("unknown augmentation setting " + Quote.text(item)
                        + " (the settings: shift=PIXELS, flip, rotate=DEGREES, crop=PIXELS, erase=PROBABILITY; or none)");
            }
            if (!given.add(name)) {
                throw new IllegalArgumentException("'" + name + "' is given twice in " + Quote.text(text));
            }
            if (name.equals("flip")) {
                if (value != null) {
                    throw new IllegalArgumentException("'flip' takes no value: write flip, not " + Quote.text(item));
                }
                result = result.withFlip(true);
                continue;
            }
            if (value == null || value.isEmpty()) {
                throw new IllegalArgumentException("'" + name + "' needs a value: write " + name + "=" + example(name)
                        + ", not " + Quote.text(item));
            }
            result = switch (name) {
                case "shift" -> result.withShift(whole(name, value));
                case "crop" -> result.withCrop(whole(name, value));
                case "rotate" -> result.withRotate(decimal(name, value));
                case "erase" -> result.withErase(decimal(name, value));
                default -> throw new IllegalStateException(name);
            };
        }
        return result;
    }

    private static String example(String name) {
        return switch (name) {
            case "shift" -> "2";
            case "rotate" -> "10";
            case "crop" -> "4";
            default -> "0.25";
        };
    }

    private static int whole(String name, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + name + "' must be a whole number of pixels, not "
                    + Quote.text(value));
        }
    }

    private static double decimal(String name, String value) {
        try {
            double parsed = Double.parseDouble(value);
            if (Double.isFinite(parsed)) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException("'" + name + "' must be a number, not " + Quote.text(value));
    }

    private static void pixels(String name, int value) {
        if (value < 0 || value > MAX_PIXELS) {
            throw new IllegalArgumentException("'" + name + "' must be a whole number of pixels from 0 to " + MAX_PIXELS
                    + ", not " + value);
        }
    }

    private static String number(double value) {
        return ScheduleChecks.number(value);
    }
}
