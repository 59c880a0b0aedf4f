package dev.netwright.runtime.layers.dl4j;

import org.bytedeco.dnnl.IntMemoryMap;
import org.bytedeco.dnnl.engine;
import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.primitive;
import org.bytedeco.dnnl.stream;
import org.bytedeco.dnnl.global.dnnl;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.Pointer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.util.ConvolutionUtils;
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

    /** The array in the given type, dense (a copy when it is another type or not dense). */
    static INDArray dense(INDArray array, DataType type) {
        INDArray typed = array.castTo(type);
        return isDense(typed) ? typed : typed.dup('c');
    }

    /**
     * Where DL4J places a 2-D window (convolution or pooling) on an NCHW input: the output's height and width and
     * the padding on each side. Same mode pads as {@link ConvolutionUtils#getSameModeTopLeftPadding} says at the
     * top and left; the far sides get what the last window needs beyond the input, none when Truncate drops the
     * rest (oneDNN's floor division then drops it too).
     */
    record Window(long outH, long outW, long padTop, long padLeft, long padBottom, long padRight) {
        static Window of(INDArray nchw, int[] kernel, int[] strides, int[] dilation, int[] padding,
                ConvolutionMode mode) {
            int[] in = {(int) nchw.size(2), (int) nchw.size(3)};
            int[] outSize;
            int[] pad;
            if (mode == ConvolutionMode.Same) {
                outSize = ConvolutionUtils.getOutputSize(nchw, kernel, strides, null, mode, dilation, CNN2DFormat.NCHW);
                pad = ConvolutionUtils.getSameModeTopLeftPadding(outSize, in, kernel, strides, dilation);
            } else {
                pad = padding;
                outSize = ConvolutionUtils.getOutputSize(nchw, kernel, strides, pad, mode, dilation, CNN2DFormat.NCHW);
            }
            long padBottom = Math.max(0,
                    (long) (outSize[0] - 1) * strides[0] + (long) (kernel[0] - 1) * dilation[0] + 1 - in[0] - pad[0]);
            long padRight = Math.max(0,
                    (long) (outSize[1] - 1) * strides[1] + (long) (kernel[1] - 1) * dilation[1] + 1 - in[1] - pad[1]);
            return new Window(outSize[0], outSize[1], pad[0], pad[1], padBottom, padRight);
        }
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

    /** Runs one primitive on the stream and waits for it; the argument map is freed either way. */
    static void run(primitive primitive, stream stream, IntMemoryMap args) {
        try {
            primitive.execute(stream, args);
            stream._wait();
        } finally {
            args.close();
        }
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
