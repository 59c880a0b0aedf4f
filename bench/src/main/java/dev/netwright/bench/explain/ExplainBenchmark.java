package dev.netwright.bench.explain;

import dev.netwright.runtime.data.Examples;
import dev.netwright.runtime.explain.ExplainableRun;
import dev.netwright.runtime.explain.Explainer;
import dev.netwright.runtime.explain.GradCam;
import dev.netwright.runtime.explain.IntegratedGradients;
import dev.netwright.runtime.explain.KernelShap;
import dev.netwright.runtime.explain.Lime;
import dev.netwright.runtime.explain.Occlusion;
import dev.netwright.runtime.explain.SmoothGrad;
import dev.netwright.runtime.explain.VanillaGradient;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Issue 20's figures on a trained run: the speed of a prediction and of each method on one input after the model is
 * loaded (median of repeated calls, after a warm-up), and each method's faithfulness on the first N examples of the
 * run's test set: the share of images whose deletion AUC is below the mean of random orderings' (and insertion AUC
 * above), with the mean areas. Beside the wall-clock time, the CPU time of the calling thread: with one OpenMP thread
 * ND4J and oneDNN compute on it, so that figure says what a call costs whatever else the machine runs.
 * Usage: ExplainBenchmark RUN_DIR [--images=200] [--repeats=10] [--methods=gradient,gradcam,gradcam-conv2,...] (the faithfulness part
 * only for those, by the first word of their names; "gradcam-logp" adds the Grad-CAM of before, as a baseline)
 */
public final class ExplainBenchmark {
    private ExplainBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path run = Path.of(args[0]);
        int images = 200;
        int repeats = 10;
        java.util.Set<String> only = null;
        for (String arg : Arrays.copyOfRange(args, 1, args.length)) {
            if (arg.startsWith("--methods=")) {
                only = new java.util.HashSet<>(Arrays.asList(arg.substring(10).split(",")));
            }
            if (arg.startsWith("--images=")) {
                images = Integer.parseInt(arg.substring(9));
            } else if (arg.startsWith("--repeats=")) {
                repeats = Integer.parseInt(arg.substring(10));
            }
        }
        long start = System.nanoTime();
        ExplainableRun loaded = ExplainableRun.open(run);
        System.out.printf(Locale.ROOT, "Loaded %s (model and data) in %.1f s%n%n", run, (System.nanoTime() - start) / 1e9);
        Examples test = loaded.evaluationExamples();
        Map<String, Explainer> methods = new LinkedHashMap<>();
        methods.put("gradient", new VanillaGradient());
        methods.put("smoothgrad (50)", new SmoothGrad());
        methods.put("ig (50 steps)", new IntegratedGradients(50));
        methods.put("gradcam (last conv)", new GradCam(null));
        methods.put("occlusion (4, stride 2)", new Occlusion());
        methods.put("lime (1,000)", new Lime());
        methods.put("shap (1,000)", new KernelShap());
        if (only != null && only.contains("gradcam-logp")) {
            methods.put("gradcam-logp (before)", new LogProbabilityGradCam());
        }
        if (only != null && only.contains("gradcam-conv2")) {
            methods.put("gradcam-conv2 (11×11)", new GradCam("conv2")); // a finer map than the last conv's 3×3
        }

        System.out.println("Speed on one 28×28 test image after loading (median of " + repeats + " calls, after 3 "
                + "warm-up calls; faithfulness curves not included):");
        System.out.println();
        System.out.println("| call | median ms | min ms | median CPU ms |");
        System.out.println("|---|---|---|---|");
        timed("prediction", repeats, () -> loaded.predict(test, 0));
        double[] p = loaded.predict(test, 0);
        int predicted = 0;
        for (int c = 1; c < p.length; c++) {
            predicted = p[c] > p[predicted] ? c : predicted;
        }
        int target = predicted;
        for (Map.Entry<String, Explainer> method : methods.entrySet()) {
            int n = method.getKey().startsWith("lime") || method.getKey().startsWith("shap") ? Math.max(3, repeats / 3)
                    : repeats;
            timed(method.getKey(), n, () -> explainOnly(loaded, method.getValue(), test, target));
        }
        System.out.println();

        int count = Math.min(images, test.size());
        if (only != null) {
            java.util.Set<String> wanted = only;
            methods.keySet().removeIf(k -> !wanted.contains(k.split(" ")[0]));
        }
        Map<String, double[]> sums = new LinkedHashMap<>(); // below, del, rdel, above, ins, rins, n
        methods.keySet().forEach(k -> sums.put(k, new double[7]));
        long faithStart = System.nanoTime();
        for (int i = 0; i < count; i++) {
            for (Map.Entry<String, Explainer> method : methods.entrySet()) {
                ExplainableRun.Explained e = loaded.explain(method.getValue(), test, i, null, Explainer.Progress.NONE);
                double[] s = sums.get(method.getKey());
                s[0] += e.faithfulness().deletionAuc() < e.faithfulness().randomDeletionAuc() ? 1 : 0;
                s[1] += e.faithfulness().deletionAuc();
                s[2] += e.faithfulness().randomDeletionAuc();
                s[3] += e.faithfulness().insertionAuc() > e.faithfulness().randomInsertionAuc() ? 1 : 0;
                s[4] += e.faithfulness().insertionAuc();
                s[5] += e.faithfulness().randomInsertionAuc();
                s[6]++;
            }
            if ((i + 1) % 10 == 0 || i + 1 == count) {
                System.err.printf(Locale.ROOT, "%d/%d images, %.0f s%n", i + 1, count, (System.nanoTime() - faithStart) / 1e9);
                table(sums, i + 1, loaded.evaluationSetName(), System.err);
            }
        }
        table(sums, count, loaded.evaluationSetName(), System.out);
    }

    private static Object explainOnly(ExplainableRun loaded, Explainer explainer, Examples test, int target) {
        try {
            return explainer.explain(loaded.model(), loaded.prepare(test, 0), target, loaded.baseline(), Explainer.Progress.NONE);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void table(Map<String, double[]> sums, int images, String set, java.io.PrintStream out) {
        out.println("Faithfulness on the first " + images + " " + set + " images (class: the predicted one; baseline "
                + "black; 28 steps; random: mean of 5 orderings per image):");
        out.println();
        out.println("| method | deletion AUC below random | mean deletion AUC (random) | insertion AUC above random "
                + "| mean insertion AUC (random) |");
        out.println("|---|---|---|---|---|");
        for (Map.Entry<String, double[]> row : sums.entrySet()) {
            double[] s = row.getValue();
            double n = Math.max(1, s[6]);
            out.printf(Locale.ROOT, "| %s | %.1f %% (%d of %d) | %.3f (%.3f) | %.1f %% | %.3f (%.3f) |%n", row.getKey(),
                    100 * s[0] / n, (int) s[0], (int) s[6], s[1] / n, s[2] / n, 100 * s[3] / n, s[4] / n, s[5] / n);
        }
        out.println();
        out.flush();
    }

    private static void timed(String name, int repeats, java.util.function.Supplier<Object> call) {
        for (int i = 0; i < 3; i++) {
            call.get();
        }
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        double[] ms = new double[repeats];
        double[] cpu = new double[repeats];
        for (int i = 0; i < repeats; i++) {
            long t = System.nanoTime();
            long c = threads.getCurrentThreadCpuTime();
            call.get();
            ms[i] = (System.nanoTime() - t) / 1e6;
            cpu[i] = (threads.getCurrentThreadCpuTime() - c) / 1e6;
        }
        Arrays.sort(ms);
        Arrays.sort(cpu);
        System.out.printf(Locale.ROOT, "| %s | %.1f | %.1f | %.1f |%n", name, ms[repeats / 2], ms[0], cpu[repeats / 2]);
        System.out.flush();
    }
}
