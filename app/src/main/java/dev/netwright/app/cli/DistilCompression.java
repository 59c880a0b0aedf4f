package dev.netwright.app.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.netwright.runtime.compress.CompressionReport;
import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.design.Distillation;
import dev.netwright.runtime.design.FineTuning;
import dev.netwright.runtime.train.RunFailure;
import dev.netwright.runtime.train.RunFolder;
import dev.netwright.runtime.train.RunRequest;
import dev.netwright.runtime.train.RunRequestJson;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * Distillation for {@code netwright compress}: a student design trained in a run folder of its own against the run's
 * model as teacher (with the run's data, optimizer, rate and batch; for {@code epochs} epochs, by default the run's),
 * then measured beside its teacher.
 *
 * @param student      the student design
 * @param studentName  what the user named it (a file or sample:ID), for the report
 * @param distillation the teacher (the run) and the loss's α and T, checked
 * @param epochs       the student's epochs; 0 for as many as the teacher's run had
 */
record DistilCompression(Design student, String studentName, Distillation distillation, int epochs) {
    /** The method's name in compression.json. */
    static final String METHOD = "distil";

    /** The new run folder's name after the source's, e.g. {@code distilled-a0.5-t4}. */
    String stem() {
        return String.format(Locale.ROOT, "distilled-a%s-t%s", trim(distillation.alpha()), trim(distillation.temperature()));
    }

    private static String trim(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    CompressionReport compress(RunFolder source, RunFolder target, PrintWriter out) throws RunFailure, IOException {
        RunRequest parent = new RunRequestJson().read(source.dir());
        int studentEpochs = epochs > 0 ? epochs : parent.epochs();
        RunRequest request = parent.initialisedFrom(student, null).withEpochs(studentEpochs).resumingFrom(null, null)
                .withFineTuning(FineTuning.NONE).withDistillation(distillation);
        out.printf(Locale.ROOT, "Distilling %s from %s for %d epoch(s) (alpha %s, temperature %s) in %s%n", studentName,
                source.dir(), studentEpochs, distillation.alpha(), distillation.temperature(), target.dir());
        out.flush();
        CompressedRuns.train(request, target, out, "Distillation");
        ObjectNode settings = CompressionReport.newSettings();
        settings.put("student", studentName);
        settings.put("alpha", distillation.alpha());
        settings.put("temperature", distillation.temperature());
        settings.put("epochs", studentEpochs);
        return CompressedRuns.measure(METHOD, settings, source, target, parent);
    }
}
