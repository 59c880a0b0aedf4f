package dev.netwright.app.cli;

import dev.netwright.app.training.RunList;
import dev.netwright.app.training.RunRecord;
import dev.netwright.runtime.sweep.ClusterTrials;
import dev.netwright.runtime.sweep.Experiment;
import dev.netwright.runtime.sweep.ExperimentJson;
import dev.netwright.runtime.sweep.Trial;
import dev.netwright.runtime.train.RunFolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code netwright sweep}: refusals before anything runs, and one small sweep end to end in worker processes. */
class SweepCommandTest {
    /** 40 training images of two classes from the bundled subset: a trial trains in seconds, on a fresh clone too. */
    private static final String TINY_DATA = "fashion-mnist-sample#classes=5,6#per-class=20";

    @TempDir
    Path dir;

    private final CapturedCli cli = new CapturedCli();

    /** Two 3x3 convolutions; with both kernels 15 high the second has no room left (28-15+1 = 14 < 15). */
    private Path tinyDesign() throws Exception {
        Path file = dir.resolve("tiny.json");
        Files.writeString(file, """
                { "formatVersion" : 1, "name" : "Tiny CNN", "nodes" : [
                  { "id" : "input", "kind" : "Input", "params" : { "form" : "image", "height" : 28, "width" : 28, "channels" : 1 } },
                  { "id" : "conv1", "kind" : "Conv2D", "params" : { "filters" : 2, "kernelHeight" : 3, "kernelWidth" : 3 } },
                  { "id" : "conv2", "kind" : "Conv2D", "params" : { "filters" : 2, "kernelHeight" : 3, "kernelWidth" : 3 } },
                  { "id" : "flat", "kind" : "Flatten" },
                  { "id" : "output", "kind" : "Output", "params" : { "units" : 2 } } ],
                  "edges" : [ { "from" : "input", "to" : "conv1" }, { "from" : "conv1", "to" : "conv2" },
                              { "from" : "conv2", "to" : "flat" }, { "from" : "flat", "to" : "output" } ] }
                """);
        return file;
    }

    @Test
    void aSmallGridSweepTrainsEachTrialAsARunAndReportsTheOneThatCannotWork() throws Exception {
        Path design = tinyDesign();
        Path out = dir.resolve("sweep");
        String[] command = {"sweep", design.toString(), "--param", "conv1.kernelHeight=3,15", "--param",
                "conv2.kernelHeight=3,15", "--strategy", "grid", "--epochs", "1", "--data", TINY_DATA,
                "--max-validation", "100", "--backend", "cpu", "--parallel", "4", "--out", out.toString()};
        int code = cli.run(command);
        assertThat(code).as(cli.out + "\n" + cli.err).isEqualTo(ExitCodes.OK);

        Experiment experiment = new ExperimentJson().read(out);
        assertThat(experiment.trials()).hasSize(4);
        assertThat(experiment.trials()).filteredOn(t -> t.state() == Trial.State.FINISHED).hasSize(3)
                .allSatisfy(t -> {
                    assertThat(t.bestValidationAccuracy()).isBetween(0.0, 1.0);
                    assertThat(t.epochs()).isEqualTo(1);
                    assertThat(new RunFolder(out.resolve(t.id())).model()).isRegularFile();
                    assertThat(out.resolve(t.id()).resolve("run.json")).isRegularFile();
                });
        Trial impossible = experiment.trial("trial-004");
        assertThat(impossible.state()).isEqualTo(Trial.State.FAILED);
        assertThat(impossible.message()).startsWith("The design check refuses these settings: conv2:");
        String printed = cli.out.toString();
        assertThat(printed).contains("trial-004 failed: The design check refuses these settings: conv2:")
                .contains("trial  ").contains("conv1.kernelHeight").contains("best val acc");
        // the table is best first, the failed trial last
        String table = printed.substring(printed.indexOf("best first"));
        assertThat(table.indexOf(experiment.ranked().get(0).id())).isLessThan(table.indexOf("trial-004"));

        // a trial folder is an ordinary run, evaluated by its worker and listed with the runs beside the experiment
        assertThat(new RunFolder(out.resolve("trial-001")).evaluation()).isRegularFile();
        assertThat(RunList.list(dir)).extracting(RunRecord::name)
                .contains("sweep/trial-001", "sweep/trial-002", "sweep/trial-003");

        // --show prints the same table without training
        cli.out.getBuffer().setLength(0);
        assertThat(cli.run("sweep", "--show", out.toString())).isEqualTo(ExitCodes.OK);
        assertThat(cli.out.toString()).contains("Tiny CNN: grid sweep over conv1.kernelHeight=3,15 conv2.kernelHeight=3,15")
                .contains("trial-004 failed:");

        // the same command into the same folder goes on: everything has ended, so it reports and trains nothing
        cli.out.getBuffer().setLength(0);
        assertThat(cli.run(command)).isEqualTo(ExitCodes.OK);
        assertThat(cli.out.toString()).contains("Going on with the experiment").contains("trial-001 finished").contains("(before)")
                .doesNotContain("started (of 4)");
        assertThat(new ExperimentJson().read(out)).isEqualTo(experiment);
    }

    @Test
    void mistakesAreRefusedBeforeAnythingRuns() throws Exception {
        String design = tinyDesign().toString();
        assertThat(cli.run("sweep", design, "--param", "conv3.filters=2,4")).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(cli.err.toString()).contains("--param conv3.filters: the design has no node 'conv3'; did you mean 'conv1'?");

        assertThat(cli.run("sweep", design, "--param", "conv1.filter=2,4")).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(cli.err.toString()).contains("node 'conv1' (Conv2D) has no property 'filter'; it has filters");

        assertThat(cli.run("sweep", design, "--param", "conv1.kernelHeight=3,30")).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(cli.err.toString()).contains("with 30 the design check fails: conv1:");

        assertThat(cli.run("sweep", design, "--param", "lr=1e-4..1e-2:log", "--strategy", "grid")).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(cli.err.toString()).contains("lr: a grid needs explicit values or a count");

        assertThat(cli.run("sweep", design, "--param", "epochs=1,2", "--strategy", "halving")).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(cli.err.toString()).contains("--param epochs cannot go with --strategy halving");

        assertThat(cli.run("sweep", design, "--param", "lr=0.01", "--strategy", "bayes")).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(cli.err.toString()).contains("--strategy must be grid, random or halving, not 'bayes'");

        Path busy = Files.createDirectories(dir.resolve("busy"));
        Files.writeString(busy.resolve("notes.txt"), "mine");
        assertThat(cli.run("sweep", design, "--param", "lr=0.01", "--out", busy.toString(), "--data", TINY_DATA))
                .isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(cli.err.toString()).contains("is not empty and holds no experiment");

        assertThat(cli.run("sweep", "--resume", dir.resolve("nothing").toString())).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(cli.err.toString()).contains("Cannot read the experiment:").contains("holds no experiment");

        assertThat(cli.run("sweep", design, "--param", "lr=0.01", "--parallel", "9")).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(cli.err.toString()).contains("--parallel must be from 1 to 8, not 9");

        assertThat(cli.run("sweep")).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(cli.err.toString()).contains("Name a DESIGN to sweep");
        assertThat(Files.list(busy)).hasSize(1);
    }

    @Test
    void anOutFolderHoldingAnotherSweepIsRefused() throws Exception {
        Path out = dir.resolve("other");
        Files.createDirectories(out);
        new ExperimentJson().write(new Experiment("x.json", "X", Experiment.Strategy.RANDOM, java.util.List.of("lr=0.1"),
                1, 1, 0, 1, java.util.List.of(), java.util.List.of()), out);
        assertThat(cli.run("sweep", tinyDesign().toString(), "--param", "lr=0.01", "--out", out.toString(), "--data",
                TINY_DATA)).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(cli.err.toString()).contains("holds another sweep (random over lr=0.1").contains("--resume");
    }

    @Test
    void clusterWithoutTheClusterModuleSaysWhatToInstallAndWritesNothing() throws Exception {
        Path out = dir.resolve("sweep");
        assertThat(cli.run("sweep", tinyDesign().toString(), "--param", "lr=0.01,0.1", "--data", TINY_DATA,
                "--cluster", "spark://127.0.0.1:7077", "--out", out.toString())).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(cli.err.toString()).contains("--cluster needs Netwright's cluster module")
                .contains("mvn -B -DskipTests package -pl app,cluster -am");
        assertThat(out).doesNotExist();
    }

    @Test
    void anUnreachableClusterIsNamedRecordedInTheExperimentAndLeavesTheDesignAlone() throws Exception {
        Path design = tinyDesign();
        byte[] before = Files.readAllBytes(design);
        ClusterTrials unreachable = master -> {
            throw new java.io.IOException("Cannot reach the Spark master " + master + ": connection refused");
        };
        CapturedCli withCluster = new CapturedCli(new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> cls) throws Exception {
                return cls == SweepCommand.class ? cls.cast(new SweepCommand(null, unreachable))
                        : CommandLine.defaultFactory().create(cls);
            }
        });
        Path out = dir.resolve("sweep");
        assertThat(withCluster.run("sweep", design.toString(), "--param", "lr=0.01,0.1", "--strategy", "grid", "--data",
                TINY_DATA, "--cluster", "spark://127.0.0.1:9", "--out", out.toString())).isEqualTo(ExitCodes.RUN_FAILED);
        assertThat(withCluster.err.toString()).contains("Cannot reach the Spark master spark://127.0.0.1:9")
                .contains("--resume " + out);
        Experiment experiment = new ExperimentJson().read(out);
        assertThat(experiment.cluster()).isEqualTo("spark://127.0.0.1:9");
        assertThat(experiment.problem()).isEqualTo("Cannot reach the Spark master spark://127.0.0.1:9: connection refused");
        assertThat(experiment.trials()).hasSize(2).allSatisfy(t -> assertThat(t.state()).isEqualTo(Trial.State.PENDING));
        assertThat(Files.readAllBytes(design)).isEqualTo(before);
        // --show says where it was to run and why it stopped
        assertThat(cli.run("sweep", "--show", out.toString())).isEqualTo(ExitCodes.OK);
        assertThat(cli.out.toString()).contains("best first, on spark://127.0.0.1:9")
                .contains("The sweep stopped: Cannot reach the Spark master spark://127.0.0.1:9: connection refused");
    }
}
