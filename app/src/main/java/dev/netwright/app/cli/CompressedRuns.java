package dev.netwright.app.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.netwright.runtime.compress.CompressionReport;
import dev.netwright.runtime.compress.InferenceLatency;
import dev.netwright.runtime.compress.ModelSize;
import dev.netwright.runtime.layers.Shape;
import dev.netwright.runtime.layers.kinds.InputKind;
import dev.netwright.runtime.train.ModelFileException;
import dev.netwright.runtime.train.ModelZip;
import dev.netwright.runtime.train.RunEvaluation;
import dev.netwright.runtime.train.RunFailure;
import dev.netwright.runtime.train.RunFolder;
import dev.netwright.runtime.train.RunRequest;
import dev.netwright.runtime.train.TrainingEvent;
import dev.netwright.runtime.train.TrainingEvents;
import dev.netwright.runtime.train.worker.WorkerClient;
import org.deeplearning4j.nn.graph.ComputationGraph;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;

/**
 * What the {@code compress} methods that train share: a run in the training worker, in the compressed run's folder,
 * and the result measured beside its parent (sizes, accuracy on the same data, latency taking turns).
 */
final class CompressedRuns {
    private CompressedRuns() {
    }

    /**
     * Trains {@code request} in the worker in {@code target}, printing its progress; a failed, stopped or interrupted
     * run is a {@link RunFailure} that names {@code what} ("Fine-tuning", "Distillation").
     */
    static void train(RunRequest request, RunFolder target, PrintWriter out, String what)
            throws RunFailure, IOException {
        TrainingEvent end;
        try {
            end = WorkerClient.forThisJvm().start(request, target.dir(), new ProgressPrinter(out, false)).end().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RunFailure(what + " was interrupted.");
        } catch (ExecutionException e) {
            throw new RunFailure("The training worker failed: " + e.getCause().getMessage());
        }
        if (end instanceof TrainingEvent.Failed failed) {
            throw new RunFailure(what + " failed: " + failed.reason());
        }
        if (!(end instanceof TrainingEvent.Finished)) {
            throw new RunFailure(what + " was stopped before its end; the run in " + target.dir()
                    + " holds the model it had.");
        }
    }

    /** The result in {@code target} and its parent measured alike, written as {@code target}'s compression.json. */
    static CompressionReport measure(String method, ObjectNode settings, RunFolder source, RunFolder target,
                                     RunRequest parent) throws RunFailure, IOException {
        TrainingEvent.Evaluation parentEvaluation = RunEvaluation.evaluate(source);
        TrainingEvent.Evaluation evaluation = readEvaluation(target);
        ComputationGraph parentGraph = read(source.model());
        ComputationGraph graph = read(target.model());
        Shape input = InputKind.shapeOf(parent.design())
                .orElseThrow(() -> new RunFailure("The run's design has no Input."));
        double[] latency = InferenceLatency.medianMillis(input, parentGraph, graph);
        CompressionReport report = new CompressionReport(method, source.dir().toAbsolutePath().normalize().toString(),
                settings, evaluation.set(),
                new CompressionReport.Figures(graph.numParams(), ModelSize.nonZeros(graph), ModelSize.zipBytes(graph),
                        evaluation.accuracy(), latency[1]),
                new CompressionReport.Figures(parentGraph.numParams(), ModelSize.nonZeros(parentGraph),
                        ModelSize.zipBytes(parentGraph), parentEvaluation.accuracy(), latency[0]));
        report.write(target.dir());
        return report;
    }

    private static TrainingEvent.Evaluation readEvaluation(RunFolder target) throws RunFailure, IOException {
        if (!Files.isRegularFile(target.evaluation())) {
            return RunEvaluation.evaluateAndSave(target);
        }
        TrainingEvent event = TrainingEvents.fromJsonLine(Files.readString(target.evaluation(), StandardCharsets.UTF_8)
                .strip());
        if (event instanceof TrainingEvent.Evaluation evaluation) {
            return evaluation;
        }
        return RunEvaluation.evaluateAndSave(target);
    }

    static ComputationGraph read(Path model) throws RunFailure {
        try {
            return ModelZip.read(model, false);
        } catch (ModelFileException e) {
            throw new RunFailure("Cannot use the model: " + e.getMessage());
        }
    }
}
