package dev.netwright.app.cli;

import dev.netwright.runtime.compile.DesignCompiler;
import dev.netwright.runtime.compile.DesignErrorsException;
import dev.netwright.runtime.compress.CompressionReport;
import dev.netwright.runtime.compress.MagnitudePruning;
import dev.netwright.runtime.compress.PruningPlan;
import dev.netwright.runtime.compress.RunPruning;
import dev.netwright.runtime.compress.StructuredPruning;
import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.design.FineTuning;
import dev.netwright.runtime.train.ModelZip;
import dev.netwright.runtime.train.RunEvaluation;
import dev.netwright.runtime.train.RunFailure;
import dev.netwright.runtime.train.RunFolder;
import dev.netwright.runtime.train.RunRequest;
import dev.netwright.runtime.train.RunRequestJson;
import dev.netwright.runtime.train.TrainingEvent;
import dev.netwright.runtime.train.TrainingEvents;
import dev.netwright.runtime.weights.DesignWeights;
import dev.netwright.runtime.weights.WeightsMismatchException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.deeplearning4j.nn.graph.ComputationGraph;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/**
 * Pruning for {@code netwright compress}: a run pruned (magnitude one-shot or gradual, or structured) into a run folder
 * of its own, fine-tuned there by the training worker where asked, with the masks kept ({@link PruningPlan}), then
 * measured beside its parent.
 */
final class PruneCompression {
    /** The design weights a fine-tuning run starts from, in its own folder. */
    static final String START_WEIGHTS = "start" + DesignWeights.SUFFIX;
    /** The smaller design of a structured pruning, in its run folder. */
    static final String STRUCTURED_DESIGN = "design.json";

    /**
     * @param sparsity     the sparsity, or with {@code structured} the share of filters and units removed
     * @param learningRate the fine-tuning rate, or null for the run's own
     */
    record Settings(double sparsity, MagnitudePruning.Scope scope, boolean gradual, boolean structured,
                    int finetuneEpochs, Double learningRate) {
        /** The new run folder's name after the source's, e.g. {@code pruned-90-global-gradual-ft2}. */
        String stem() {
            String name = String.format(Locale.ROOT, "pruned-%s%d", structured ? "structured-" : "",
                    Math.round(sparsity * 100));
            if (!structured) {
                name += "-" + scope.name().toLowerCase(Locale.ROOT) + (gradual ? "-gradual" : "");
            }
            return finetuneEpochs > 0 ? name + "-ft" + finetuneEpochs : name;
        }

        ObjectNode toJson() {
            ObjectNode settings = CompressionReport.newSettings();
            settings.put("sparsity", sparsity);
            if (!structured) {
                settings.put("scope", scope.name().toLowerCase(Locale.ROOT));
                settings.put("schedule", gradual ? "gradual" : "one-shot");
            }
            settings.put("finetuneEpochs", finetuneEpochs);
            if (learningRate != null) {
                settings.put("learningRate", learningRate);
            }
            return settings;
        }
    }

    private final Settings settings;
    private final PrintWriter out;

    PruneCompression(Settings settings, PrintWriter out) {
        this.settings = settings;
        this.out = out;
    }

    CompressionReport compress(RunFolder source, RunFolder target) throws RunFailure, IOException, CliException {
        RunRequest parent = new RunRequestJson().read(source.dir());
        if (settings.structured()) {
            structured(source, target, parent);
        } else if (settings.gradual()) {
            ComputationGraph graph = read(source.model());
            DesignWeights.extract(graph, parent.design()).write(target.dir().resolve(START_WEIGHTS));
            new PruningPlan(settings.sparsity(), settings.scope(), true).write(target.dir());
            fineTune(parent, parent.design(), source, target);
        } else {
            RunPruning.Result pruned = RunPruning.prune(source, target, settings.sparsity(), settings.scope());
            // with its masks, the plan that keeps them: fine-tuning here, or a later train --init-from, holds them
            new PruningPlan(settings.sparsity(), settings.scope(), false).write(target.dir());
            if (settings.finetuneEpochs() > 0) {
                pruned.pruned().weights().write(target.dir().resolve(START_WEIGHTS));
                Files.delete(target.model()); // the fine-tuned model replaces it
                Files.delete(target.dir().resolve(RunRequestJson.FILE_NAME));
                fineTune(parent, parent.design(), source, target);
            } else {
                finishWithoutTraining(target, "Pruned from " + source.dir().toAbsolutePath().normalize());
            }
        }
        return measure(source, target, parent);
    }

    private void structured(RunFolder source, RunFolder target, RunRequest parent)
            throws RunFailure, IOException, CliException {
        Path designFile = target.dir().resolve(STRUCTURED_DESIGN);
        StructuredPruning.Result result = RunPruning.pruneStructured(source, settings.sparsity(), designFile);
        for (StructuredPruning.PrunedNode node : result.pruned()) {
            out.printf(Locale.ROOT, "%-16s %6d -> %d%n", node.node(), node.before(), node.after());
        }
        result.skipped().forEach((node, why) -> out.printf("%-16s not pruned: %s%n", node, why));
        if (settings.finetuneEpochs() > 0) {
            fineTune(parent, result.design(), source, target);
            return;
        }
        RunRequest request = parent.initialisedFrom(result.design(), source.dir().toAbsolutePath().toString());
        ComputationGraph graph;
        try {
            graph = new DesignCompiler().compile(result.design(), request.settings(), request.engine().lstmEngine())
                    .newNetwork();
            result.weights().applyTo(graph, result.design());
        } catch (DesignErrorsException | WeightsMismatchException e) {
            throw new IllegalStateException("a structured pruning's design must compile with its weights", e);
        }
        ModelZip.write(graph, target.model());
        new RunRequestJson().write(request, target.dir());
        finishWithoutTraining(target, "Structured pruning of " + source.dir().toAbsolutePath().normalize());
    }

    /** Trains {@code design} (its weights the starting point) for the fine-tuning epochs in the worker, in {@code target}. */
    private void fineTune(RunRequest parent, Design design, RunFolder source, RunFolder target)
            throws RunFailure, IOException {
        Path start = target.dir().resolve(START_WEIGHTS);
        Design starting = settings.structured() ? design
                : design.withWeights(start.toAbsolutePath().toString());
        RunRequest request = parent.initialisedFrom(starting, source.dir().toAbsolutePath().normalize().toString())
                .withEpochs(settings.finetuneEpochs()).resumingFrom(null, null).withFineTuning(FineTuning.NONE);
        if (settings.learningRate() != null) {
            request = request.withSettings(request.settings().withLearningRate(settings.learningRate()));
        }
        out.printf(Locale.ROOT, "Fine-tuning for %d epoch(s)%s in %s%n", settings.finetuneEpochs(),
                settings.structured() ? "" : ", pruned weights kept at zero"
                        + (settings.gradual() ? " (gradual: the sparsity reached halfway)" : ""),
                target.dir());
        out.flush();
        CompressedRuns.train(request, target, out, "Fine-tuning");
    }

    /** A run folder whose model was made, not trained: evaluated, and its events say it finished. */
    static void finishWithoutTraining(RunFolder target, String note) throws RunFailure, IOException {
        TrainingEvent.Evaluation evaluation = RunEvaluation.evaluateAndSave(target);
        appendEvents(target, new TrainingEvent.Notice(note), evaluation,
                new TrainingEvent.Finished(0, 0, target.model().toString(), note));
    }

    static void appendEvents(RunFolder target, TrainingEvent... events) throws IOException {
        StringBuilder lines = new StringBuilder();
        for (TrainingEvent event : events) {
            lines.append(TrainingEvents.toJsonLine(event)).append('\n');
        }
        Files.writeString(target.events(), lines, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }

    private CompressionReport measure(RunFolder source, RunFolder target, RunRequest parent) throws RunFailure,
            IOException {
        return CompressedRuns.measure(settings.structured() ? CompressionReport.PRUNE_STRUCTURED
                : CompressionReport.PRUNE, settings.toJson(), source, target, parent);
    }

    private static ComputationGraph read(Path model) throws RunFailure {
        return CompressedRuns.read(model);
    }
}
