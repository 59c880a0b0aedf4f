package dev.netwright.app.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.netwright.interop.onnx.OnnxModelComparison;
import dev.netwright.interop.onnx.OnnxQuantizeJob;
import dev.netwright.runtime.compress.CompressionReport;
import dev.netwright.runtime.compress.ModelSize;
import dev.netwright.runtime.train.ModelFileException;
import dev.netwright.runtime.train.ModelZip;
import dev.netwright.runtime.train.RunFailure;
import dev.netwright.runtime.train.RunFolder;
import dev.netwright.runtime.train.RunRequestJson;
import dev.netwright.runtime.train.TrainingEvent;
import org.deeplearning4j.nn.graph.ComputationGraph;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Int8 quantisation for {@code netwright compress}: the run exported to ONNX and quantised ({@link OnnxQuantizeJob}) into
 * a run folder of its own, which holds the float {@value #FLOAT_FILE} and the int8 {@value #INT8_FILE}, the parent's
 * run.json, and the comparison of both in ONNX Runtime. It has no model.zip and no evaluation.json: its model runs in
 * ONNX Runtime, not Deeplearning4j; its events say it finished, and compression.json holds its figures.
 */
final class QuantiseCompression {
    static final String FLOAT_FILE = "model.onnx";
    static final String INT8_FILE = "model.int8.onnx";

    private QuantiseCompression() {
    }

    static CompressionReport compress(RunFolder source, RunFolder target, OnnxQuantizeJob.Options options)
            throws OnnxQuantizeJob.Refused, IOException, RunFailure {
        OnnxQuantizeJob.Report job = OnnxQuantizeJob.run(source.dir(), target.dir().resolve(FLOAT_FILE), options);
        Files.copy(source.dir().resolve(RunRequestJson.FILE_NAME), target.dir().resolve(RunRequestJson.FILE_NAME));
        ComputationGraph parent;
        try {
            parent = ModelZip.read(source.model(), false);
        } catch (ModelFileException e) {
            throw new RunFailure("Cannot use the model: " + e.getMessage());
        }
        OnnxModelComparison.Figures floatModel = job.comparison().floatModel();
        OnnxModelComparison.Figures int8Model = job.comparison().int8Model();
        ObjectNode settings = CompressionReport.newSettings();
        settings.put("calibration", options.calibration());
        settings.put("calibrationMethod", options.method().label());
        settings.put("fullRange", options.fullRange());
        settings.put("agreementWithFloat", job.comparison().agreement());
        // parameters and non-zeros as the float parent has them: int8 stores each weight, rounding may zero a few
        long parameters = parent.numParams();
        long nonZeros = ModelSize.nonZeros(parent);
        CompressionReport report = new CompressionReport(CompressionReport.QUANTISE_INT8,
                source.dir().toAbsolutePath().normalize().toString(), settings, job.evaluatedOn(),
                new CompressionReport.Figures(parameters, nonZeros, job.int8Bytes(), int8Model.accuracy(),
                        int8Model.singleMillis()),
                new CompressionReport.Figures(parameters, nonZeros, job.floatBytes(), floatModel.accuracy(),
                        floatModel.singleMillis()));
        report.write(target.dir());
        String note = "Quantised to int8 from " + report.source() + " (ONNX Runtime: " + Path.of(INT8_FILE) + ")";
        PruneCompression.appendEvents(target, new TrainingEvent.Notice(note),
                new TrainingEvent.Finished(0, 0, target.dir().resolve(INT8_FILE).toString(), note));
        return report;
    }
}
