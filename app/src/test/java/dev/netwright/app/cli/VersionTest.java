package dev.netwright.app.cli;

import dev.netwright.app.version.NetwrightVersion;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class VersionTest {
    @Test
    void theReleaseComesFromThePomWithoutSnapshot() {
        // filtered from the parent POM's revision: a number, not the unreplaced ${revision} nor 0.1.0-SNAPSHOT
        assertThat(NetwrightVersion.release()).matches("\\d+\\.\\d+\\.\\d+");
        assertThat(NetwrightVersion.deeplearning4j()).matches("\\d+\\.\\d+\\.\\d+(-M\\d+(\\.\\d+)?)?");
    }

    @Test
    void versionOptionPrintsTheRelease() {
        CapturedCli cli = new CapturedCli();

        assertThat(cli.run("--version")).isZero();

        assertThat(cli.out.toString().strip()).isEqualTo("Netwright " + NetwrightVersion.release());
    }
}
