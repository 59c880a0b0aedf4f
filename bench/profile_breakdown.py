#!/usr/bin/env python3
"""Second look at an EpochProfile recording (target/bench-profile/epoch-*.jfr): the samples inside fit grouped by
the layer that issued the work and by operation family. Same filter as EpochProfile (training thread inside
TrainingSession$Loop.run and ComputationGraph.fit*). Usage: bench/profile_breakdown.py FILE.jfr (needs `jfr`)."""
import collections, json, subprocess, sys

LOOP = "dev.netwright.runtime.train.TrainingSession$Loop.run"
PLUMBING = ("org.nd4j.linalg.cpu.nativecpu.", "org.bytedeco.", "org.nd4j.linalg.factory.Nd4j.", "org.nd4j.nativeblas.",
            "org.nd4j.linalg.api.ops.executioner.", "java.", "jdk.")
# first matching class (from the top of the stack) names the layer; FeatureRows is a helper of the layer below it
LAYERS = [("MultiHeadSelfAttentionLayerImpl", "MultiHeadSelfAttention (Netwright)"),
          ("LayerNormLayerImpl", "LayerNorm (Netwright)"),
          ("PositionalEncodingLayerImpl", "PositionalEncoding (Netwright)"),
          ("MKLDNNConvHelper", "Conv2D (DL4J ConvolutionLayer)"), ("ConvolutionLayer", "Conv2D (DL4J ConvolutionLayer)"),
          ("BatchNormalization", "BatchNorm (DL4J BatchNormalization)"),
          ("MKLDNNBatchNorm", "BatchNorm (DL4J BatchNormalization)"),
          ("Subsampling", "MaxPool2D (DL4J SubsamplingLayer)"),
          ("ActivationLayer", "Activation (DL4J ActivationLayer)"),
          ("ElementWiseVertex", "Add (DL4J ElementWiseVertex)"),
          ("GlobalPoolingLayer", "GlobalPooling (DL4J)"),
          ("BaseOutputLayer", "Output layer and loss (DL4J)"), ("LossMCXENT", "Output layer and loss (DL4J)"),
          ("Dropout", "Dropout (DL4J, inside the encoder blocks)"),
          ("TimeDistributedLayer", "Dense (DL4J DenseLayer: projection, feed-forward in the blocks)"),
          ("nn.layers.BaseLayer", "Dense (DL4J DenseLayer: projection, feed-forward in the blocks)"),
          ("nn.layers.AbstractLayer", "Dense (DL4J DenseLayer: projection, feed-forward in the blocks)"),
          ("org.deeplearning4j.nn.updater.", "Adam update and regularisation (DL4J updater)"),
          ("org.nd4j.linalg.learning.", "Adam update and regularisation (DL4J updater)")]
MATMUL = ("Nd4j.matmul", "Nd4j.gemm", "BaseLevel3.gemm", "BaseNDArray.mmul")
ARITH = ("BaseNDArray.muli", "BaseNDArray.addi", "BaseNDArray.subi", "BaseNDArray.divi", "BaseNDArray.rsubi",
         "BaseNDArray.mul", "BaseNDArray.add", "BaseNDArray.sub", "BaseNDArray.div", "BaseNDArray.neg",
         "org.nd4j.linalg.activations.impl.", "Transforms.", "BaseNDArray.applyBroadcastOp", "BaseNDArray.doRowWise",
         "BaseNDArray.doColumnWise", "BaseNDArray.addiRowVector", "BaseNDArray.addRowVector")


def name(frame):
    return frame["method"]["type"]["name"].replace("/", ".") + "." + frame["method"]["name"]


def layer(names):
    for n in names:
        for key, label in LAYERS:
            if key in n:
                return label
    return "other (graph plumbing)"


def caller(names):
    return next((n for n in names if not n.startswith(PLUMBING)), "?")


def operation(names):
    top = names[0].rsplit(".", 1)[-1]
    who = caller(names)
    if top.startswith("execCustomOp") or top.startswith(("execTransform", "execScalar", "execBroadcast", "execPairwise",
                                                           "execReduce", "execIndexReduce", "execSummaryStats",
                                                           "execRandom")):
        if top.startswith("execRandom"):
            return "random numbers (dropout masks)"
        if top.startswith(("execReduce", "execIndexReduce", "execSummaryStats")):
            return "reductions (sum, mean, variance, max: bias gradients, norms, softmax, batch statistics)"
        if "Convolution.im2col" in who or "Convolution.col2im" in who:
            return "im2col / col2im (ND4J)"
        if ".mkldnn." in who:
            return "oneDNN op (" + who.rsplit(".", 2)[-2] + ")"
        if any(m in n for n in names[:12] for m in MATMUL) and not who.endswith(("assign", "dup")):
            return "matrix products (gemm / batched matmul)"
        if who.endswith(".assign") or who.endswith(".dup"):
            if any("BaseNDArray.mmuli" in n for n in names[:8]):
                return "copies: result of a matrix product copied out of ND4J's 'f'-order temporary (mmuli)"
            return "copies: layout changes (dup of permuted views, reshapes)"
        if any(a in who for a in ARITH) or top.startswith(("execTransform", "execScalar", "execBroadcast", "execPairwise")):
            return "element-wise arithmetic (add, mul, exp, ReLU and derivatives)"
        return "other native op, asked by " + who.rsplit(".", 2)[-2] + "." + who.rsplit(".", 1)[-1]
    return "Java and JNI bookkeeping (shape info, allocation, op contexts, memory accounting)"


def main(path):
    text = subprocess.run(["jfr", "print", "--json", "--stack-depth", "256", "--events", "jdk.ExecutionSample,jdk.NativeMethodSample", path],
                          capture_output=True, text=True, check=True).stdout
    fit = []
    for event in json.loads(text)["recording"]["events"]:
        stack = event["values"]["stackTrace"]
        if not stack:
            continue
        names = [name(f) for f in stack["frames"]]
        if LOOP in names and any(n.startswith("org.deeplearning4j.nn.graph.ComputationGraph.fit") for n in names):
            fit.append(names)
    for title, key in (("Inside fit, by layer (the first layer class from the top of the stack; share of fit samples)", layer),
                       ("Inside fit, by operation family (share of fit samples)", operation)):
        counts = collections.Counter(key(n) for n in fit)
        print("**" + title + "**\n\n| " + ("layer" if key is layer else "operation") + " | samples | share |\n|---|---:|---:|")
        for k, v in counts.most_common():
            print(f"| {k} | {v} | {100.0 * v / max(1, len(fit)):.1f} % |")
        print()


if __name__ == "__main__":
    main(sys.argv[1])
