package dev.netwright.interop.onnx;

import onnx.Onnx.AttributeProto;
import onnx.Onnx.GraphProto;
import onnx.Onnx.NodeProto;
import onnx.Onnx.TensorProto;
import org.nd4j.shade.protobuf.ByteString;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Set;

/** The nodes and initializers the quantiser adds to a graph, named clear of the model's own names. */
final class OnnxQdqWriter {
    final GraphProto.Builder graph = GraphProto.newBuilder();
    private final Set<String> names;

    OnnxQdqWriter(Set<String> names) {
        this.names = names;
    }

    String name(String wanted) {
        String name = wanted;
        for (int i = 2; !names.add(name); i++) {
            name = wanted + "_" + i;
        }
        return name;
    }

    /** value → QuantizeLinear → DequantizeLinear; returns the dequantised value's name. */
    String qdq(String value, OnnxQuantizer.Activation a) {
        String scale = floats(value + "_scale", new float[] {a.scale()}, new long[0]);
        String zero = initializer(value + "_zero_point", TensorProto.DataType.UINT8, new long[0],
                ByteBuffer.wrap(new byte[] {(byte) a.zeroPoint()}));
        String q = name(value + "_quantized");
        graph.addNode(NodeProto.newBuilder().setOpType("QuantizeLinear").setName(q)
                .addInput(value).addInput(scale).addInput(zero).addOutput(q));
        String dq = name(value + "_dequantized");
        graph.addNode(NodeProto.newBuilder().setOpType("DequantizeLinear").setName(dq)
                .addInput(q).addInput(scale).addInput(zero).addOutput(dq));
        return dq;
    }

    String dequantize(String value, String quantised, String scale, String zero, int axis) {
        String dq = name(value + "_dequantized");
        graph.addNode(NodeProto.newBuilder().setOpType("DequantizeLinear").setName(dq)
                .addInput(quantised).addInput(scale).addInput(zero).addOutput(dq)
                .addAttribute(AttributeProto.newBuilder().setName("axis").setType(AttributeProto.AttributeType.INT)
                        .setI(axis)));
        return dq;
    }

    String floats(String wanted, float[] values) {
        return floats(wanted, values, new long[] {values.length});
    }

    String floats(String wanted, float[] values, long[] dims) {
        ByteBuffer raw = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        raw.asFloatBuffer().put(values);
        return initializer(wanted, TensorProto.DataType.FLOAT, dims, raw);
    }

    String initializer(String wanted, TensorProto.DataType type, long[] dims, ByteBuffer raw) {
        String name = name(wanted);
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(type.getNumber())
                .setRawData(ByteString.copyFrom(raw.rewind()));
        for (long d : dims) {
            t.addDims(d);
        }
        graph.addInitializer(t);
        return name;
    }
}
