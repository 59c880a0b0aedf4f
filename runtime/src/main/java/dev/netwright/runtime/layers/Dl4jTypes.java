package dev.netwright.runtime.layers;

import org.deeplearning4j.nn.conf.inputs.InputType;

/** Our shapes as DL4J input types: images are NCHW, sequences NCW (features × time steps). */
public final class Dl4jTypes {
    private Dl4jTypes() {
    }

    public static InputType of(Shape shape) {
        if (shape instanceof Shape.Image i) {
            return InputType.convolutional(i.height(), i.width(), i.channels());
        }
        if (shape instanceof Shape.Sequence s) {
            return InputType.recurrent(s.features(), s.steps());
        }
        return InputType.feedForward(((Shape.Vector) shape).size());
    }
}
