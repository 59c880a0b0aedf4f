package dev.netwright.app.cli;

import dev.netwright.runtime.check.CheckResult;
import dev.netwright.runtime.check.Checker;
import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.format.DesignJson;
import dev.netwright.samples.Samples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code netwright check} counts a frozen node's parameters as not trainable. */
class CheckFrozenNodesTest {
    @TempDir
    Path dir;

    @Test
    void frozenNodesParametersAreCountedAsNotTrainable() throws Exception {
        Design cnn = Samples.load("cnn");
        Design frozen = cnn.withNode(cnn.requireNode("conv1").withTrainable(false))
                .withNode(cnn.requireNode("conv2").withTrainable(false));
        Path file = dir.resolve("frozen.json");
        new DesignJson().write(frozen, file);
        CheckResult check = new Checker().check(frozen);
        long conv1 = check.node("conv1").orElseThrow().params();
        long conv2 = check.node("conv2").orElseThrow().params();
        assertThat(check.frozenParams()).isEqualTo(conv1 + conv2);
        assertThat(check.trainableParams()).isEqualTo(check.totalParams() - conv1 - conv2);
        CapturedCli cli = new CapturedCli();

        assertThat(cli.run("check", file.toString())).isEqualTo(ExitCodes.OK);

        assertThat(cli.out.toString()).containsPattern("(?m)^conv1 .* no$").containsPattern("(?m)^conv3 .* yes$")
                .contains(String.format(Locale.ROOT, "Trainable: %,d; non-trainable: %,d", check.trainableParams(),
                        conv1 + conv2));
    }
}
