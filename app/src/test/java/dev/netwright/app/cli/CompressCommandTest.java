package dev.netwright.app.cli;

import dev.netwright.app.compress.CompressSettings;
import dev.netwright.app.compress.CompressionVariants;
import dev.netwright.app.compress.Variant;
import dev.netwright.app.runs.RunComparison;
import dev.netwright.app.training.RunList;
import dev.netwright.app.training.RunRecord;
import dev.netwright.runtime.compress.CompressionReport;
import dev.netwright.runtime.compress.MagnitudePruning;
import dev.netwright.runtime.compress.PruningPlan;
import dev.netwright.runtime.compress.RunPruning;
import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.format.DesignJson;
import dev.netwright.runtime.train.ModelZip;
import dev.netwright.runtime.train.RunFolder;
import dev.netwright.runtime.train.RunRequestJson;
import dev.netwright.runtime.weights.DesignWeights;
import dev.netwright.runtime.weights.WeightSparsity;
import dev.netwright.samples.Samples;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code netwright compress}: each compressed model a new run folder with its compression.json, measured beside its
 * parent (issue 19). The parent is the seed CNN trained one epoch on 64 images.
 */
class CompressCommandTest {
    private static final long SEED_CNN_PARAMETERS = 93_322;

    @TempDir
    static Path dir;
    private static Path run;
    private static byte[] model;

    private final CapturedCli cli = new CapturedCli();

    @BeforeAll
    static void train() throws Exception {
        run = dir.resolve("run");
        CapturedCli trainer = new CapturedCli();
        assertThat(trainer.run("train", "sample:cnn", "--max-train", "64", "--max-validation", "64", "--epochs", "1",
                "--batch", "32", "--backend", "cpu", "--out", run.toString())).as(trainer.err.toString())
                .isEqualTo(ExitCodes.OK);
        model = Files.readAllBytes(run.resolve(RunFolder.MODEL));
    }

    private static float[] floats(INDArray array) {
        return array.castTo(DataType.FLOAT).dup('c').data().asFloat();
    }

    private static DesignWeights weights(Path runDir) throws Exception {
        return DesignWeights.extract(ModelZip.read(runDir.resolve(RunFolder.MODEL), false),
                new RunRequestJson().read(runDir).design());
    }

    /** The run as the app's runs list shows it. */
    private static RunRecord listed(Path runDir) {
        return RunList.list(runDir.getParent()).stream().filter(r -> r.dir().equals(runDir)).findFirst().orElseThrow();
    }

    @Test
    void oneShotPruningFineTunedKeepsEveryPrunedWeightZeroInANewRunWithItsReport() throws Exception {
        Path out = dir.resolve("one-shot");

        assertThat(cli.run("compress", run.toString(), "--prune", "0.9", "--finetune", "1", "-o", out.toString()))
                .as(cli.err.toString()).isEqualTo(ExitCodes.OK);

        DesignWeights masks = DesignWeights.read(out.resolve(RunPruning.MASKS));
        DesignWeights tuned = weights(out);
        DesignWeights before = DesignWeights.read(out.resolve(PruneCompression.START_WEIGHTS));
        long pruned = 0;
        long wrong = 0;
        long moved = 0;
        for (String node : masks.nodeIds()) {
            for (Map.Entry<String, INDArray> mask : masks.node(node).entrySet()) {
                float[] m = floats(mask.getValue());
                float[] w = floats(tuned.node(node).get(mask.getKey()));
                float[] b = floats(before.node(node).get(mask.getKey()));
                for (int i = 0; i < m.length; i++) {
                    pruned += m[i] == 0 ? 1 : 0;
                    wrong += m[i] == 0 && w[i] != 0.0f ? 1 : 0;
                    moved += m[i] == 1 && w[i] != b[i] ? 1 : 0;
                }
            }
        }
        assertThat(pruned).isGreaterThan(80_000);
        assertThat(wrong).as("pruned weights not exactly zero after fine-tuning").isZero();
        assertThat(moved).as("kept weights that fine-tuning changed").isGreaterThan(1000);
        CompressionReport report = CompressionReport.read(out);
        assertThat(report.method()).isEqualTo(CompressionReport.PRUNE);
        assertThat(report.source()).isEqualTo(run.toAbsolutePath().normalize().toString());
        assertThat(report.settings().toString()).contains("\"sparsity\":0.9", "\"scope\":\"layer\"",
                "\"schedule\":\"one-shot\"", "\"finetuneEpochs\":1");
        assertThat(report.result().parameters()).isEqualTo(SEED_CNN_PARAMETERS);
        assertThat(report.result().nonZeros()).isLessThan(SEED_CNN_PARAMETERS / 5);
        assertThat(report.parent().parameters()).isEqualTo(SEED_CNN_PARAMETERS);
        assertThat(report.parent().nonZeros()).as("a trained network has few exact zeros")
                .isGreaterThan(SEED_CNN_PARAMETERS * 99 / 100);
        assertThat(report.result().fileBytes()).isLessThan(report.parent().fileBytes());
        assertThat(report.result().accuracy()).isBetween(0.0, 1.0);
        assertThat(report.parent().accuracy()).isBetween(0.0, 1.0);
        assertThat(report.result().latencyMs()).isPositive();
        assertThat(report.parent().latencyMs()).isPositive();
        assertThat(PruningPlan.read(out)).contains(new PruningPlan(0.9, MagnitudePruning.Scope.LAYER, false));
        RunRecord record = listed(out);
        assertThat(record.ending()).isEqualTo("finished");
        assertThat(record.evaluation()).isNotNull();
        assertThat(record.evaluation().accuracy()).isEqualTo(report.result().accuracy());
        assertThat(cli.out.toString()).contains("original", "prune", "accuracy", "latency ms", "non-zeros")
                .containsPattern("parameters +93,322 +93,322");
        assertThat(Files.readAllBytes(run.resolve(RunFolder.MODEL))).as("the source run is only read").isEqualTo(model);
    }

    @Test
    void trainingFromAPrunedRunKeepsItsPrunedWeightsAtZero() throws Exception {
        Path pruned = dir.resolve("pruned-for-init");
        assertThat(cli.run("compress", run.toString(), "--prune", "0.8", "-o", pruned.toString()))
                .as(cli.err.toString()).isEqualTo(ExitCodes.OK);
        Path further = dir.resolve("trained-further");
        CapturedCli trainer = new CapturedCli();

        assertThat(trainer.run("train", "sample:cnn", "--init-from", pruned.toString(), "--max-train", "64",
                "--max-validation", "64", "--epochs", "1", "--batch", "32", "--backend", "cpu", "--out", further.toString()))
                .as(trainer.err.toString()).isEqualTo(ExitCodes.OK);

        assertThat(trainer.out.toString() + trainer.err).contains("pruning masks of", "stay zero");
        DesignWeights masks = DesignWeights.read(further.resolve(RunPruning.MASKS));
        DesignWeights trained = weights(further);
        long zeroMasked = 0;
        long wrong = 0;
        for (String node : masks.nodeIds()) {
            for (Map.Entry<String, INDArray> mask : masks.node(node).entrySet()) {
                float[] m = floats(mask.getValue());
                float[] w = floats(trained.node(node).get(mask.getKey()));
                for (int i = 0; i < m.length; i++) {
                    zeroMasked += m[i] == 0 ? 1 : 0;
                    wrong += m[i] == 0 && w[i] != 0.0f ? 1 : 0;
                }
            }
        }
        assertThat(zeroMasked).isGreaterThan(60_000);
        assertThat(wrong).as("pruned weights that training from the pruned run made non-zero").isZero();
        assertThat(PruningPlan.read(further)).contains(new PruningPlan(0.8, MagnitudePruning.Scope.LAYER, false));
    }

    @Test
    void gradualGlobalPruningEndsAtTheTargetOverAllLayersTogether() throws Exception {
        Path out = dir.resolve("gradual");

        assertThat(cli.run("compress", run.toString(), "--prune", "0.8", "--scope", "global", "--schedule", "gradual",
                "--finetune", "1", "-o", out.toString())).as(cli.err.toString()).isEqualTo(ExitCodes.OK);

        List<WeightSparsity> counts = MagnitudePruning.count(weights(out));
        long prunable = counts.stream().mapToLong(WeightSparsity::weights).sum();
        long nonZeros = counts.stream().mapToLong(WeightSparsity::nonZeros).sum();
        assertThat(prunable - nonZeros).isEqualTo(Math.round(0.8 * prunable));
        assertThat(CompressionReport.read(out).settings().toString()).contains("\"schedule\":\"gradual\"",
                "\"scope\":\"global\"");
        assertThat(out.resolve(RunPruning.MASKS)).isRegularFile();
    }

    @Test
    void structuredPruningWithoutFineTuningIsASmallerRunBesideTheSource() throws Exception {
        assertThat(cli.run("compress", run.toString(), "--prune", "0.5", "--structured")).as(cli.err.toString())
                .isEqualTo(ExitCodes.OK);

        Path out = dir.resolve("run-pruned-structured-50");
        CompressionReport report = CompressionReport.read(out);
        assertThat(report.method()).isEqualTo(CompressionReport.PRUNE_STRUCTURED);
        assertThat(report.result().parameters()).isLessThan(SEED_CNN_PARAMETERS / 2);
        assertThat(report.parent().parameters()).isEqualTo(SEED_CNN_PARAMETERS);
        assertThat(report.result().fileBytes()).isLessThan(report.parent().fileBytes());
        assertThat(out.resolve(PruneCompression.STRUCTURED_DESIGN)).isRegularFile();
        assertThat(listed(out).evaluation()).isNotNull();
    }

    @Test
    void int8QuantisationIsARunHoldingTheOnnxModelsAndTheirOnnxRuntimeFigures() throws Exception {
        Path out = dir.resolve("int8");

        assertThat(cli.run("compress", run.toString(), "--quantise", "int8", "--calibration", "32", "-o",
                out.toString())).as(cli.err.toString()).isEqualTo(ExitCodes.OK);

        CompressionReport report = CompressionReport.read(out);
        assertThat(report.method()).isEqualTo(CompressionReport.QUANTISE_INT8);
        assertThat(report.result().fileBytes()).isEqualTo(Files.size(out.resolve(QuantiseCompression.INT8_FILE)));
        assertThat(report.parent().fileBytes()).isEqualTo(Files.size(out.resolve(QuantiseCompression.FLOAT_FILE)));
        assertThat(report.result().fileBytes() * 3).isLessThan(report.parent().fileBytes());
        assertThat(report.settings().get("calibration").asInt()).isEqualTo(32);
        assertThat(report.result().latencyMs()).isPositive();
        RunRecord listed = listed(out);
        assertThat(listed.ending()).isEqualTo("finished");
        // the runs list shows the accuracy measured in ONNX Runtime, and says why the Evaluation panel has none
        assertThat(listed.modelAccuracy()).hasValue(report.result().accuracy());
        RunComparison row = RunComparison.of(listed);
        assertThat(row.savedModel()).hasValue(report.result().accuracy());
        assertThat(row.epochs()).as("not its parent's epochs: it was not trained").isEqualTo("0");
        assertThat(listed.result()).contains(String.format(java.util.Locale.ROOT, "acc %.3f, quantise-int8 (finished)",
                report.result().accuracy()));
        assertThat(listed.noEvaluation()).contains("runs in ONNX Runtime").contains(CompressionReport.FILE)
                .doesNotContain("is missing");
    }

    private void refused(String message, String... args) {
        assertThat(cli.run(args)).as(cli.out.toString()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(cli.err.toString()).contains(message);
    }

    @Test
    void theCompressPanelsCommandLinesAreAcceptedAndEachLeavesARunBesideTheSource() throws Exception {
        var oneShot = new CompressSettings(CompressSettings.Method.PRUNE, 0.9, false, false, false, 0, 500);
        var structured = new CompressSettings(CompressSettings.Method.PRUNE, 0.5, false, false, true, 0, 500);
        int before = CompressionVariants.of(run, dir).size();

        for (CompressSettings settings : List.of(oneShot, structured)) {
            CapturedCli panel = new CapturedCli();
            assertThat(panel.run(settings.arguments(run).toArray(String[]::new))).as(panel.err.toString())
                    .isEqualTo(ExitCodes.OK);
        }

        List<Variant> variants = CompressionVariants.of(run, dir);
        assertThat(variants).hasSize(Math.max(before, 1) + 2);
        assertThat(variants.subList(variants.size() - 2, variants.size())).extracting(Variant::method)
                .containsExactly("prune 90% layer", "structured 50%");
    }

    /** The seed CNN with a quarter of its filters and units: a student for distillation. */
    private static Path student(int classes) throws Exception {
        Design cnn = Samples.load("cnn");
        Design small = cnn.withName("small CNN")
                .withNode(cnn.requireNode("conv1").withParam("filters", 8))
                .withNode(cnn.requireNode("conv2").withParam("filters", 16))
                .withNode(cnn.requireNode("conv3").withParam("filters", 16))
                .withNode(cnn.requireNode("dense1").withParam("units", 16))
                .withNode(cnn.requireNode("output").withParam("units", classes));
        Path file = dir.resolve("student-" + classes + ".json");
        new DesignJson().write(small, file);
        return file;
    }

    @Test
    void distillingIntoAStudentIsARunBesideTheSourceThatLearntFromIt() throws Exception {
        Path out = dir.resolve("distilled");

        assertThat(cli.run("compress", run.toString(), "--distil", student(10).toString(), "--alpha", "0.3",
                "--temperature", "2", "--epochs", "1", "-o", out.toString())).as(cli.err.toString())
                .isEqualTo(ExitCodes.OK);

        CompressionReport report = CompressionReport.read(out);
        assertThat(report.method()).isEqualTo("distil");
        assertThat(report.settings().path("alpha").asDouble()).isEqualTo(0.3);
        assertThat(report.settings().path("temperature").asDouble()).isEqualTo(2.0);
        assertThat(report.result().parameters()).isLessThan(SEED_CNN_PARAMETERS / 4);
        assertThat(report.parent().fileBytes()).isGreaterThan(report.result().fileBytes());
        var request = new RunRequestJson().read(out);
        assertThat(request.distillation().teacherRun()).isEqualTo(run.toAbsolutePath().normalize().toString());
        assertThat(request.design().name()).isEqualTo("small CNN");
        assertThat(listed(out).evaluation()).isNotNull();
        assertThat(Files.readAllBytes(run.resolve(RunFolder.MODEL))).as("the teacher is only read").isEqualTo(model);
    }

    @Test
    void aStudentWithOtherClassesOrABadAlphaIsRefusedAndNothingIsWritten() throws Exception {
        Path out = dir.resolve("never-distilled");

        assertThat(cli.run("compress", run.toString(), "--distil", student(5).toString(), "-o", out.toString()))
                .isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(cli.err.toString()).contains("predicts 10 classes but the student's Output has 5");
        assertThat(new CapturedCli().run("compress", run.toString(), "--distil", student(10).toString(), "--alpha",
                "1.5", "-o", out.toString())).isEqualTo(ExitCodes.BAD_INPUT);
        CapturedCli alphaAlone = new CapturedCli();
        assertThat(alphaAlone.run("compress", run.toString(), "--prune", "0.5", "--alpha", "0.5"))
                .isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(alphaAlone.err.toString()).contains("--alpha, --temperature and --epochs go with --distil.");
        assertThat(out).doesNotExist();
    }

    @Test
    void aSparsityOfOneOrMoreIsRefused() {
        Path out = dir.resolve("refused-sparsity");
        refused("--prune must be at least 0 and below 1, not 1.2.", "compress", run.toString(), "--prune", "1.2",
                "-o", out.toString());
        assertThat(out).doesNotExist();
    }

    @Test
    void negativeFineTuningEpochsAreRefused() {
        refused("--finetune must be 0 or more epochs, not -1.", "compress", run.toString(), "--prune", "0.5",
                "--finetune", "-1");
    }

    @Test
    void aFolderThatIsNotARunIsRefused() throws Exception {
        Path notARun = Files.createDirectories(dir.resolve("not-a-run"));
        refused("Not a run folder: " + notARun + " has no run.json", "compress", notARun.toString(), "--prune", "0.5");
        try (var entries = Files.list(dir)) {
            assertThat(entries.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("not-a-run-"));
        }
    }

    @Test
    void gradualPruningWithoutFineTuningIsRefused() {
        refused("--schedule gradual prunes while it fine-tunes: give --finetune 1 or more epochs.", "compress",
                run.toString(), "--prune", "0.9", "--schedule", "gradual");
    }

    @Test
    void pruningAndQuantisingAtOnceOrNeitherIsRefused() {
        refused("Give one way to compress: --prune S, --quantise int8 or --distil STUDENT.", "compress", run.toString(), "--prune",
                "0.5", "--quantise", "int8");
        refused("Give one way to compress: --prune S, --quantise int8 or --distil STUDENT.", "compress", run.toString());
    }

    @Test
    void otherQuantisationsAndPruningOptionsWithQuantisingAreRefused() {
        refused("--quantise supports int8 only, not 'int4'.", "compress", run.toString(), "--quantise", "int4");
        refused("go with --prune, not --quantise.", "compress", run.toString(), "--quantise", "int8", "--finetune",
                "1");
    }
}
