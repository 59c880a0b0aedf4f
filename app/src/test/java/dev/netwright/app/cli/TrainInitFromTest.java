package dev.netwright.app.cli;

import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.format.DesignJson;
import dev.netwright.runtime.train.ModelZip;
import dev.netwright.runtime.train.RunFolder;
import dev.netwright.runtime.train.RunRequest;
import dev.netwright.runtime.train.RunRequestJson;
import dev.netwright.runtime.weights.DesignWeights;
import dev.netwright.samples.Samples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code train --init-from RUN_DIR|DESIGN|MODEL --freeze NODE,...}: a run starts from another run's weights by node id,
 * names the nodes that start from random weights, and leaves its frozen nodes' parameters as they started.
 */
class TrainInitFromTest {
    private static final String[] TINY = {"--max-train", "32", "--max-validation", "32", "--epochs", "1", "--batch",
            "16", "--backend", "cpu"};

    @TempDir
    Path dir;

    private int train(CapturedCli cli, String... args) {
        String[] all = new String[args.length + TINY.length + 1];
        all[0] = "train";
        System.arraycopy(args, 0, all, 1, args.length);
        System.arraycopy(TINY, 0, all, 1 + args.length, TINY.length);
        return cli.run(all);
    }

    private static DesignWeights modelWeights(Path runDir) throws Exception {
        Design design = new RunRequestJson().read(runDir).design();
        return DesignWeights.extract(ModelZip.read(new RunFolder(runDir).model(), false), design);
    }

    private static boolean same(INDArray a, INDArray b) {
        return Arrays.equals(a.dup('c').reshape(a.length()).toFloatVector(), b.dup('c').reshape(b.length()).toFloatVector());
    }

    @Test
    void aRunStartsFromAnotherRunsWeightsAndKeepsItsFrozenNodesAsTheyStarted() throws Exception {
        CapturedCli cli = new CapturedCli();
        Path first = dir.resolve("first");
        assertThat(train(cli, "sample:cnn", "--out", first.toString())).as(cli.err.toString()).isEqualTo(ExitCodes.OK);
        Path second = dir.resolve("second");

        int code = train(cli, "sample:cnn", "--init-from", first.toString(), "--freeze", "conv1,conv2",
                "--out", second.toString());

        assertThat(code).as(cli.err.toString()).isEqualTo(ExitCodes.OK);
        assertThat(cli.out.toString()).contains("Starting from the weights of " + first.toAbsolutePath()
                + ": 5 nodes keep them.");
        assertThat(cli.out.toString()).contains("Frozen (not trained): conv1, conv2 (");
        RunRequest recorded = new RunRequestJson().read(second);
        assertThat(recorded.initFrom()).isEqualTo(first.toAbsolutePath().toString());
        assertThat(recorded.design().requireNode("conv1").trainable()).isFalse();
        assertThat(recorded.design().requireNode("conv2").trainable()).isFalse();
        assertThat(recorded.design().requireNode("conv3").trainable()).isTrue();
        assertThat(recorded.design().weights()).contains(second.resolve(StartingWeights.FILE_NAME).toAbsolutePath()
                .toString());

        DesignWeights trained = modelWeights(first);
        DesignWeights start = DesignWeights.read(second.resolve(StartingWeights.FILE_NAME));
        DesignWeights after = modelWeights(second);
        assertThat(start.nodeIds()).containsExactlyElementsOf(trained.nodeIds());
        for (String node : trained.nodeIds()) {
            for (Map.Entry<String, INDArray> param : trained.node(node).entrySet()) {
                assertThat(same(param.getValue(), start.node(node).get(param.getKey())))
                        .as("step 0 of %s/%s is the first run's", node, param.getKey()).isTrue();
                boolean frozen = node.equals("conv1") || node.equals("conv2");
                assertThat(same(param.getValue(), after.node(node).get(param.getKey())))
                        .as("%s/%s after training (frozen: %s)", node, param.getKey(), frozen).isEqualTo(frozen);
            }
        }
        // the run with frozen nodes evaluates and exports as any run does
        assertThat(cli.run("evaluate", second.toString())).as(cli.err.toString()).isEqualTo(ExitCodes.OK);
        assertThat(cli.run("export", second.toString(), "--to", "onnx", "-o", dir.resolve("m.onnx").toString()))
                .as(cli.err.toString()).isEqualTo(ExitCodes.OK);
        assertThat(cli.run("export", second.toString(), "--to", "pytorch", "-o", dir.resolve("m.py").toString()))
                .as(cli.err.toString()).isEqualTo(ExitCodes.OK);
    }

    @Test
    void nodesWhoseShapesChangedStartFromRandomWeightsAndAreNamed() throws Exception {
        Path first = dir.resolve("first");
        assertThat(train(new CapturedCli(), "sample:cnn", "--out", first.toString())).isEqualTo(ExitCodes.OK);
        Design cnn = Samples.load("cnn");
        Path wider = dir.resolve("wider.json");
        new DesignJson().write(cnn.withNode(cnn.requireNode("conv3").withParam("filters", 32)), wider);
        CapturedCli cli = new CapturedCli(new NoTraining());

        // the worker is /bin/true: the run folder is prepared, nothing trains
        train(cli, wider.toString(), "--init-from", first.toString(), "--out", dir.resolve("run").toString());

        assertThat(cli.out.toString()).contains(": 3 nodes keep them. conv3 and dense1 start from random weights: "
                + "their shapes changed.");
        DesignWeights start = DesignWeights.read(dir.resolve("run").resolve(StartingWeights.FILE_NAME));
        assertThat(start.nodeIds()).containsExactly("conv1", "conv2", "output");
    }

    @Test
    void anUnknownNodeToFreezeIsRefusedNamingItAndTheClosestId() {
        CapturedCli cli = new CapturedCli(new NoTraining());

        int code = train(cli, "sample:cnn", "--freeze", "conv1,dense", "--out", dir.resolve("run").toString());

        assertThat(code).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(cli.err.toString()).contains("--freeze: the design has no node 'dense'; did you mean 'dense1'?");
        assertThat(Files.exists(dir.resolve("run"))).isFalse();
    }

    @Test
    void freezingTheOutputIsRefused() {
        CapturedCli cli = new CapturedCli(new NoTraining());

        assertThat(train(cli, "sample:cnn", "--freeze", "output", "--out", dir.resolve("run").toString()))
                .isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(cli.err.toString()).contains("'output' is the Output");
    }

    @Test
    void aDesignWithoutWeightsOrAFolderThatIsNoRunIsRefusedNamingIt() throws Exception {
        Path design = dir.resolve("plain.json");
        new DesignJson().write(Samples.load("cnn"), design);
        CapturedCli cli = new CapturedCli(new NoTraining());

        assertThat(train(cli, "sample:cnn", "--init-from", design.toString(), "--out", dir.resolve("a").toString()))
                .isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(cli.err.toString()).contains("--init-from: the design " + design + " has no trained weights");
        Files.createDirectories(dir.resolve("empty"));
        assertThat(train(cli, "sample:cnn", "--init-from", dir.resolve("empty").toString(), "--out",
                dir.resolve("b").toString())).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(cli.err.toString()).contains("is no run folder");
        assertThat(Files.exists(dir.resolve("a"))).isFalse();
    }
}
