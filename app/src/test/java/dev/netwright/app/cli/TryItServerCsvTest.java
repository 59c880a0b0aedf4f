package dev.netwright.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/** Try it on a design trained on CSV rows: the row's features by name, a typed row, and bad values named (issue 20). */
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
        Path data = dir.resolve("flowers.csv");
        StringBuilder csv = new StringBuilder("sepal_length,sepal_width,petal_length,petal_width,species\n");
        java.util.Random random = new java.util.Random(5);
        String[] names = {"setosa", "versicolor", "virginica"};
        for (int i = 0; i < 90; i++) {
            int label = i % 3;
            for (int f = 0; f < 4; f++) {
                csv.append(String.format(Locale.ROOT, "%.3f,", 10 + label * 2.0 + (f == label ? 3 : 0)
                        + random.nextGaussian() * 0.3));
            }
            csv.append(names[label]).append('\n');
        }
        Files.writeString(data, csv.toString());
        Path design = dir.resolve("flowers.json");
        Files.writeString(design, """
                { "formatVersion" : 1, "nodes" : [
                  { "id" : "input", "kind" : "Input", "params" : { "form" : "vector", "size" : 4 } },
                  { "id" : "hidden", "kind" : "Dense", "params" : { "units" : 8 } },
                  { "id" : "output", "kind" : "Output", "params" : { "units" : 3 } } ],
                  "edges" : [ { "from" : "input", "to" : "hidden" }, { "from" : "hidden", "to" : "output" } ] }
                """);
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
}
