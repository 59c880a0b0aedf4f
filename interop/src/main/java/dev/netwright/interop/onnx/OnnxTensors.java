package dev.netwright.interop.onnx;

import dev.netwright.interop.ModelImportException;
import onnx.Onnx;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.shade.protobuf.ByteString;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * ONNX tensors as Java values: float32 tensors (raw_data little-endian, or float_data) as ND4J arrays, int64 and int32
 * tensors (raw_data or int64_data/int32_data) as longs. A tensor whose data does not fill its declared shape, or that
 * keeps its data outside the file, is refused naming it.
 */
final class OnnxTensors {
    private OnnxTensors() {
    }

    /** Whether the tensor holds float32 values. */
    static boolean isFloat(Onnx.TensorProto t) {
        return t.getDataType() == Onnx.TensorProto.DataType.FLOAT_VALUE;
    }

    /** Whether the tensor holds int64 or int32 values. */
    static boolean isInteger(Onnx.TensorProto t) {
        return t.getDataType() == Onnx.TensorProto.DataType.INT64_VALUE
                || t.getDataType() == Onnx.TensorProto.DataType.INT32_VALUE;
    }

    /** A float32 tensor in its own shape (a scalar for no dimensions). */
    static INDArray floats(Onnx.TensorProto t, String source) throws ModelImportException {
        float[] values = floatValues(t, source);
        long[] shape = t.getDimsList().stream().mapToLong(Long::longValue).toArray();
        return shape.length == 0 ? Nd4j.scalar(values[0]) : Nd4j.create(values, shape, 'c').castTo(DataType.FLOAT);
    }

    /** A float32 tensor's values, flat in c order. */
    static float[] floatValues(Onnx.TensorProto t, String source) throws ModelImportException {
        long count = elements(t, source);
        if (t.getDataLocation() == Onnx.TensorProto.DataLocation.EXTERNAL) {
            throw new ModelImportException(source + ": tensor '" + t.getName() + "' keeps its data in another file; "
                    + "Netwright reads ONNX files that hold their weights (save without external data)");
        }
        // the data is measured against the declared shape before anything of that shape is allocated
        ByteString raw = t.getRawData();
        requireLength(t, raw.isEmpty() ? t.getFloatDataCount() : raw.size(), raw.isEmpty() ? count : count * 4,
                raw.isEmpty() ? "values" : "bytes", source);
        float[] values = new float[(int) count];
        if (!raw.isEmpty()) {
            raw.asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
        } else {
            for (int i = 0; i < count; i++) {
                values[i] = t.getFloatData(i);
            }
        }
        return values;
    }

    /** An int64 or int32 tensor's values, flat. */
    static long[] longs(Onnx.TensorProto t, String source) throws ModelImportException {
        long count = elements(t, source);
        boolean int64 = t.getDataType() == Onnx.TensorProto.DataType.INT64_VALUE;
        ByteString raw = t.getRawData();
        long found = !raw.isEmpty() ? raw.size() : int64 ? t.getInt64DataCount() : t.getInt32DataCount();
        requireLength(t, found, !raw.isEmpty() ? count * (int64 ? 8 : 4) : count, raw.isEmpty() ? "values" : "bytes", source);
        long[] values = new long[(int) count];
        if (!raw.isEmpty()) {
            ByteBuffer buffer = raw.asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < count; i++) {
                values[i] = int64 ? buffer.getLong() : buffer.getInt();
            }
        } else if (int64) {
            for (int i = 0; i < count; i++) {
                values[i] = t.getInt64Data(i);
            }
        } else {
            for (int i = 0; i < count; i++) {
                values[i] = t.getInt32Data(i);
            }
        }
        return values;
    }

    private static long elements(Onnx.TensorProto t, String source) throws ModelImportException {
        long count = 1;
        for (long d : t.getDimsList()) {
            if (d < 0 || (d > 0 && count > Integer.MAX_VALUE / d)) {
                throw new ModelImportException(source + ": tensor '" + t.getName() + "' has the shape "
                        + t.getDimsList() + ", which Netwright cannot hold");
            }
            count *= d;
        }
        return count;
    }

    private static void requireLength(Onnx.TensorProto t, long found, long expected, String unit, String source)
            throws ModelImportException {
        if (found != expected) {
            throw new ModelImportException(source + ": tensor '" + t.getName() + "' of shape "
                    + Arrays.toString(t.getDimsList().toArray()) + " holds " + found + " " + unit + " of data where its "
                    + "shape needs " + expected + "; the file is damaged");
        }
    }
}
