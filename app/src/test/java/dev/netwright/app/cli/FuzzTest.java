package dev.netwright.app.cli;

import dev.netwright.runtime.layers.Shape;
import dev.netwright.runtime.compile.DesignCompiler;
import dev.netwright.runtime.compile.TrainingSettings;
import dev.netwright.runtime.data.DataException;
import dev.netwright.runtime.data.DataSources;
import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.format.DesignJson;
import dev.netwright.runtime.train.BackendChooser;
import dev.netwright.runtime.train.ModelZip;
import dev.netwright.runtime.train.RunFolder;
import dev.netwright.runtime.train.RunRequest;
import dev.netwright.runtime.train.RunRequestJson;
import dev.netwright.runtime.train.worker.WorkerClient;
import dev.netwright.samples.Samples;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seeded fuzzing of what Netwright reads from other people (issue 13): thousands of mutated design files through
 * {@code check} and {@code train}, mutated IDX and CSV data through the data sources, mutated model zips through
 * {@code evaluate}. Every outcome must be a documented exit code or a {@link DataException}; no exception escapes, no
 * stack trace reaches stderr, and nothing is written outside the run folders. The counts are logged for
 * docs/reliability.md; a failure names the seed and trial that reproduce it.
 */
class FuzzTest {
    private static final Logger LOG = LoggerFactory.getLogger(FuzzTest.class);
    private static final long SEED = 13;
    private static final int DESIGNS_CHECKED = 2_000;
    private static final int DESIGNS_TRAINED = 400;
    private static final int IDX_FILES = 1_000;
    private static final int CSV_FILES = 500;
    private static final int MODEL_ZIPS = 300;
    /** A Java stack trace line, or the JVM's report of an uncaught exception. */
    private static final Pattern STACK_TRACE = Pattern.compile("(?m)^\\s+at [\\w$.]+\\(|Exception in thread|^Caused by: ");

    @TempDir
    Path dir;

    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    private PrintStream originalErr;
    private final List<String> problems = new ArrayList<>();
    private final List<String> summaries = new ArrayList<>();

    @BeforeEach
    void captureStderr() {
        originalErr = System.err;
        System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8)); // logging's console output too
    }

    @AfterEach
    void restoreStderrAndReport() {
        System.setErr(originalErr);
        summaries.forEach(LOG::info); // after the capture, so that the figures reach the build's output
    }

    // ---------------------------------------------------------------- designs

    @Test
    void mutatedDesignsAreCheckedAndTrainedWithDocumentedExitCodesOnly() throws Exception {
        List<String> corpus = designCorpus();
        Mutator mutator = new Mutator(SEED);
        Path inputs = Files.createDirectories(dir.resolve("inputs"));
        Path runs = Files.createDirectories(dir.resolve("runs"));
        WorkerClient noWorker = new WorkerClient(Path.of("/bin/true"), "", List.of(), new BackendChooser(List::of, false));
        Map<String, Integer> outcomes = new TreeMap<>();

        for (int trial = 0; trial < DESIGNS_CHECKED; trial++) {
            String text = mutator.mutateText(corpus.get(mutator.nextInt(corpus.size())));
            Path file = inputs.resolve("design-" + trial + ".json");
            Files.writeString(file, text, StandardCharsets.UTF_8);
            boolean train = trial < DESIGNS_TRAINED;
            String[] args = train
                    ? new String[] {"train", file.toString(), "--out", runs.resolve("run-" + trial).toString(), "--epochs", "1"}
                    : new String[] {"check", file.toString()};
            Outcome outcome = run(new TrainFactory(noWorker), args);
            outcomes.merge((train ? "train " : "check ") + outcome.exitCode, 1, Integer::sum);
            Set<Integer> documented = train ? Set.of(0, 1, 2, 3) : Set.of(0, 2, 3);
            expect(documented.contains(outcome.exitCode), trial, args, "exit code " + outcome.exitCode, outcome);
            expect(outcome.thrown == null, trial, args, "an exception escaped: " + outcome.thrown, outcome);
            expect(!STACK_TRACE.matcher(outcome.err + outcome.out).find(), trial, args, "a stack trace", outcome);
            expect(Files.readString(file, StandardCharsets.UTF_8).equals(text), trial, args, "the design file changed", outcome);
        }
        expectNoStackTraceOnStderr();
        try (Stream<Path> top = Files.list(dir)) {
            assertThat(top).as("only the inputs and the run folders").containsExactlyInAnyOrder(inputs, runs);
        }
        try (Stream<Path> written = Files.list(runs)) {
            assertThat(written).allSatisfy(run -> assertThat(run.getFileName().toString()).matches("run-\\d+"));
        }
        summaries.add("fuzz: " + DESIGNS_CHECKED + " mutated designs (seed " + SEED + "), outcomes " + outcomes);
        assertThat(problems).as("seed %d", SEED).isEmpty();
    }

    /** The train command with a worker that is /bin/true: everything before the worker runs for real. */
    private record TrainFactory(WorkerClient workers) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> type) throws Exception {
            return type == TrainCommand.class ? type.cast(new TrainCommand(workers)) : CommandLine.defaultFactory().create(type);
        }
    }

    private static List<String> designCorpus() throws Exception {
        DesignJson json = new DesignJson();
        List<String> corpus = new ArrayList<>();
        for (String id : List.of("cnn", "lstm", "transformer", "resnet")) {
            corpus.add(json.write(Samples.load(id)));
        }
        corpus.add("""
                { "formatVersion" : 1, "name" : "small", "data" : { "source" : "csv:points.csv" }, "nodes" : [
                  { "id" : "input", "kind" : "Input", "params" : { "form" : "vector", "size" : 4 } },
                  { "id" : "hidden", "kind" : "Dense", "params" : { "units" : 8 } },
                  { "id" : "output", "kind" : "Output", "params" : { "units" : 3 } } ],
                  "edges" : [ { "from" : "input", "to" : "hidden" }, { "from" : "hidden", "to" : "output" } ] }
                """);
        return corpus;
    }

    // ---------------------------------------------------------------- data

    @Test
    void mutatedDataFilesAreReadOrRefusedWithADataException() throws Exception {
        Mutator mutator = new Mutator(SEED + 1);
        byte[] images = idx(0x803, new int[] {30, 8, 8}, 30 * 64);
        byte[] labels = idx(0x801, new int[] {30}, 30);
        for (int i = 0; i < 30; i++) {
            labels[8 + i] = (byte) (i % 3);
        }
        Map<String, Integer> outcomes = new TreeMap<>();
        for (int trial = 0; trial < IDX_FILES; trial++) {
            Path folder = Files.createDirectories(dir.resolve("idx-" + trial));
            boolean mutateImages = mutator.nextInt(2) == 0;
            byte[] imageBytes = mutateImages ? mutator.mutateBytes(images, 16) : images;
            byte[] labelBytes = mutateImages ? labels : mutator.mutateBytes(labels, 8);
            boolean gzip = mutator.nextInt(2) == 0;
            write(folder.resolve("train-images-idx3-ubyte" + (gzip ? ".gz" : "")), imageBytes, gzip);
            write(folder.resolve("train-labels-idx1-ubyte" + (gzip ? ".gz" : "")), labelBytes, gzip);
            outcomes.merge("idx " + open("idx:" + folder, new Shape.Image(8, 8, 1), trial), 1, Integer::sum);
            deleteTree(folder);
        }
        String csv = csvText();
        for (int trial = 0; trial < CSV_FILES; trial++) {
            Path file = dir.resolve("data-" + trial + ".csv");
            String text = mutator.nextInt(50) == 0 ? "1,2,3," + "9".repeat(3 << 20) : mutator.mutateText(csv);
            Files.writeString(file, text, StandardCharsets.UTF_8);
            outcomes.merge("csv " + open("csv:" + file, new Shape.Vector(4), trial), 1, Integer::sum);
            Files.delete(file);
        }
        expectNoStackTraceOnStderr();
        summaries.add("fuzz: " + IDX_FILES + " mutated IDX folders and " + CSV_FILES + " CSV files (seed " + (SEED + 1)
                + "), outcomes " + outcomes);
        assertThat(problems).as("seed %d", SEED + 1).isEmpty();
    }

    private String open(String ref, Shape input, int trial) {
        try {
            DataSources.open(ref, input, 1, 0.2);
            return "read";
        } catch (DataException e) {
            if (STACK_TRACE.matcher(e.getMessage()).find() || e.getMessage().contains("Exception")) {
                problems.add("trial " + trial + " " + ref + ": the message names an exception: " + e.getMessage());
            }
            return "refused";
        } catch (Throwable t) { // an OutOfMemoryError is exactly what this test is for
            problems.add("trial " + trial + " " + ref + ": " + t);
            return "escaped";
        }
    }

    private static String csvText() {
        StringBuilder csv = new StringBuilder("a,b,c,d,label\n");
        java.util.Random random = new java.util.Random(3);
        for (int i = 0; i < 30; i++) {
            csv.append(String.format(java.util.Locale.ROOT, "%.2f,%.2f,%.2f,%.2f,c%d%n", random.nextGaussian(),
                    random.nextGaussian(), random.nextGaussian(), random.nextGaussian(), i % 3));
        }
        return csv.toString();
    }

    private static byte[] idx(int magic, int[] dims, int values) {
        byte[] bytes = new byte[4 + 4 * dims.length + values];
        putInt(bytes, 0, magic);
        for (int d = 0; d < dims.length; d++) {
            putInt(bytes, 4 + 4 * d, dims[d]);
        }
        for (int i = 4 + 4 * dims.length; i < bytes.length; i++) {
            bytes[i] = (byte) (i * 31);
        }
        return bytes;
    }

    private static void putInt(byte[] bytes, int at, int value) {
        bytes[at] = (byte) (value >>> 24);
        bytes[at + 1] = (byte) (value >>> 16);
        bytes[at + 2] = (byte) (value >>> 8);
        bytes[at + 3] = (byte) value;
    }

    private static void write(Path file, byte[] bytes, boolean gzip) throws IOException {
        if (!gzip) {
            Files.write(file, bytes);
            return;
        }
        try (GZIPOutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(bytes);
        }
    }

    // ---------------------------------------------------------------- models

    @Test
    void mutatedModelZipsAreEvaluatedOrRefused() throws Exception {
        Path data = Files.writeString(dir.resolve("points.csv"), csvText());
        Design design = new DesignJson().read(designCorpus().get(4), "small");
        Path original = dir.resolve("original.zip");
        ModelZip.write(new DesignCompiler().compile(design, TrainingSettings.defaults()).newNetwork(), original);
        Map<String, byte[]> entries = new java.util.LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(original.toFile())) {
            for (ZipEntry entry : java.util.Collections.list(zip.entries())) {
                entries.put(entry.getName(), zip.getInputStream(entry).readAllBytes());
            }
        }
        Path runDir = Files.createDirectories(dir.resolve("run"));
        new RunRequestJson().write(RunRequest.of(design, "csv:" + data), runDir);
        Mutator mutator = new Mutator(SEED + 2);
        Map<String, Integer> outcomes = new TreeMap<>();
        for (int trial = 0; trial < MODEL_ZIPS; trial++) {
            byte[] zip = mutator.nextInt(3) == 0 ? mutator.mutateBytes(Files.readAllBytes(original), 0)
                    : zipOf(mutatedEntries(entries, mutator));
            Files.write(new RunFolder(runDir).model(), zip);
            String[] args = {"evaluate", runDir.toString()};
            Outcome outcome = run(CommandLine.defaultFactory(), args);
            outcomes.merge("evaluate " + outcome.exitCode, 1, Integer::sum);
            expect(Set.of(0, 2).contains(outcome.exitCode), trial, args, "exit code " + outcome.exitCode, outcome);
            expect(outcome.thrown == null, trial, args, "an exception escaped: " + outcome.thrown, outcome);
            expect(!STACK_TRACE.matcher(outcome.err + outcome.out).find(), trial, args, "a stack trace", outcome);
        }
        expectNoStackTraceOnStderr();
        try (Stream<Path> files = Files.list(runDir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("run.json", "model.zip");
        }
        summaries.add("fuzz: " + MODEL_ZIPS + " mutated model zips (seed " + (SEED + 2) + "), outcomes " + outcomes);
        assertThat(problems).as("seed %d", SEED + 2).isEmpty();
    }

    private static Map<String, byte[]> mutatedEntries(Map<String, byte[]> entries, Mutator mutator) {
        Map<String, byte[]> mutated = new java.util.LinkedHashMap<>(entries);
        List<String> names = new ArrayList<>(entries.keySet());
        String name = names.get(mutator.nextInt(names.size()));
        switch (mutator.nextInt(5)) {
            case 0 -> mutated.remove(name);
            case 1 -> mutated.put("preprocessor.bin", mutator.mutateBytes(new byte[] {(byte) 0xac, (byte) 0xed, 0, 5}, 4));
            case 2 -> mutated.put(name, mutator.mutateText(entries.get(name)).getBytes(StandardCharsets.UTF_8));
            default -> mutated.put(name, mutator.mutateBytes(entries.get(name), 96));
        }
        return mutated;
    }

    private static byte[] zipOf(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(entry.getKey()));
                zip.write(entry.getValue());
            }
        }
        return bytes.toByteArray();
    }

    // ---------------------------------------------------------------- running and judging

    private record Outcome(int exitCode, String out, String err, Throwable thrown) {
    }

    private static Outcome run(CommandLine.IFactory factory, String... args) {
        CapturedCli cli = new CapturedCli(factory);
        try {
            return new Outcome(cli.run(args), cli.out.toString(), cli.err.toString(), null);
        } catch (Throwable t) {
            return new Outcome(-1, cli.out.toString(), cli.err.toString(), t);
        }
    }

    private void expect(boolean ok, int trial, String[] args, String what, Outcome outcome) {
        if (!ok && problems.size() < 20) {
            problems.add("trial " + trial + " (" + String.join(" ", args) + "): " + what + "\n  out: "
                    + outcome.out.strip() + "\n  err: " + outcome.err.strip());
        }
    }

    private void expectNoStackTraceOnStderr() {
        String text = stderr.toString(StandardCharsets.UTF_8);
        if (STACK_TRACE.matcher(text).find()) {
            int at = Math.max(0, text.indexOf("\tat ") - 2000);
            problems.add("a stack trace on stderr:\n" + text.substring(at, Math.min(text.length(), at + 4000)));
        }
    }

    private static void deleteTree(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
