package dev.netwright.runtime.design;

import java.util.Locale;

/** The checks {@link LearningRateSchedule}'s schedules share, with messages naming the value as files spell it. */
final class ScheduleChecks {
    private ScheduleChecks() {
    }

    static void whole(String field, int value, int least, int most) {
        if (value < least || value > most) {
            throw new IllegalArgumentException("'" + field + "' must be a whole number from " + least + " to "
                    + most + ", not " + value);
        }
    }

    /** A factor that lowers the rate: above 0 and below 1. */
    static void factor(String field, double value) {
        if (!(value > 0 && value < 1)) {
            throw new IllegalArgumentException("'" + field + "' must be a number between 0 and 1, not " + value);
        }
    }

    /** A number as the spec writes it: no trailing ".0". */
    static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value)
                : Double.toString(value).toLowerCase(Locale.ROOT);
    }
}
