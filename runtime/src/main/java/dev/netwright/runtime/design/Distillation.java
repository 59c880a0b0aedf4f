package dev.netwright.runtime.design;

import java.util.Objects;
import java.util.Optional;

/**
 * Knowledge distillation settings of a run: the finished run whose model teaches (its folder), and how the student's
 * loss mixes the labels' cross-entropy with the teacher's softened outputs:
 * {@code α·CE(labels) + (1−α)·T²·KL(teacher ‖ student at temperature T)}.
 *
 * @param teacherRun  the teacher's run folder, as the user named it
 * @param alpha       the labels' share of the loss, from 0 (the teacher's targets alone) to 1 (the labels alone)
 * @param temperature how much the teacher's and the student's outputs are softened; above 0 (1 leaves them alone)
 */
public record Distillation(String teacherRun, double alpha, double temperature) {
    public static final double DEFAULT_ALPHA = 0.5;
    public static final double DEFAULT_TEMPERATURE = 4.0;
    /** The highest temperature taken: beyond it the softened outputs are uniform to float precision. */
    public static final double MAX_TEMPERATURE = 100;

    /** Checks every value; a wrong one is an {@link IllegalArgumentException} naming the setting as the files do. */
    public Distillation {
        Objects.requireNonNull(teacherRun, "teacherRun");
        if (teacherRun.isBlank()) {
            throw new IllegalArgumentException("'teacherRun' must name the teacher's run folder");
        }
        requireValid(alpha, temperature);
    }

    /** Refuses α outside [0, 1] or a temperature outside (0, {@value #MAX_TEMPERATURE}], naming the setting. */
    public static void requireValid(double alpha, double temperature) {
        describeProblem(alpha, temperature).ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        });
    }

    /** What is wrong with α and T, in the files' words; empty when both are fine. */
    public static Optional<String> describeProblem(double alpha, double temperature) {
        if (!(alpha >= 0 && alpha <= 1)) {
            return Optional.of("'alpha' must be a number from 0 to 1 (the labels' share of the loss), not " + alpha);
        }
        if (!(temperature > 0 && temperature <= MAX_TEMPERATURE)) {
            return Optional.of("'temperature' must be a number above 0 and at most " + (int) MAX_TEMPERATURE
                    + ", such as 4, not " + temperature);
        }
        return Optional.empty();
    }

    public Distillation withAlpha(double value) {
        return new Distillation(teacherRun, value, temperature);
    }

    public Distillation withTemperature(double value) {
        return new Distillation(teacherRun, alpha, value);
    }

    public Distillation withTeacherRun(String value) {
        return new Distillation(value, alpha, temperature);
    }
}
