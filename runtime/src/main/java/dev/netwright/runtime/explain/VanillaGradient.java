package dev.netwright.runtime.explain;

import org.nd4j.linalg.api.ndarray.INDArray;

/** The gradient of the class probability with respect to the input (Simonyan et al.'s saliency, signed). */
public final class VanillaGradient implements Explainer {
    @Override
    public String name() {
        return "gradient";
    }

    @Override
    public Attribution explain(ClassifierModel model, INDArray input, int target, INDArray baseline, Progress progress) {
        INDArray gradient = model.gradients(input, target).gradients();
        return Attribution.ofValues(name(), target, ClassifierModel.flat(gradient), InputLayout.of(model.exampleShape()));
    }
}
