package dev.netwright.runtime.explain;

import dev.netwright.runtime.data.DataException;
import dev.netwright.runtime.data.DataSources;
import dev.netwright.runtime.data.Examples;
import dev.netwright.runtime.data.InputFiles;
import dev.netwright.runtime.data.Normalisation;
import dev.netwright.runtime.data.TrainValidation;
import dev.netwright.runtime.data.Views;
import dev.netwright.runtime.layers.Shape;
import dev.netwright.runtime.layers.kinds.InputKind;
import dev.netwright.runtime.train.ModelFileException;
import dev.netwright.runtime.train.ModelZip;
import dev.netwright.runtime.train.RunData;
import dev.netwright.runtime.train.RunFailure;
import dev.netwright.runtime.train.RunFolder;
import dev.netwright.runtime.train.RunRequest;
import dev.netwright.runtime.train.RunRequestJson;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;

/**
 * A finished run made ready to predict and explain: its saved model as a {@link ClassifierModel}, and its data's
 * preprocessing (the run's source read as its worker read it, the normalisation's statistics from its training part),
 * through which every input goes before the model sees it. Reads files and the model: not for the FX thread.
 */
public final class ExplainableRun {
    private final ClassifierModel model;
    private final Shape input;
    private final TrainValidation raw;
    private final Normalisation.Fitted normaliser;
    private final List<String> featureNames;
    private INDArray trainingMean;

    private ExplainableRun(ClassifierModel model, Shape input, TrainValidation raw, Normalisation.Fitted normaliser,
                           List<String> featureNames) {
        this.model = model;
        this.input = input;
        this.raw = raw;
        this.normaliser = normaliser;
        this.featureNames = List.copyOf(featureNames);
    }

    /** Opens the run in {@code runDir}; a folder that is no run, a run without a model or data is refused by name. */
    public static ExplainableRun open(Path runDir) throws RunFailure {
        RunFolder folder = new RunFolder(runDir);
        if (!Files.isDirectory(runDir)) {
            throw new RunFailure("No run folder at " + runDir + (Files.exists(runDir)
                    ? " (it is a file; give the folder that holds run.json and model.zip)" : ""));
        }
        if (!Files.isRegularFile(runDir.resolve(RunRequestJson.FILE_NAME))) {
            throw new RunFailure("Not a run folder: " + runDir + " has no " + RunRequestJson.FILE_NAME);
        }
        RunRequest request;
        try {
            request = new RunRequestJson().read(runDir);
        } catch (IOException e) {
            throw new RunFailure("Not a run folder, or its run.json is damaged: " + e.getMessage());
        }
        if (!Files.isRegularFile(folder.model())) {
            throw new RunFailure("The run in " + runDir + " has no saved model (" + RunFolder.MODEL
                    + "); it may have failed or been stopped before saving one.");
        }
        Shape input = InputKind.shapeOf(request.design()).orElseThrow(() -> new RunFailure("The run's design has no Input."));
        ClassifierModel model;
        try {
            model = ClassifierModel.of(ModelZip.read(folder.model(), false), exampleShape(input));
        } catch (ModelFileException e) {
            throw new RunFailure("Cannot use the model: " + e.getMessage());
        } catch (ExplainException e) {
            throw new RunFailure(e.getMessage());
        }
        TrainValidation raw;
        List<String> features;
        try {
            raw = RunData.raw(request, input);
            features = DataSources.featureNames(request.data());
        } catch (DataException e) {
            throw new RunFailure("Cannot read the run's data, needed to prepare inputs as in training: " + e.getMessage());
        }
        if (features.size() != raw.train().exampleLength()) {
            features = IntStream.range(0, raw.train().exampleLength()).mapToObj(c -> "feature " + (c + 1)).toList();
        }
        return new ExplainableRun(model, input, raw, request.normalisation().fit(raw.train()), features);
    }

    /** One input's shape in DL4J's layout (no batch dimension), as {@link Views} lays the Input out. */
    static long[] exampleShape(Shape input) {
        if (input instanceof Shape.Image image) {
            return new long[] {image.channels(), image.height(), image.width()};
        }
        if (input instanceof Shape.Sequence sequence) {
            return new long[] {sequence.features(), sequence.steps()};
        }
        return new long[] {input.elements()};
    }

    public ClassifierModel model() {
        return model;
    }

    public Shape input() {
        return input;
    }

    public List<String> classNames() {
        return raw.train().classNames();
    }

    /** True when the run trained on CSV rows, false for images. */
    public boolean trainedOnRows() {
        Examples train = raw.train();
        return train.height() == 1 && train.channels() == 1;
    }

    /**
     * The names of the features of a run trained on CSV rows, in order (the header's, else "column N"); empty for
     * images.
     */
    public List<String> featureNames() {
        return trainedOnRows() ? featureNames : List.of();
    }

    /** One row of feature values typed by the user, read as a CSV row is; a missing or non-number is named by column. */
    public InputFiles.Read row(List<String> values) throws DataException {
        if (!trainedOnRows()) {
            throw new DataException("This run was trained on images: give an image file or a sample, not a row of values");
        }
        return InputFiles.row(values, featureNames);
    }

    /** An image or CSV file read as the run's data is read: resized and converted for images, rows of numbers for CSV. */
    public InputFiles.Read read(Path file) throws DataException {
        if (trainedOnRows()) {
            if (InputFiles.isImageFile(file)) {
                throw new DataException(file + ": this run was trained on CSV rows of " + raw.train().width()
                        + " features; give a CSV file of such rows");
            }
            return InputFiles.csvRows(file, raw.train().width());
        }
        if (!InputFiles.isImageFile(file)) {
            throw new DataException(file + ": this run was trained on images; give a PNG, JPEG, GIF or BMP file");
        }
        return InputFiles.image(file, input);
    }

    /** The examples the run was finally evaluated on (its test part where it held one out, else validation), raw. */
    public Examples evaluationExamples() {
        return raw.finalEvaluation();
    }

    /** "test" or "validation": which part {@link #evaluationExamples()} is. */
    public String evaluationSetName() {
        return raw.finalEvaluationName();
    }

    /** Example {@code index} of raw {@code examples}, normalised as in training and laid out for the network: [1, …]. */
    public INDArray prepare(Examples examples, int index) {
        Examples one = normaliser.apply(examples.subset(new int[] {index}));
        return Views.features(one, new int[] {0}, input);
    }

    /**
     * The input that stands for "nothing": zero after normalisation (black for images scaled to 0..1, the training
     * mean where standardised).
     */
    public INDArray baseline() {
        return Nd4j.zeros(model.batchShape(1));
    }

    /**
     * The baseline of {@code kind} for the prepared input {@code x} [1, …]: zero after normalisation, the training
     * data's mean (normalised), or {@code x} blurred (images only; refused for rows and sequences, naming the others).
     */
    public INDArray baseline(Baseline kind, INDArray x) throws ExplainException {
        return switch (kind) {
            case BLACK -> baseline();
            case MEAN -> trainingMean();
            case BLUR -> {
                InputLayout layout = InputLayout.of(model.exampleShape());
                if (!layout.isImage()) {
                    throw new ExplainException("A blurred baseline needs an image; this model takes "
                            + (trainedOnRows() ? "rows of features" : "sequences") + ": use black or mean");
                }
                yield Nd4j.create(Baseline.blurred(ClassifierModel.flat(x), layout), model.batchShape(1), 'c');
            }
        };
    }

    /** The mean of the training examples, normalised and laid out for the network: [1, …]. Computed once. */
    private synchronized INDArray trainingMean() {
        if (trainingMean == null) {
            Examples train = raw.train();
            int length = train.exampleLength();
            double[] sum = new double[length];
            float[] f = train.features();
            for (int i = 0; i < f.length; i++) {
                sum[i % length] += f[i];
            }
            float[] mean = new float[length];
            for (int i = 0; i < length; i++) {
                mean[i] = (float) (sum[i] / Math.max(1, train.size()));
            }
            Examples one = new Examples(mean, new int[1], train.height(), train.width(), train.channels(),
                    train.classNames());
            trainingMean = Views.features(normaliser.apply(one), new int[] {0}, input);
        }
        return trainingMean.dup();
    }

    /** The class probabilities of example {@code index} of raw {@code examples}. */
    public double[] predict(Examples examples, int index) {
        return model.probabilities(prepare(examples, index)).toDoubleVector();
    }

    /**
     * An explanation of one input: its class probabilities, the class explained, the attribution and its faithfulness
     * curves, and the explained class's probability at the baseline (E[f] for KernelSHAP: the attributions of SHAP
     * and integrated gradients sum to {@code probabilities[target] - baselineProbability}).
     */
    public record Explained(double[] probabilities, int target, Attribution attribution, Faithfulness faithfulness,
                            double baselineProbability) {
    }

    /**
     * Explains example {@code index} of raw {@code examples} with {@code explainer}, for class {@code target} (null: the
     * predicted class), against the {@link #baseline()} (black); and measures the deletion and insertion curves of its map.
     */
    public Explained explain(Explainer explainer, Examples examples, int index, Integer target,
                             Explainer.Progress progress) throws ExplainException {
        return explain(explainer, examples, index, target, Baseline.BLACK, progress);
    }

    /** As {@link #explain(Explainer, Examples, int, Integer, Explainer.Progress)}, against a baseline of {@code kind}. */
    public Explained explain(Explainer explainer, Examples examples, int index, Integer target, Baseline kind,
                             Explainer.Progress progress) throws ExplainException {
        INDArray x = prepare(examples, index);
        double[] p = model.probabilities(x).toDoubleVector();
        int c = target != null ? target : argMax(p);
        if (c < 0 || c >= p.length) {
            throw new ExplainException("class " + c + " does not exist: the model has " + p.length + " classes");
        }
        INDArray baseline = baseline(kind, x);
        Attribution attribution = explainer.explain(model, x, c, baseline, progress);
        return new Explained(p, c, attribution, Faithfulness.measure(model, x, baseline, c, attribution.pixels()),
                model.probabilities(baseline).getDouble(0, c));
    }

    static int argMax(double[] p) {
        int best = 0;
        for (int i = 1; i < p.length; i++) {
            if (p[i] > p[best]) {
                best = i;
            }
        }
        return best;
    }
}
