package dev.netwright.runtime.layers.dl4j;

import org.bytedeco.dnnl.IntMemoryMap;
import org.bytedeco.dnnl.memory;
import org.nd4j.linalg.api.ndarray.INDArray;

import static dev.netwright.runtime.layers.dl4j.OneDnn.pointerTo;
import static dev.netwright.runtime.layers.dl4j.OneDnn.requireDense;
import static dev.netwright.runtime.layers.dl4j.OneDnn.unbound;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_SCALE;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_SHIFT;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_SRC;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_MEAN;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SCALE;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SHIFT;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SRC;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_VARIANCE;

/**
 * The memories of oneDNN's batch and layer normalisation primitives over DL4J's arrays, whose data handles are set
 * before each call: the data (x, y; dy and dx backward), the scale and shift (gamma, beta; their gradients backward)
 * and the statistics (mean, variance). Each array is checked to be dense c-order of the shape it stands for. Not
 * thread-safe: one instance per primitive and shape.
 */
final class NormalizationMemories implements AutoCloseable {
    private final long[] dataShape;
    private final long scaleLength;
    private final long statisticsLength;
    private final memory src;
    private final memory dst;
    private final memory scale;
    private final memory shift;
    private final memory mean;
    private final memory variance;
    private final memory diffSrc;
    private final memory diffScale;
    private final memory diffShift;

    /**
     * @param data       the data's descriptor, of shape {@code dataShape}
     * @param scales     the scale's and shift's descriptor (a vector of {@code scaleLength})
     * @param statistics the mean's and variance's descriptor (a vector of {@code statisticsLength})
     */
    NormalizationMemories(memory.desc data, long[] dataShape, memory.desc scales, long scaleLength,
                          memory.desc statistics, long statisticsLength) {
        this.dataShape = dataShape.clone();
        this.scaleLength = scaleLength;
        this.statisticsLength = statisticsLength;
        src = unbound(data);
        dst = unbound(data);
        scale = unbound(scales);
        shift = unbound(scales);
        mean = unbound(statistics);
        variance = unbound(statistics);
        diffSrc = unbound(data);
        diffScale = unbound(scales);
        diffShift = unbound(scales);
    }

    /** The arguments of a forward pass from x to y, with gamma, beta and the statistics (written or read). */
    IntMemoryMap forward(INDArray x, INDArray y, INDArray gamma, INDArray beta, INDArray statisticsMean,
                         INDArray statisticsVariance) {
        IntMemoryMap args = scaleAndStatistics(gamma, beta, statisticsMean, statisticsVariance);
        args.put(DNNL_ARG_SRC, bind(src, x, dataShape));
        args.put(DNNL_ARG_DST, bind(dst, y, dataShape));
        return args;
    }

    /**
     * The arguments of the backward pass over x, whose forward pass wrote the statistics, from dL/dy to dx, dGamma and
     * dBeta.
     */
    IntMemoryMap backward(INDArray x, INDArray gamma, INDArray beta, INDArray statisticsMean,
                          INDArray statisticsVariance, INDArray dy, INDArray dx, INDArray dGamma, INDArray dBeta) {
        IntMemoryMap args = scaleAndStatistics(gamma, beta, statisticsMean, statisticsVariance);
        args.put(DNNL_ARG_SRC, bind(src, x, dataShape));
        args.put(DNNL_ARG_DIFF_DST, bind(dst, dy, dataShape)); // dst holds dy
        args.put(DNNL_ARG_DIFF_SRC, bind(diffSrc, dx, dataShape));
        args.put(DNNL_ARG_DIFF_SCALE, bind(diffScale, dGamma, scaleLength));
        args.put(DNNL_ARG_DIFF_SHIFT, bind(diffShift, dBeta, scaleLength));
        return args;
    }

    private IntMemoryMap scaleAndStatistics(INDArray gamma, INDArray beta, INDArray statisticsMean,
                                            INDArray statisticsVariance) {
        IntMemoryMap args = new IntMemoryMap();
        args.put(DNNL_ARG_SCALE, bind(scale, gamma, scaleLength));
        args.put(DNNL_ARG_SHIFT, bind(shift, beta, scaleLength));
        args.put(DNNL_ARG_MEAN, bind(mean, statisticsMean, statisticsLength));
        args.put(DNNL_ARG_VARIANCE, bind(variance, statisticsVariance, statisticsLength));
        return args;
    }

    private static memory bind(memory memory, INDArray array, long... shape) {
        memory.set_data_handle(pointerTo(requireDense(array, shape)));
        return memory;
    }

    @Override
    public void close() {
        OneDnn.close(src, dst, scale, shift, mean, variance, diffSrc, diffScale, diffShift);
    }
}
