package dev.netwright.runtime.layers.dl4j;

import org.bytedeco.dnnl.engine;
import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.global.dnnl;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Arrays;

/**
 * oneDNN as JavaCPP's dnnl preset gives it (docs/decisions/0006-onednn-lstm.md, 0007-onednn-cnn.md): whether it
 * loads here, its CPU engine, and how ND4J arrays are handed to it. The layers that call it
 * ({@link OneDnnLstm}, {@link OneDnnConvolution}, {@link OneDnnPooling}) fall back to libnd4j's and DL4J's code
 * where it does not apply.
 */
final class OneDnn {
    private static final Logger LOG = LoggerFactory.getLogger(OneDnn.class);
    /** null until {@link #available()} has tried to load the library. */
    private static Boolean loaded;
    private static engine cpu;

    private OneDnn() {
    }

    /**
     * Whether oneDNN can run here: loads the library the first time (the preset's jars are on the class path
     * of every CPU build; a platform without them, or a load failure, leaves the work to libnd4j and DL4J, with a
     * warning in the log).
     */
    static synchronized boolean available() {
        if (loaded == null) {
            try {
                Loader.load(dnnl.class);
                cpu = new engine(engine.kind.cpu, 0);
                loaded = true;
            } catch (RuntimeException | LinkageError e) {
                LOG.warn("oneDNN is not available here ({}); layers use libnd4j's and DL4J's code", e.toString());
                loaded = false;
            }
        }
        return loaded;
    }

    /** Whether an array of this type on this backend can go to oneDNN (which reads host memory, here float). */
    static boolean applies(DataType dataType) {
        return dataType == DataType.FLOAT && Nd4j.getEnvironment().isCPU() && available();
    }

    /** The CPU engine; {@link #available()} must have said yes. */
    static synchronized engine cpu() {
        if (!available()) {
            throw new IllegalStateException("oneDNN is not available");
        }
        return cpu;
    }

    static memory.desc desc(memory.format_tag tag, long... dims) {
        return new memory.desc(dims, memory.data_type.f32, tag);
    }

    /** A memory without a buffer yet: its handle is set before each call. */
    static memory unbound(memory.desc desc) {
        return new memory(desc, cpu(), (Pointer) null);
    }

    /** A memory with a buffer oneDNN allocates and owns. */
    static memory owned(memory.desc desc) {
        return new memory(desc, cpu());
    }

    /**
     * Whether the array's elements lie in c order without gaps (the strides of axes of length 1 do not matter:
     * ND4J gives them various values).
     */
    static boolean isDense(INDArray array) {
        long expected = 1;
        for (int axis = array.rank() - 1; axis >= 0; axis--) {
            if (array.size(axis) != 1 && array.stride(axis) != expected) {
                return false;
            }
            expected *= array.size(axis);
        }
        return true;
    }

    /** oneDNN reads raw memory: float, c order, no gaps, and the shape it was described with. */
    static INDArray requireDense(INDArray array, long... shape) {
        if (array.dataType() != DataType.FLOAT || !isDense(array) || !Arrays.equals(array.shape(), shape)) {
            throw new IllegalArgumentException("oneDNN needs a dense c-order float array of shape "
                    + Arrays.toString(shape) + ", got " + array.shapeInfoToString().replace('\n', ' '));
        }
        return array;
    }

    /** The address of the array's first element (a view's buffer pointer already counts its offset). */
    static Pointer pointerTo(INDArray array) {
        return array.data().addressPointer();
    }

    /** Closes what is not null. */
    static void close(Pointer... pointers) {
        for (Pointer p : pointers) {
            if (p != null) {
                p.close();
            }
        }
    }
}
