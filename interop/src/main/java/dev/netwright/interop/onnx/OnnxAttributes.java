package dev.netwright.interop.onnx;

import onnx.Onnx;

import java.util.List;
import java.util.Optional;

/** A node's attributes by name, with ONNX's defaults where the node leaves one out. */
final class OnnxAttributes {
    private final Onnx.NodeProto node;

    OnnxAttributes(Onnx.NodeProto node) {
        this.node = node;
    }

    private Optional<Onnx.AttributeProto> find(String name) {
        return node.getAttributeList().stream().filter(a -> a.getName().equals(name)).findFirst();
    }

    boolean has(String name) {
        return find(name).isPresent();
    }

    long integer(String name, long fallback) {
        return find(name).map(Onnx.AttributeProto::getI).orElse(fallback);
    }

    double decimal(String name, double fallback) {
        return find(name).map(a -> (double) a.getF()).orElse(fallback);
    }

    String text(String name, String fallback) {
        return find(name).map(a -> a.getS().toStringUtf8()).orElse(fallback);
    }

    List<Long> integers(String name, List<Long> fallback) {
        return find(name).map(Onnx.AttributeProto::getIntsList).orElse(fallback);
    }

    List<String> texts(String name) {
        return find(name).map(a -> a.getStringsList().stream().map(s -> s.toStringUtf8()).toList()).orElse(List.of());
    }

    Optional<Onnx.TensorProto> tensor(String name) {
        return find(name).filter(Onnx.AttributeProto::hasT).map(Onnx.AttributeProto::getT);
    }
}
