package dev.netwright.runtime.train;

import dev.netwright.runtime.TestDesigns;
import dev.netwright.runtime.compile.DesignCompiler;
import dev.netwright.runtime.compile.TrainingSettings;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNConvHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CPU build ships ND4J's oneDNN library, and DL4J finds it through the bridge class under the name it
 * still looks for ({@code org.nd4j.nativeblas.Nd4jCpu$Environment}); without either, DL4J silently trains
 * convolutions several times slower.
 */
class OneDnnHelpersTest {
    private static final String HELPERS_DISABLE = "org.eclipse.deeplearning4j.helpers.disable";
    private final String before = System.getProperty(HELPERS_DISABLE);

    @AfterEach
    void restoreProperty() {
        if (before == null) {
            System.clearProperty(HELPERS_DISABLE);
        } else {
            System.setProperty(HELPERS_DISABLE, before);
        }
    }

    @Test
    void theBridgeSeesOneDnnInTheShippedNativeLibrary() {
        org.nd4j.linalg.factory.Nd4j.create(1); // loads the backend
        assertThat(org.nd4j.nativeblas.Nd4jCpu.Environment.getInstance().isUseMKLDNN()).isTrue();
    }

    @Test
    void aConvolutionGetsTheOneDnnHelperWhenHelpersAreAllowed() throws Exception {
        System.setProperty(HELPERS_DISABLE, "false");
        assertThat(convolution().getHelper()).isInstanceOf(MKLDNNConvHelper.class);
    }

    @Test
    void dl4jsDefaultLeavesTheHelpersOff() throws Exception {
        System.clearProperty(HELPERS_DISABLE);
        assertThat(convolution().getHelper()).isNull();
    }

    private static ConvolutionLayer convolution() throws Exception {
        ComputationGraph graph = new DesignCompiler().compile(TestDesigns.start().image(8, 8, 1)
                .then("conv", "Conv2D", "filters", 4).then("flat", "Flatten").then("output", "Output", "units", 3)
                .build(), TrainingSettings.defaults()).newNetwork();
        return (ConvolutionLayer) graph.getLayer("conv");
    }
}
