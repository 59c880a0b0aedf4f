package dev.netwright.app.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;

/** The command-line tests' small CSV problem: three species told apart by four measurements, and a design that learns it. */
final class SmallCsvProblem {
    private static final String[] SPECIES = {"setosa", "versicolor", "virginica"};

    private SmallCsvProblem() {
    }

    /** A design of an Input of 4 values, a Dense layer of {@code hidden} units and an Output of 3 classes, in {@code file}. */
    static Path design(Path file, int hidden) throws Exception {
        return Files.writeString(file, """
                { "formatVersion" : 1, "nodes" : [
                  { "id" : "input", "kind" : "Input", "params" : { "form" : "vector", "size" : 4 } },
                  { "id" : "hidden", "kind" : "Dense", "params" : { "units" : %d } },
                  { "id" : "output", "kind" : "Output", "params" : { "units" : 3 } } ],
                  "edges" : [ { "from" : "input", "to" : "hidden" }, { "from" : "hidden", "to" : "output" } ] }
                """.formatted(hidden));
    }

    /**
     * {@code rows} rows of four measurements and a species under {@code header}: row i is of species i % 3, whose own
     * measurement is 3 higher than the others (each is {@code offset} + 2 × its species' number + noise of σ 0.3, seeded).
     */
    static Path csv(Path file, String header, int rows, double offset) throws Exception {
        Random random = new Random(5);
        StringBuilder csv = new StringBuilder(header).append('\n');
        for (int i = 0; i < rows; i++) {
            int label = i % 3;
            for (int f = 0; f < 4; f++) {
                csv.append(String.format(Locale.ROOT, "%.3f,", offset + label * 2.0 + (f == label ? 3 : 0)
                        + random.nextGaussian() * 0.3));
            }
            csv.append(SPECIES[label]).append('\n');
        }
        return Files.writeString(file, csv.toString());
    }
}
