package dev.netwright.runtime.codegen;

import dev.netwright.runtime.layers.dl4j.GruLayer;
import dev.netwright.runtime.layers.dl4j.ImageToSequencePreProcessor;
import dev.netwright.runtime.layers.dl4j.InputConvolutionLayer;
import dev.netwright.runtime.layers.dl4j.LayerNormLayer;
import dev.netwright.runtime.layers.dl4j.MultiHeadSelfAttentionLayer;
import dev.netwright.runtime.layers.dl4j.NativeLstmLayer;
import dev.netwright.runtime.layers.dl4j.OneDnnConvolutionLayer;
import dev.netwright.runtime.layers.dl4j.OneDnnBatchNormalization;
import dev.netwright.runtime.layers.dl4j.OneDnnSubsamplingLayer;
import dev.netwright.runtime.layers.dl4j.PositionalEncodingLayer;
import dev.netwright.runtime.layers.dl4j.ReluActivation;
import dev.netwright.runtime.layers.dl4j.ReshapePreProcessor;
import dev.netwright.runtime.layers.dl4j.VocabularyEmbeddingLayer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.graph.PreprocessorVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.Convolution1DLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Deconvolution2D;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.Subsampling1DLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.Upsampling2D;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn;
import org.deeplearning4j.nn.conf.layers.recurrent.TimeDistributed;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.RmsProp;
import org.nd4j.linalg.learning.config.Sgd;

import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The DL4J objects a kind emits, written back as the Java expressions that build them: {@code new
 * DenseLayer.Builder().nOut(128)…build()}. It reads the built layer, vertex or preprocessor, so the code says what the
 * compiler built, not what a second copy of each kind's rules would say. Every class it writes records its import.
 */
final class JavaLayers {
    /** An object this class does not write; the message names its class. */
    static final class Unsupported extends Exception {
        private static final long serialVersionUID = 1L;

        Unsupported(String what) {
            super(what, null, false, false);
        }
    }

    private final Set<String> imports = new TreeSet<>();

    /** The fully qualified names of the classes the written expressions use. */
    Set<String> imports() {
        return imports;
    }

    /**
     * A layer as a Java expression; a layer with an optimizer of its own (a node's learning-rate factor) gets it before
     * its {@code build()}.
     */
    String layer(Layer layer) throws Unsupported {
        String expression = layerWithoutUpdater(layer);
        if (layer instanceof BaseLayer b && b.getIUpdater() != null && expression.endsWith(".build()")) {
            return expression.substring(0, expression.length() - ".build()".length()) + ".updater("
                    + updater(b.getIUpdater()) + ").build()";
        }
        return expression;
    }

    /** An optimizer as a Java expression, with its learning rate (and Nesterov's momentum). */
    String updater(IUpdater updater) throws Unsupported {
        if (updater instanceof Adam a) {
            return "new " + use(Adam.class) + "(" + number(a.getLearningRate()) + ")";
        }
        if (updater instanceof Sgd g) {
            return "new " + use(Sgd.class) + "(" + number(g.getLearningRate()) + ")";
        }
        if (updater instanceof Nesterovs n) {
            return "new " + use(Nesterovs.class) + "(" + number(n.getLearningRate()) + ", " + number(n.getMomentum())
                    + ")";
        }
        if (updater instanceof RmsProp r) {
            return "new " + use(RmsProp.class) + "(" + number(r.getLearningRate()) + ")";
        }
        throw new Unsupported("an optimizer of class " + updater.getClass().getSimpleName());
    }

    private String layerWithoutUpdater(Layer layer) throws Unsupported {
        Class<?> type = layer.getClass();
        if (type == InputConvolutionLayer.class || type == OneDnnConvolutionLayer.class
                || type == ConvolutionLayer.class || type == Deconvolution2D.class) {
            ConvolutionLayer c = (ConvolutionLayer) layer;
            return "new " + use(type) + ".Builder(" + ints(c.getKernelSize()) + ")"
                    + ".stride(" + ints(c.getStride()) + ")"
                    + (Arrays.stream(c.getPadding()).allMatch(p -> p == 0) ? "" : ".padding(" + ints(c.getPadding()) + ")")
                    + ".nOut(" + c.getNOut() + ")"
                    + ".convolutionMode(" + enumValue(c.getConvolutionMode()) + ")"
                    + activation(c) + ".hasBias(" + c.hasBias() + ").build()";
        }
        if (type == Convolution1DLayer.class) {
            Convolution1DLayer c = (Convolution1DLayer) layer;
            return "new " + use(type) + ".Builder(" + c.getKernelSize()[0] + ", " + c.getStride()[0] + ")"
                    + ".nOut(" + c.getNOut() + ")"
                    + ".convolutionMode(" + enumValue(c.getConvolutionMode()) + ")"
                    + activation(c) + ".hasBias(" + c.hasBias() + ").build()";
        }
        if (type == OneDnnSubsamplingLayer.class || type == SubsamplingLayer.class) {
            SubsamplingLayer s = (SubsamplingLayer) layer;
            return "new " + use(type) + ".Builder(" + enumValue(s.getPoolingType()) + ")"
                    + ".kernelSize(" + ints(s.getKernelSize()) + ").stride(" + ints(s.getStride()) + ")"
                    + ".convolutionMode(" + enumValue(s.getConvolutionMode()) + ").build()";
        }
        if (type == Subsampling1DLayer.class) {
            Subsampling1DLayer s = (Subsampling1DLayer) layer;
            // DL4J M2.1's Builder(PoolingType) drops the type (it stays MAX): the code sets it again, as PoolingKind does
            return "new " + use(type) + ".Builder(" + enumValue(s.getPoolingType()) + ").poolingType("
                    + enumValue(s.getPoolingType()) + ")"
                    + ".kernelSize(" + s.getKernelSize()[0] + ").stride(" + s.getStride()[0] + ")"
                    + ".convolutionMode(" + enumValue(s.getConvolutionMode()) + ").build()";
        }
        if (type == DenseLayer.class) {
            DenseLayer d = (DenseLayer) layer;
            return "new " + use(type) + ".Builder().nOut(" + d.getNOut() + ")" + activation(d)
                    + ".hasBias(" + d.hasBias() + ").build()";
        }
        if (type == OutputLayer.class) {
            OutputLayer o = (OutputLayer) layer;
            return "new " + use(type) + ".Builder(" + loss(o.getLossFn()) + ").nOut(" + o.getNOut() + ")" + activation(o)
                    + (o.hasBias() ? "" : ".hasBias(false)") + ".build()";
        }
        if (type == ActivationLayer.class) {
            return "new " + use(type) + ".Builder()" + activation(((ActivationLayer) layer).getActivationFn()) + ".build()";
        }
        if (type == OneDnnBatchNormalization.class || type == BatchNormalization.class) {
            BatchNormalization b = (BatchNormalization) layer;
            return "new " + use(type) + ".Builder().decay(" + number(b.getDecay()) + ").eps(" + number(b.getEps())
                    + ").build()";
        }
        if (type == DropoutLayer.class) {
            if (!(layer.getIDropout() instanceof Dropout d)) {
                throw new Unsupported("a dropout of class " + layer.getIDropout().getClass().getSimpleName());
            }
            return "new " + use(type) + ".Builder(" + number(d.getP()) + ").build()";
        }
        if (type == GlobalPoolingLayer.class) {
            return "new " + use(type) + ".Builder(" + enumValue(((GlobalPoolingLayer) layer).getPoolingType()) + ").build()";
        }
        if (type == Upsampling2D.class) {
            return "new " + use(type) + ".Builder().size(new int[] {" + ints(((Upsampling2D) layer).getSize()) + "}).build()";
        }
        if (type == LayerNormLayer.class) {
            return "new " + use(type) + ".Builder().epsilon(" + number(((LayerNormLayer) layer).getEpsilon()) + ").build()";
        }
        if (type == MultiHeadSelfAttentionLayer.class) {
            return "new " + use(type) + ".Builder().nHeads(" + ((MultiHeadSelfAttentionLayer) layer).getNHeads() + ").build()";
        }
        if (type == PositionalEncodingLayer.class) {
            PositionalEncodingLayer p = (PositionalEncodingLayer) layer;
            return "new " + use(type) + ".Builder().mode(" + enumValue(p.getMode()) + ").sequenceLength("
                    + p.getSequenceLength() + ").build()";
        }
        if (type == NativeLstmLayer.class) {
            NativeLstmLayer l = (NativeLstmLayer) layer;
            return "new " + use(type) + ".Builder().nOut(" + l.getNOut() + ")" + activation(l.getActivationFn())
                    + ".bidirectional(" + l.isBidirectional() + ").returnSequences(" + l.isReturnSequences() + ").build()";
        }
        if (type == GruLayer.class) {
            GruLayer g = (GruLayer) layer;
            return "new " + use(type) + ".Builder().nOut(" + g.getNOut() + ")" + activation(g.getActivationFn())
                    + ".bidirectional(" + g.isBidirectional() + ").returnSequences(" + g.isReturnSequences() + ").build()";
        }
        if (type == LSTM.class || type == SimpleRnn.class) {
            BaseLayer r = (BaseLayer) layer;
            return "new " + use(type) + ".Builder().nOut(" + ((FeedForwardLayer) r).getNOut()
                    + ")" + activation(r) + ".build()";
        }
        if (type == Bidirectional.class) {
            Bidirectional b = (Bidirectional) layer;
            return "new " + use(type) + "(" + enumValue(b.getMode()) + ", " + layer(b.getFwd()) + ")";
        }
        if (type == LastTimeStep.class) {
            return "new " + use(type) + "(" + layer(((LastTimeStep) layer).getUnderlying()) + ")";
        }
        if (type == TimeDistributed.class) {
            return "new " + use(type) + "(" + layer(((TimeDistributed) layer).getUnderlying()) + ")";
        }
        if (type == VocabularyEmbeddingLayer.class) {
            VocabularyEmbeddingLayer e = (VocabularyEmbeddingLayer) layer;
            return use(type) + ".of(" + e.getNIn() + ", " + e.getNOut() + ", " + e.getInputLength() + ")";
        }
        throw new Unsupported("DL4J layer " + type.getSimpleName());
    }

    /** A graph vertex (not a layer) as a Java expression. */
    String vertex(GraphVertex vertex) throws Unsupported {
        Class<?> type = vertex.getClass();
        if (type == ElementWiseVertex.class) {
            return "new " + use(type) + "(" + enumValue(((ElementWiseVertex) vertex).getOp()) + ")";
        }
        if (type == MergeVertex.class) {
            return "new " + use(type) + "()";
        }
        if (type == PreprocessorVertex.class) {
            return "new " + use(type) + "(" + preProcessor(((PreprocessorVertex) vertex).getPreProcessor()) + ")";
        }
        throw new Unsupported("DL4J vertex " + type.getSimpleName());
    }

    private String preProcessor(InputPreProcessor processor) throws Unsupported {
        Class<?> type = processor.getClass();
        if (type == CnnToFeedForwardPreProcessor.class) {
            CnnToFeedForwardPreProcessor p = (CnnToFeedForwardPreProcessor) processor;
            return "new " + use(type) + "(" + p.getInputHeight() + ", " + p.getInputWidth() + ", " + p.getNumChannels()
                    + (p.getFormat() == CNN2DFormat.NCHW ? "" : ", " + enumValue(p.getFormat())) + ")";
        }
        if (type == ReshapePreProcessor.class) {
            ReshapePreProcessor p = (ReshapePreProcessor) processor;
            return "new " + use(type) + "(new int[] {" + ints(p.getFrom()) + "}, new int[] {" + ints(p.getTo()) + "})";
        }
        if (type == ImageToSequencePreProcessor.class) {
            return "new " + use(type) + "(" + enumValue(((ImageToSequencePreProcessor) processor).getMode()) + ")";
        }
        throw new Unsupported("DL4J preprocessor " + type.getSimpleName());
    }

    /** A network input's type, as {@code Dl4jTypes} makes it. */
    String inputType(InputType type) throws Unsupported {
        String it = use(InputType.class);
        if (type instanceof InputType.InputTypeConvolutional c && c.getFormat() == CNN2DFormat.NCHW) {
            return it + ".convolutional(" + c.getHeight() + ", " + c.getWidth() + ", " + c.getChannels() + ")";
        }
        if (type instanceof InputType.InputTypeRecurrent r
                && r.getFormat() == RNNFormat.NCW) {
            return it + ".recurrent(" + r.getSize() + ", " + r.getTimeSeriesLength() + ")";
        }
        if (type instanceof InputType.InputTypeFeedForward f) {
            return it + ".feedForward(" + f.getSize() + ")";
        }
        throw new Unsupported("input type " + type);
    }

    /** The simple name of a class the code uses (a nested class through its outer one), recording its import. */
    String use(Class<?> type) {
        Class<?> top = type;
        while (top.getEnclosingClass() != null) {
            top = top.getEnclosingClass();
        }
        imports.add(top.getName());
        return type.getCanonicalName().substring(top.getPackageName().length() + 1);
    }

    private String enumValue(Enum<?> value) {
        return use(value.getDeclaringClass()) + "." + value.name();
    }

    private String activation(BaseLayer layer) throws Unsupported {
        return activation(layer.getActivationFn());
    }

    /** {@code .activation(…)}: Netwright's ReLU by its class, DL4J's functions by their {@link Activation} name. */
    private String activation(IActivation function) throws Unsupported {
        if (function == null) {
            return "";
        }
        if (function.getClass() == ReluActivation.class) {
            return ".activation(new " + use(ReluActivation.class) + "())";
        }
        for (Activation named : Activation.values()) {
            IActivation candidate;
            try {
                candidate = named.getActivationFunction();
            } catch (RuntimeException notBuildable) {
                continue;
            }
            if (candidate.equals(function)) {
                return ".activation(" + enumValue(named) + ")";
            }
        }
        throw new Unsupported("activation " + function);
    }

    private String loss(ILossFunction function) throws Unsupported {
        for (LossFunction named : LossFunction.values()) {
            ILossFunction candidate;
            try {
                candidate = named.getILossFunction();
            } catch (RuntimeException notBuildable) {
                continue;
            }
            if (candidate.equals(function)) {
                return enumValue(named);
            }
        }
        throw new Unsupported("loss function " + function);
    }

    private static String ints(int[] values) {
        return Arrays.stream(values).mapToObj(Integer::toString).collect(Collectors.joining(", "));
    }

    /** A double as a Java literal that reads back to the same value. */
    static String number(double value) {
        return Double.toString(value);
    }
}
