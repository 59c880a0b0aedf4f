package dev.netwright.app.cli;

import dev.netwright.runtime.check.Checker;
import dev.netwright.runtime.compress.MagnitudePruning;
import dev.netwright.runtime.compress.RunPruning;
import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.format.DesignJson;
import dev.netwright.runtime.train.ModelZip;
import dev.netwright.runtime.train.RunFolder;
import dev.netwright.runtime.train.RunRequestJson;
import dev.netwright.runtime.weights.DesignWeights;
import dev.netwright.runtime.weights.WeightSparsity;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code netwright prune}: a trained run pruned into a new run folder, evaluated beside the original (issue 19). */
class PruneCommandTest {
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

    @Test
    void halfOfEveryLayersWeightsBecomeZeroInANewRunThatEvaluatesAndTheSourceStaysAsItWas() throws Exception {
        Path out = dir.resolve("pruned");

        assertThat(cli.run("prune", run.toString(), "--sparsity", "0.5", "-o", out.toString()))
                .as(cli.err.toString()).isEqualTo(ExitCodes.OK);

        assertThat(cli.out.toString()).contains("conv1", "dense1", "50.0%", "original", "pruned", "accuracy");
        assertThat(out.resolve(RunRequestJson.FILE_NAME)).isRegularFile();
        assertThat(out.resolve(RunFolder.EVALUATION)).isRegularFile();
        assertThat(Files.readString(out.resolve(RunPruning.REPORT))).contains("\"scope\" : \"layer\"")
                .contains("\"targetSparsity\" : 0.5");
        var request = new RunRequestJson().read(out);
        DesignWeights pruned = DesignWeights.extract(ModelZip.read(out.resolve(RunFolder.MODEL), false), request.design());
        List<WeightSparsity> counts = MagnitudePruning.count(pruned);
        assertThat(counts).extracting(WeightSparsity::node).contains("conv1", "conv2", "dense1", "output");
        assertThat(counts).allSatisfy(n -> assertThat(n.sparsity()).isBetween(0.49, 0.51));
        DesignWeights masks = DesignWeights.read(out.resolve(RunPruning.MASKS));
        assertThat(masks.node("dense1").get("W").sumNumber().longValue())
                .isEqualTo(counts.stream().filter(n -> n.node().equals("dense1")).findFirst().orElseThrow().nonZeros());
        assertThat(Files.readAllBytes(run.resolve(RunFolder.MODEL))).as("the source run is only read").isEqualTo(model);
    }

    @Test
    void globalScopeReachesTheSparsityOverAllLayersTogether() throws Exception {
        Path out = dir.resolve("global");
        assertThat(cli.run("prune", run.toString(), "--sparsity", "0.8", "--scope", "global", "-o", out.toString()))
                .as(cli.err.toString()).isEqualTo(ExitCodes.OK);
        assertThat(cli.out.toString()).containsPattern("all +[\\d,]+ +[\\d,]+ +80\\.0%");
    }

    @Test
    void structuredPruningWritesASmallerDesignWithWeightsThatTrainsFromThem() throws Exception {
        Path design = dir.resolve("smaller.json");

        assertThat(cli.run("prune", run.toString(), "--structured", "--sparsity", "0.5", "-o", design.toString()))
                .as(cli.err.toString()).isEqualTo(ExitCodes.OK);

        assertThat(cli.out.toString()).containsPattern("conv1 +32 +16").containsPattern("dense1 +\\d+ +\\d+")
                .contains("parameters 93,322 -> ").contains("before fine-tuning");
        Design smaller = new DesignJson().read(design);
        assertThat(smaller.weights()).isPresent();
        assertThat(Path.of(smaller.weights().get())).isRegularFile();
        assertThat(new Checker().check(smaller).totalParams()).isLessThan(93_322 / 2);
        Path tuned = dir.resolve("tuned");
        CapturedCli trainer = new CapturedCli();
        assertThat(trainer.run("train", design.toString(), "--max-train", "64", "--max-validation", "64", "--epochs",
                "1", "--batch", "32", "--backend", "cpu", "--out", tuned.toString())).as(trainer.err.toString())
                .isEqualTo(ExitCodes.OK);
        assertThat(trainer.out.toString() + trainer.err).contains("Starting from the design's weights");

        assertThat(cli.run("prune", run.toString(), "--structured", "--sparsity", "0.5", "-o", design.toString()))
                .isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(cli.err.toString()).contains("exists; name a new file, or use --force");
        assertThat(cli.run("prune", run.toString(), "--structured", "--sparsity", "0.5", "-o", dir.resolve("x").toString()))
                .isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(cli.err.toString()).contains("names the design file to write (FILE.json)");
    }

    @Test
    void wrongArgumentsAreRefusedNamingTheProblemAndWriteNothing() {
        Path out = dir.resolve("never");
        assertThat(cli.run("prune", run.toString(), "--sparsity", "1", "-o", out.toString())).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(cli.err.toString()).contains("--sparsity must be at least 0 and below 1");
        assertThat(cli.run("prune", run.toString(), "--sparsity", "0.5", "--scope", "model", "-o", out.toString()))
                .isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(cli.err.toString()).contains("--scope must be layer or global");
        assertThat(cli.run("prune", run.toString(), "--sparsity", "0.5", "-o", run.toString()))
                .isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(cli.err.toString()).contains("another folder than the run itself");
        assertThat(cli.run("prune", dir.toString(), "--sparsity", "0.5", "-o", out.toString()))
                .isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(cli.err.toString()).contains("Not a run folder");
        assertThat(out).doesNotExist();
    }
}
