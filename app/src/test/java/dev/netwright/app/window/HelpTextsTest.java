package dev.netwright.app.window;

import dev.netwright.app.version.NetwrightVersion;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HelpTextsTest {
    @Test
    void aboutNamesTheReleaseAndDeeplearning4jFromTheBuild() {
        assertThat(HelpTexts.about())
                .startsWith("Netwright " + NetwrightVersion.release() + " \u2014 design deep-learning models")
                .contains("Training: Deeplearning4j " + NetwrightVersion.deeplearning4j() + " in a separate worker");
    }
}
