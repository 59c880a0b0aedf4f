package dev.netwright.runtime.compile;

import dev.netwright.runtime.design.Node;
import dev.netwright.runtime.layers.dl4j.FrozenNodeLayer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.conf.layers.wrapper.BaseWrapperLayer;
import org.deeplearning4j.nn.params.EmptyParamInitializer;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * How a node's {@code trainable} and {@code learnRateFactor} reach the layers its kind emits. A frozen node's layers
 * with parameters are wrapped in a {@link FrozenNodeLayer} (DL4J's FrozenLayerWithBackprop, mended): their parameters
 * get no update, no updater state and no regularisation, they run in inference mode (BatchNorm uses and keeps its running statistics), and the gradient still
 * flows through them to trainable nodes before. Layers without parameters (dropout inside a composite) stay as they
 * are, so a frozen block still drops out while training, as Keras's {@code trainable=False} does. A factor other than 1
 * gives the layer its own copy of the run's optimizer with the rate times the factor.
 */
public final class NodeTraining {
    private NodeTraining() {
    }

    /** {@code layer} as {@code node}'s settings make it: wrapped when frozen, with its own optimizer for a factor. */
    public static Layer apply(Node node, Layer layer, IUpdater runUpdater) {
        if (!node.trainable()) {
            return hasParameters(layer) ? new FrozenNodeLayer(layer) : layer;
        }
        if (node.learnRateFactor() != Node.DEFAULT_LEARN_RATE_FACTOR) {
            IUpdater scaled = runUpdater.clone();
            if (scaled.hasLearningRate()) {
                scaled.setLrAndSchedule(runUpdater.getLearningRate(0, 0) * node.learnRateFactor(), null);
            }
            setUpdater(layer, scaled);
        }
        return layer;
    }

    static boolean hasParameters(Layer layer) {
        return !(layer.initializer() instanceof EmptyParamInitializer);
    }

    /** Sets the updater on the layer, or on the layers a wrapper (LastTimeStep, TimeDistributed, Bidirectional) holds. */
    private static void setUpdater(Layer layer, IUpdater updater) {
        if (layer instanceof Bidirectional b) {
            setUpdater(b.getFwd(), updater);
            setUpdater(b.getBwd(), updater.clone());
        } else if (layer instanceof BaseWrapperLayer w) {
            setUpdater(w.getUnderlying(), updater);
        } else if (layer instanceof BaseLayer b) {
            b.setIUpdater(updater);
        }
    }
}
