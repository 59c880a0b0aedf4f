package dev.netwright.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.netwright.runtime.data.Examples;
import dev.netwright.runtime.explain.ExplainableRun;
import dev.netwright.runtime.explain.Explainer;
import dev.netwright.runtime.explain.KernelShap;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

/**
 * Try it and explain on a design trained on CSV rows: the row's features by name, a typed row, bad values named, and
 * KernelSHAP per feature with its efficiency on the real model (issue 20).
 */
class TryItServerCsvTest {
    @TempDir
    static Path dir;
    static Path run;

    private TryItServerTest.Served served;

    /** A small classifier of 3 species from 4 measurements, one epoch on 90 rows; the header names the columns. */
    @BeforeAll
    static void train() throws Exception {
        run = trainCsvRun(dir);
    }

    static Path trainCsvRun(Path dir) throws Exception {
        Path data = SmallCsvProblem.csv(dir.resolve("flowers.csv"),
                "sepal_length,sepal_width,petal_length,petal_width,species", 90, 10);
        Path design = SmallCsvProblem.design(dir.resolve("flowers.json"), 8);
        Path out = dir.resolve("flowers-run");
        CapturedCli trainer = new CapturedCli();
        assertThat(trainer.run("train", design.toString(), "--data", "csv:" + data, "--epochs", "1", "--batch", "16",
                "--lr", "0.05", "--backend", "cpu", "--optimizer", "adam", "--normalise", "STANDARDISE",
                "--out", out.toString())).as(trainer.err.toString()).isEqualTo(ExitCodes.OK);
        return out;
    }

    @AfterEach
    void endRequests() throws Exception {
        if (served != null) {
            served.close();
        }
    }

    @Test
    void readyNamesTheFeaturesFromTheHeaderAndATypedRowIsPredicted() throws Exception {
        served = new TryItServerTest.Served(run);
        JsonNode ready = served.nextOfType("ready");
        assertThat(ready.path("rows").asBoolean()).isTrue();
        assertThat(ready.path("features")).extracting(JsonNode::asText)
                .containsExactly("sepal_length", "sepal_width", "petal_length", "petal_width");
        assertThat(ready.path("classes")).extracting(JsonNode::asText).containsExactly("setosa", "versicolor", "virginica");

        served.send("{\"id\":1,\"op\":\"predict\",\"input\":{\"row\":[\"13\",\"10\",\"10\",\"10\"]}}");
        JsonNode prediction = served.nextOfType("prediction");
        assertThat(prediction.path("probabilities")).hasSize(3);
        assertThat(prediction.path("input")).extracting(JsonNode::asDouble).containsExactly(13.0, 10.0, 10.0, 10.0);

        served.send("{\"id\":2,\"op\":\"predict\",\"input\":{\"sample\":0}}");
        assertThat(served.nextOfType("prediction").path("input")).hasSize(4);
    }

    @Test
    void aMissingOrNonNumericValueIsAnErrorNamingItsColumnAndTheProcessGoesOn() throws Exception {
        served = new TryItServerTest.Served(run);
        served.nextOfType("ready");
        served.send("{\"id\":1,\"op\":\"predict\",\"input\":{\"row\":[\"13\",\"\",\"10\",\"10\"]}}");
        JsonNode missing = served.next();
        assertThat(missing.path("type").asText()).isEqualTo("error");
        assertThat(missing.path("message").asText()).isEqualTo("Column 'sepal_width': the value is missing");
        served.send("{\"id\":2,\"op\":\"explain\",\"method\":\"shap\",\"input\":{\"row\":[\"13\",\"1\",\"ten\",\"10\"]}}");
        assertThat(served.next().path("message").asText()).startsWith("Column 'petal_length': 'ten' is not a number");
        served.send("{\"id\":3,\"op\":\"predict\",\"input\":{\"row\":[\"13\",\"1\"]}}");
        assertThat(served.next().path("message").asText()).startsWith("2 values, but the model takes 4 features");
        served.send("{\"id\":4,\"op\":\"predict\",\"input\":{\"row\":[\"13\",\"10\",\"10\",\"10\"]}}");
        assertThat(served.nextOfType("prediction").path("id").asLong()).isEqualTo(4);
    }

    @Test
    void kernelShapPerFeatureSumsToTheOutputMinusItsExpectationAndIsTheExactShapleyValue() throws Exception {
        ExplainableRun loaded = ExplainableRun.open(run);
        Examples row = loaded.row(List.of("13", "10.5", "9.8", "10.2")).examples();
        ExplainableRun.Explained shap = loaded.explain(new KernelShap(), row, 0, 0, Explainer.Progress.NONE);
        double fx = shap.probabilities()[0];
        double expected = shap.baselineProbability();
        assertThat(shap.attribution().values()).hasSize(4);
        assertThat(shap.attribution().total()).as("efficiency: the sum is f(x) - E[f]")
                .isCloseTo(fx - expected, offset(1e-6));
        assertThat(Math.abs(fx - expected)).as("a row far from the mean moves the output").isGreaterThan(1e-3);

        // every coalition of the 4 features (2^4 model passes): the Shapley values by their definition
        INDArray x = loaded.prepare(row, 0);
        INDArray baseline = loaded.baseline();
        double[] value = new double[16];
        for (int mask = 0; mask < 16; mask++) {
            INDArray mixed = baseline.dup();
            for (int f = 0; f < 4; f++) {
                if ((mask >> f & 1) == 1) {
                    mixed.putScalar(new long[] {0, f}, x.getDouble(0, f));
                }
            }
            value[mask] = loaded.model().probabilities(mixed).getDouble(0, 0);
        }
        long[] factorial = {1, 1, 2, 6, 24};
        for (int f = 0; f < 4; f++) {
            double phi = 0;
            for (int mask = 0; mask < 16; mask++) {
                if ((mask >> f & 1) == 0) {
                    int size = Integer.bitCount(mask);
                    phi += (double) factorial[size] * factorial[3 - size] / factorial[4]
                            * (value[mask | 1 << f] - value[mask]);
                }
            }
            assertThat(shap.attribution().values()[f]).as("feature " + f).isCloseTo(phi, offset(1e-5));
        }
    }

    @Test
    void explainPrintsTheAttributionsByFeatureNameLargestFirstWithEAndFx() throws Exception {
        Path rows = dir.resolve("one-flower.csv");
        Files.writeString(rows, "sepal_length,sepal_width,petal_length,petal_width\n10,10,15,10\n");
        CapturedCli cli = new CapturedCli();
        assertThat(cli.run("explain", run.toString(), rows.toString(), "--method", "shap", "--out",
                dir.resolve("shap.png").toString())).as(cli.err.toString()).isEqualTo(ExitCodes.OK);
        List<String> lines = cli.out.toString().lines().toList();
        assertThat(lines).anyMatch(l -> l.startsWith("  E[f] ") && l.contains("-> f(x) "));
        List<String> features = lines.stream().filter(l -> l.matches("  (sepal|petal)_\\w+ +[-+].*")).toList();
        assertThat(features).hasSize(4);
        double[] sizes = features.stream().mapToDouble(l -> Math.abs(Double.parseDouble(l.trim().split(" +")[1])))
                .toArray();
        for (int i = 1; i < sizes.length; i++) {
            assertThat(sizes[i]).as("largest first").isLessThanOrEqualTo(sizes[i - 1]);
        }

        assertThat(cli.run("predict", run.toString(), rows.toString())).as(cli.err.toString()).isEqualTo(ExitCodes.OK);
        assertThat(cli.out.toString()).contains("setosa", "versicolor", "virginica");
    }

    @Test
    void integratedGradientsFromTheTrainingMeanAreCompleteAndABlurredBaselineIsRefusedForRows() throws Exception {
        served = new TryItServerTest.Served(run);
        served.nextOfType("ready");
        served.send("{\"id\":1,\"op\":\"explain\",\"method\":\"ig\",\"steps\":200,\"baseline\":\"mean\",\"target\":0,"
                + "\"input\":{\"row\":[\"13\",\"10\",\"10\",\"10\"]}}");
        JsonNode ig = served.nextOfType("explanation");
        assertThat(ig.path("baseline").asText()).isEqualTo("mean");
        double sum = 0;
        for (JsonNode v : ig.path("map")) {
            sum += v.asDouble();
        }
        double change = ig.path("probabilities").get(0).asDouble() - ig.path("expected").asDouble();
        assertThat(Math.abs(change)).as("a change worth measuring").isGreaterThan(1e-3);
        assertThat(Math.abs(sum - change)).as("completeness: sum %f, change %f", sum, change)
                .isLessThanOrEqualTo(0.01 * Math.abs(change));

        served.send("{\"id\":2,\"op\":\"explain\",\"method\":\"ig\",\"baseline\":\"blur\",\"input\":{\"sample\":0}}");
        assertThat(served.next().path("message").asText())
                .isEqualTo("A blurred baseline needs an image; this model takes rows of features: use black or mean");
        served.send("{\"id\":3,\"op\":\"explain\",\"method\":\"ig\",\"baseline\":\"grey\",\"input\":{\"sample\":0}}");
        assertThat(served.next().path("message").asText()).isEqualTo("Unknown baseline 'grey': black, mean or blur");
    }

    @Test
    void theCommandLineTakesTheBaselineAndStepsAndSaysWhichBaselineWasUsed() throws Exception {
        Path rows = dir.resolve("ig-flower.csv");
        Files.writeString(rows, "10,10,15,10\n");
        CapturedCli cli = new CapturedCli();
        assertThat(cli.run("explain", run.toString(), rows.toString(), "--method", "ig", "--baseline", "mean",
                "--steps", "200", "--class", "virginica", "--out", dir.resolve("ig.png").toString()))
                .as(cli.err.toString()).isEqualTo(ExitCodes.OK);
        assertThat(cli.out.toString()).contains("  baseline: the mean of the training data");
        String totals = cli.out.toString().lines().filter(l -> l.startsWith("  f(baseline) ")).findFirst().orElseThrow();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("difference ([-+][0-9.]+); attributions sum to "
                + "([-+][0-9.]+)").matcher(totals);
        assertThat(m.find()).as(totals).isTrue();
        double change = Double.parseDouble(m.group(1));
        assertThat(Math.abs(Double.parseDouble(m.group(2)) - change)).as(totals)
                .isLessThanOrEqualTo(0.01 * Math.abs(change) + 1e-5);

        assertThat(cli.run("explain", run.toString(), rows.toString(), "--method", "ig", "--baseline", "blur"))
                .isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(cli.err.toString()).contains("A blurred baseline needs an image");
        assertThat(cli.run("explain", run.toString(), rows.toString(), "--method", "ig", "--baseline", "grey"))
                .isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(cli.err.toString()).contains("Unknown baseline 'grey': black, mean or blur");
    }
}
