package dev.netwright.interop.onnx;

import onnx.Onnx;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An ONNX graph indexed for matching patterns in it: which operator writes each tensor, how many read it, and which
 * tensors are float constants (initializers, Identities of them, Constant operators). Operators are named by index.
 */
final class OnnxGraphIndex {
    private final List<Onnx.NodeProto> nodes;
    private final Map<String, Integer> producer = new HashMap<>();
    private final Map<String, Integer> consumers = new HashMap<>();
    private final Set<String> graphOutputs = new HashSet<>();
    private final Map<String, INDArray> initializers = new HashMap<>();
    private final String source;

    OnnxGraphIndex(Onnx.GraphProto graph, String source) {
        this.nodes = graph.getNodeList();
        this.source = source;
        for (int i = 0; i < nodes.size(); i++) {
            for (String out : nodes.get(i).getOutputList()) {
                producer.put(out, i);
            }
            for (String in : nodes.get(i).getInputList()) {
                consumers.merge(in, 1, Integer::sum);
            }
        }
        graph.getOutputList().forEach(o -> graphOutputs.add(o.getName()));
        for (Onnx.TensorProto t : graph.getInitializerList()) {
            if (OnnxTensors.isFloat(t)) {
                try {
                    initializers.put(t.getName(), OnnxTensors.floats(t, source));
                } catch (dev.netwright.interop.ModelImportException e) {
                    // a damaged tensor: refused where the operator reading it is mapped
                }
            }
        }
    }

    int size() {
        return nodes.size();
    }

    Onnx.NodeProto node(int index) {
        return nodes.get(index);
    }

    /** The index of the operator that writes {@code tensor}; null for the graph's inputs and initializers. */
    Integer producer(String tensor) {
        return producer.get(tensor);
    }

    boolean isInitializer(String tensor) {
        return initializers.containsKey(tensor);
    }

    /**
     * Whether nothing outside the operators {@code all} reads what they write, but for {@code out}; a Constant among
     * them that something outside also reads is dropped from {@code all} (it is mapped on its own).
     */
    boolean closed(Set<Integer> all, String out) {
        all.removeIf(i -> "Constant".equals(nodes.get(i).getOpType()) && !readOnlyBy(nodes.get(i), all));
        for (int i : all) {
            for (String o : nodes.get(i).getOutputList()) {
                if (!o.isEmpty() && !o.equals(out) && (graphOutputs.contains(o) || readers(o, all) != consumers.getOrDefault(o, 0))) {
                    return false;
                }
            }
        }
        return true;
    }

    private boolean readOnlyBy(Onnx.NodeProto node, Set<Integer> all) {
        return node.getOutputList().stream().allMatch(o -> !graphOutputs.contains(o)
                && readers(o, all) == consumers.getOrDefault(o, 0));
    }

    private int readers(String tensor, Set<Integer> all) {
        int n = 0;
        for (int i : all) {
            for (String in : nodes.get(i).getInputList()) {
                n += in.equals(tensor) ? 1 : 0;
            }
        }
        return n;
    }

    Onnx.NodeProto produced(String tensor, String opType) {
        Integer p = tensor == null ? null : producer.get(tensor);
        return p != null && nodes.get(p).getOpType().equals(opType) ? nodes.get(p) : null;
    }

    /** The float constant {@code tensor} holds: an initializer, an Identity of one, or a Constant; null otherwise. */
    INDArray constant(String tensor) {
        if (initializers.containsKey(tensor)) {
            return initializers.get(tensor);
        }
        Integer p = producer.get(tensor);
        Onnx.NodeProto n = p == null ? null : nodes.get(p);
        if (n != null && "Identity".equals(n.getOpType())) {
            return constant(n.getInput(0));
        }
        if (n != null && "Constant".equals(n.getOpType())) {
            Onnx.TensorProto t = new OnnxAttributes(n).tensor("value").orElse(null);
            try {
                return t != null && OnnxTensors.isFloat(t) ? OnnxTensors.floats(t, source) : null;
            } catch (dev.netwright.interop.ModelImportException e) {
                return null;
            }
        }
        return null;
    }

    /** The constant one of a two-input node's inputs holds; null where neither or both are constants. */
    INDArray constantOf(Onnx.NodeProto node) {
        INDArray a = constant(node.getInput(0));
        INDArray b = constant(node.getInput(1));
        return node.getInputCount() == 2 && (a == null) != (b == null) ? (a != null ? a : b) : null;
    }

    /** The input of a two-input node that is not a constant. */
    String other(Onnx.NodeProto node) {
        if (node.getInputCount() != 2 || constantOf(node) == null) {
            return null;
        }
        return constant(node.getInput(0)) == null ? node.getInput(0) : node.getInput(1);
    }

    Set<Integer> indices(String... tensors) {
        Set<Integer> set = new HashSet<>();
        for (String t : tensors) {
            set.add(producer.get(t));
        }
        return set;
    }

    /** The Constant operators among the inputs of {@code of}. */
    Set<Integer> constantNodes(Onnx.NodeProto... of) {
        Set<Integer> set = new HashSet<>();
        for (Onnx.NodeProto n : of) {
            for (String in : n.getInputList()) {
                Integer p = producer.get(in);
                if (p != null && "Constant".equals(nodes.get(p).getOpType())) {
                    set.add(p);
                }
            }
        }
        return set;
    }

    Onnx.NodeProto only(Set<Integer> found, String opType) {
        return count(found, opType) == 1 ? found.stream().map(nodes::get).filter(n -> n.getOpType().equals(opType))
                .findFirst().orElseThrow() : null;
    }

    long count(Set<Integer> found, String opType) {
        return found.stream().filter(i -> nodes.get(i).getOpType().equals(opType)).count();
    }

    Onnx.NodeProto readerOf(String tensor, Set<Integer> found, String opType) {
        return found.stream().map(nodes::get).filter(n -> n.getOpType().equals(opType) && n.getInputList().contains(tensor))
                .findFirst().orElse(null);
    }
}
