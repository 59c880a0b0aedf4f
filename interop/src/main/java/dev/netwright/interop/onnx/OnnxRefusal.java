package dev.netwright.interop.onnx;

/** An ONNX node used in a way Netwright cannot import; the mapping collects them all before it refuses the file. */
final class OnnxRefusal extends Exception {
    OnnxRefusal(String reason) {
        super(reason, null, false, false);
    }
}
