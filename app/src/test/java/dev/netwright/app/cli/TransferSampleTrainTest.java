package dev.netwright.app.cli;

import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.train.ModelZip;
import dev.netwright.runtime.train.RunFolder;
import dev.netwright.runtime.train.RunRequestJson;
import dev.netwright.runtime.weights.DesignWeights;
import dev.netwright.samples.Samples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 18: sample:transfer trains offline on the bundled subset, from its pretrained body, its convolutions frozen. */
class TransferSampleTrainTest {
    @TempDir
    Path dir;

    @Test
    void theTransferSampleTrainsOnTheBundledSubsetFromItsPretrainedBody() throws Exception {
        CapturedCli cli = new CapturedCli();
        Path run = dir.resolve("run");

        int code = cli.run("train", "sample:transfer", "--data", "fashion-mnist-sample#classes=5,6,7,8,9#per-class=20",
                "--epochs", "1", "--max-validation", "32", "--backend", "cpu", "--out", run.toString());

        assertThat(code).as(cli.err.toString()).isEqualTo(ExitCodes.OK);
        assertThat(cli.out.toString()).contains("Starting from the design's weights")
                .contains("Frozen (not trained): conv1, conv2, conv3")
                .contains("kept classes Sandal, Shirt, Sneaker, Bag, Ankle boot (as 0..4), 20 training images per class");
        assertThat(Files.isRegularFile(new RunFolder(run).evaluation())).isTrue();
        Design ran = new RunRequestJson().read(run).design();
        DesignWeights after = DesignWeights.extract(ModelZip.read(new RunFolder(run).model(), false), ran);
        DesignWeights shipped = DesignWeights.read(Path.of(Samples.load("transfer").weights().orElseThrow()));
        assertThat(after.node("conv1").get("W")).isEqualTo(shipped.node("conv1").get("W"));
        assertThat(after.node("dense1").get("W")).isNotEqualTo(shipped.node("dense1").get("W"));
    }
}
