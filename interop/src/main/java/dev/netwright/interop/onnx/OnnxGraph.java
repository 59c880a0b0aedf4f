package dev.netwright.interop.onnx;

import onnx.Onnx.AttributeProto;
import onnx.Onnx.GraphProto;
import onnx.Onnx.NodeProto;
import onnx.Onnx.TensorProto;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.protobuf.ByteString;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * An ONNX graph as it is written: operator nodes in order and the initializers they read, each value named once.
 * Values a design node computes are named after the node ({@code conv1}, its steps {@code conv1/pads}...), so ONNX
 * Runtime's and Netron's messages name the user's layer.
 */
final class OnnxGraph {
    /** One attribute of an operator node. */
    record Attribute(AttributeProto proto) {
        static Attribute of(String name, long value) {
            return new Attribute(AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT)
                    .setI(value).build());
        }

        static Attribute of(String name, float value) {
            return new Attribute(AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.FLOAT)
                    .setF(value).build());
        }

        static Attribute of(String name, String value) {
            return new Attribute(AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.STRING)
                    .setS(ByteString.copyFromUtf8(value)).build());
        }

        static Attribute ints(String name, long... values) {
            AttributeProto.Builder b = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
            Arrays.stream(values).forEach(b::addInts);
            return new Attribute(b.build());
        }

        static Attribute strings(String name, String... values) {
            AttributeProto.Builder b = AttributeProto.newBuilder().setName(name)
                    .setType(AttributeProto.AttributeType.STRINGS);
            Arrays.stream(values).forEach(v -> b.addStrings(ByteString.copyFromUtf8(v)));
            return new Attribute(b.build());
        }
    }

    private final GraphProto.Builder graph = GraphProto.newBuilder();
    private final Set<String> names = new HashSet<>();
    private long bytes;

    /** The graph's parts so far; the caller adds inputs and outputs. */
    GraphProto.Builder proto() {
        return graph;
    }

    /** Bytes of initializer data so far. */
    long initializerBytes() {
        return bytes;
    }

    /** Reserves the exact name of a graph input or output, which no other value may take. */
    void reserve(String name) {
        if (!names.add(name)) {
            throw new IllegalStateException("value name taken: " + name);
        }
    }

    /** One operator writing the reserved value {@code output} (a graph output). */
    void opInto(String type, String output, List<String> inputs) {
        graph.addNode(NodeProto.newBuilder().setOpType(type).setName(output).addAllInput(inputs).addOutput(output));
    }

    /** A free value name: {@code wanted}, or it with a number after it. */
    String name(String wanted) {
        String name = wanted;
        for (int i = 2; !names.add(name); i++) {
            name = wanted + "_" + i;
        }
        return name;
    }

    /** One operator with one output, named {@code output} (made unique); returns that name. */
    String op(String type, String output, List<String> inputs, Attribute... attributes) {
        return ops(type, List.of(output), inputs, attributes).get(0);
    }

    /** One operator with several outputs; returns their names. */
    List<String> ops(String type, List<String> outputs, List<String> inputs, Attribute... attributes) {
        List<String> named = outputs.stream().map(this::name).toList();
        NodeProto.Builder node = NodeProto.newBuilder().setOpType(type).setName(named.get(0))
                .addAllInput(inputs).addAllOutput(named);
        Arrays.stream(attributes).forEach(a -> node.addAttribute(a.proto()));
        graph.addNode(node);
        return named;
    }

    /** A float32 initializer holding {@code values} in their shape, c order; returns its name. */
    String floats(String wanted, INDArray values) {
        INDArray c = values.castTo(DataType.FLOAT).dup('c');
        float[] data = c.reshape(c.length()).toFloatVector();
        ByteBuffer raw = ByteBuffer.allocate(data.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        raw.asFloatBuffer().put(data);
        return initializer(wanted, TensorProto.DataType.FLOAT, c.shape(), raw);
    }

    /** An int64 initializer of one axis (shapes, axes, split sizes); returns its name. */
    String longs(String wanted, long... values) {
        return longs(wanted, new long[] {values.length}, values);
    }

    /** An int64 scalar (an index); returns its name. */
    String longScalar(String wanted, long value) {
        return longs(wanted, new long[0], value);
    }

    /** A float32 scalar; returns its name. */
    String floatScalar(String wanted, float value) {
        ByteBuffer raw = ByteBuffer.allocate(Float.BYTES).order(ByteOrder.LITTLE_ENDIAN).putFloat(0, value);
        return initializer(wanted, TensorProto.DataType.FLOAT, new long[0], raw);
    }

    private String longs(String wanted, long[] shape, long... values) {
        ByteBuffer raw = ByteBuffer.allocate(values.length * Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        raw.asLongBuffer().put(values);
        return initializer(wanted, TensorProto.DataType.INT64, shape, raw);
    }

    private String initializer(String wanted, TensorProto.DataType type, long[] shape, ByteBuffer raw) {
        String name = name(wanted);
        TensorProto.Builder tensor = TensorProto.newBuilder().setName(name).setDataType(type.getNumber())
                .setRawData(ByteString.copyFrom(Objects.requireNonNull(raw).rewind()));
        Arrays.stream(shape).forEach(tensor::addDims);
        graph.addInitializer(tensor);
        bytes += raw.capacity();
        return name;
    }
}
