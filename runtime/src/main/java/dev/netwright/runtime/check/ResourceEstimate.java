package dev.netwright.runtime.check;

import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.design.Node;
import dev.netwright.runtime.layers.LayerCatalog;
import dev.netwright.runtime.layers.LayerKind;

import java.util.Locale;
import java.util.Optional;

/**
 * What training a design costs, estimated from its checked shapes before anything is allocated: the parameters with
 * their gradients and the optimizer's state, the activations of one minibatch kept for the backward pass, and the
 * multiply-adds per example. Deeplearning4j's workspaces and im2col buffers come on top, so this is a floor that
 * is close for most designs; it is meant to catch a design that cannot fit long before it fails at its first
 * allocation, not to size memory to the megabyte.
 *
 * @param optimizerStates values the optimizer keeps per parameter: Adam 2, RMSProp and Nesterov 1, SGD 0
 */
public record ResourceEstimate(long parameters, long activationValuesPerExample, long multiplyAddsPerExample,
                               int batchSize, int optimizerStates, int bytesPerValue) {
    /** The settings a design is checked at when nothing else is known: what training uses by default. */
    public static final int DEFAULT_BATCH = 64;
    public static final int ADAM_STATES = 2;
    /** Activations are kept, and their gradients computed, once each. */
    private static final int ACTIVATION_COPIES = 2;

    /** Sums the layers whose shapes the check found; a design with errors is estimated for what is known of it. */
    public static ResourceEstimate of(Design design, CheckResult check, LayerCatalog catalog, int batchSize,
                                      int optimizerStates, int bytesPerValue) {
        long activations = 0;
        long multiplyAdds = 0;
        for (Node node : design.nodes()) {
            Optional<LayerKind> kind = catalog.find(node.kind());
            Optional<NodeReport> report = check.node(node.id()).filter(r -> r.output() != null);
            if (kind.isEmpty() || report.isEmpty()) {
                continue;
            }
            var params = kind.get().read(node);
            activations = add(activations, kind.get().activationValues(params, report.get().output()));
            multiplyAdds = add(multiplyAdds, kind.get().multiplyAdds(params, report.get().output(), report.get().params()));
        }
        return new ResourceEstimate(check.totalParams(), activations, multiplyAdds, batchSize, optimizerStates,
                bytesPerValue);
    }

    /** At the default settings: a minibatch of {@value #DEFAULT_BATCH}, Adam, single precision. */
    public static ResourceEstimate atDefaults(Design design, CheckResult check, LayerCatalog catalog) {
        return of(design, check, catalog, DEFAULT_BATCH, ADAM_STATES, Float.BYTES);
    }

    /** The parameters, their gradients and the optimizer's state. */
    public long parameterBytes() {
        return times(parameters, (2L + optimizerStates) * bytesPerValue);
    }

    /** One minibatch's activations and their gradients. */
    public long activationBytes() {
        return times(times(activationValuesPerExample, batchSize), (long) ACTIVATION_COPIES * bytesPerValue);
    }

    public long trainingBytes() {
        return add(parameterBytes(), activationBytes());
    }

    /**
     * E.g. "about 1.2 GiB to train with Adam at batch 64 (parameters, gradients and optimizer state 820 MiB;
     * activations 410 MiB)"; {@code optimizer} names the optimizer the estimate assumed.
     */
    public String describeMemory(String optimizer) {
        return String.format(Locale.ROOT, "about %s to train with %s at batch %d (parameters, gradients and optimizer "
                + "state %s; activations %s)", Sizes.bytes(trainingBytes()), optimizer, batchSize,
                Sizes.bytes(parameterBytes()), Sizes.bytes(activationBytes()));
    }

    /** E.g. "12.3 million multiply-adds per example". */
    public String describeCost() {
        return Sizes.count(multiplyAddsPerExample) + " multiply-adds per example";
    }

    private static long add(long a, long b) {
        return b > Long.MAX_VALUE - a ? Long.MAX_VALUE : a + b;
    }

    private static long times(long a, long b) {
        return a != 0 && b > Long.MAX_VALUE / a ? Long.MAX_VALUE : a * b;
    }
}
