package dev.netwright.app.data;

import dev.netwright.runtime.check.AugmentationFit;
import dev.netwright.runtime.layers.Shape;
import dev.netwright.runtime.data.DataException;
import dev.netwright.runtime.data.DataFit;
import dev.netwright.runtime.data.DataSources;
import dev.netwright.runtime.data.ImageAugmenter;
import dev.netwright.runtime.data.Examples;
import dev.netwright.runtime.data.TrainValidation;
import dev.netwright.runtime.design.DataRef;
import dev.netwright.runtime.design.Augmentation;
import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.design.TrainingPlan;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

/**
 * The data panel's view model: the chosen source reference, and once it is read, its split sizes, class counts,
 * the first examples and whether it fits the current design. Reading runs on the injected executor and the result
 * is handed to the UI thread through the injected hop; a newer choice makes an older read's result be dropped.
 * All methods are called on the UI thread.
 */
public final class DataPanelModel {
    /** Seed and validation share for sources without a split of their own; the command line's defaults. */
    public static final long SEED = 42;
    public static final double VALIDATION_FRACTION = 0.1;
    static final int PREVIEW_IMAGES = 32;
    static final int PREVIEW_ROWS = 10;

    private static final Logger LOG = LoggerFactory.getLogger(DataPanelModel.class);

    private final Executor executor;
    private final Consumer<Runnable> uiThread;
    private final StringProperty source = new SimpleStringProperty(this, "source", "");
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(this, "loading");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private final ReadOnlyObjectWrapper<DataSummary> summary = new ReadOnlyObjectWrapper<>(this, "summary");
    private final ReadOnlyObjectWrapper<DataPreview> preview = new ReadOnlyObjectWrapper<>(this, "preview");
    private final ReadOnlyStringWrapper mismatch = new ReadOnlyStringWrapper(this, "mismatch", "");
    private final ReadOnlyObjectWrapper<HeadChange> headChange = new ReadOnlyObjectWrapper<>(this, "headChange");
    private final BooleanProperty previewAugmentation = new SimpleBooleanProperty(this, "previewAugmentation", false);
    private final ReadOnlyStringWrapper augmentationNote = new ReadOnlyStringWrapper(this, "augmentationNote", "");

    private Design design;
    /** Counts reads; a result whose number is not the latest belongs to a superseded choice. */
    private long generation;
    private Shape requestedShape;
    /** One training example: enough for {@link DataFit} (shape, class names) without keeping the whole set. */
    private Examples probe;
    /** The previewed images as read (channels last), for the augmented preview; null for tables and while nothing is read. */
    private Examples samples;
    /** The preview as read, without augmentation. */
    private DataPreview plainPreview;
    /** Which draw of random changes the augmented preview shows ({@link #newDraw}). */
    private int draw;
    /** The augmented preview made last and what it was made from: every design edit calls for it, few change it. */
    private AugmentedKey augmentedKey;
    private DataPreview augmentedPreview;

    /**
     * @param executor runs the reading (a background thread in the app; {@code Runnable::run} in tests)
     * @param uiThread hands a result to the UI thread ({@code Platform::runLater} in the app; {@code Runnable::run}
     *                 in tests)
     */
    public DataPanelModel(Executor executor, Consumer<Runnable> uiThread) {
        this.executor = Objects.requireNonNull(executor, "executor");
        this.uiThread = Objects.requireNonNull(uiThread, "uiThread");
        source.addListener((obs, old, now) -> load());
        previewAugmentation.addListener((obs, old, now) -> showPreview());
    }

    /** The chosen data reference ({@code fashion-mnist-sample}, {@code csv:FILE}, ...); empty when none. */
    public StringProperty sourceProperty() {
        return source;
    }

    public String getSource() {
        return source.get();
    }

    /** Chooses a source and starts reading it; null or blank clears the panel. */
    public void setSource(String ref) {
        source.set(ref == null ? "" : ref.strip());
    }

    /**
     * Keeps some classes and a number of training images per class of the chosen source: {@code options} are the
     * reference's options ({@code #classes=5,6,7#per-class=50}, see the runtime's ClassSelection), blank for none. A
     * wrong option is shown as the source's error when it is read.
     */
    public void setClassOptions(String options) {
        String base = DataSources.sourcePart(getSource());
        if (base.isEmpty()) {
            return;
        }
        String text = options == null ? "" : options.strip();
        setSource(base + (text.isEmpty() || text.startsWith("#") ? text : "#" + text));
    }

    /** Reads the current source again (the files may have changed). */
    public void reload() {
        load();
    }

    /**
     * The design the data is meant for: re-evaluates {@link #mismatchProperty()}. If no source is chosen yet, the
     * design's own data reference is used. An image folder is read again when the Input's shape changes, because
     * its pictures are resized to that shape.
     */
    public void setDesign(Design design) {
        this.design = design;
        if (getSource().isEmpty() && design != null && design.data().isPresent()) {
            setSource(design.data().map(DataRef::source).orElseThrow());
            return;
        }
        if (SourceKind.of(getSource()) == SourceKind.IMAGES && !DesignTarget.inputOf(design).equals(requestedShape)) {
            load();
            return;
        }
        updateMismatch();
        showPreview(); // its augmentation may have changed
    }

    /**
     * Whether the preview shows the images augmented with the design's augmentation (its training settings), as the
     * worker changes its training minibatches: the same runtime function ({@link ImageAugmenter}), other draws.
     */
    public BooleanProperty previewAugmentationProperty() {
        return previewAugmentation;
    }

    /** Shows the images augmented with new random draws (while the augmented preview is on). */
    public void newDraw() {
        draw++;
        showPreview();
    }

    /** What the augmented preview shows, or why it shows the images as they are; empty while it is off. */
    public ReadOnlyStringProperty augmentationNoteProperty() {
        return augmentationNote.getReadOnlyProperty();
    }

    public String getAugmentationNote() {
        return augmentationNote.get();
    }

    /** The augmentation saved with the design; none without a design or settings. */
    private Augmentation designAugmentation() {
        return design == null ? Augmentation.NONE
                : design.training().map(TrainingPlan::augmentation).orElse(Augmentation.NONE);
    }

    /** Sets the preview: the images as read, or augmented while the augmented preview is on and there is one. */
    private void showPreview() {
        if (!previewAugmentation.get() || samples == null) {
            augmentationNote.set(!previewAugmentation.get() || plainPreview == null ? ""
                    : "Only images can be augmented.");
            preview.set(plainPreview);
            return;
        }
        Augmentation augmentation = designAugmentation();
        Optional<String> unfit = design == null ? Optional.empty() : AugmentationFit.problem(augmentation, design);
        if (augmentation.isNone() || unfit.isPresent()) {
            augmentationNote.set(unfit.orElse("The design has no augmentation: set one in the Training settings "
                    + "(Augment, e.g. shift=2,flip,rotate=10); this shows the images as they are."));
            preview.set(plainPreview);
            return;
        }
        long seed = design.training().map(TrainingPlan::seed).orElse(SEED);
        AugmentedKey key = new AugmentedKey(samples, augmentation, seed, draw);
        if (!key.equals(augmentedKey)) {
            Examples augmented = new ImageAugmenter(augmentation).augmented(samples, new Random(seed * 31 + draw));
            augmentedPreview = ImageSamples.first(augmented, PREVIEW_IMAGES);
            augmentedKey = key;
        }
        augmentationNote.set("Augmented with " + augmentation.spec() + " (draw " + (draw + 1) + "), as training "
                + "changes its images; validation images are never changed.");
        preview.set(augmentedPreview);
    }

    /** What an augmented preview is made from (the samples compared by identity: each read makes new ones). */
    private record AugmentedKey(Examples samples, Augmentation augmentation, long seed, int draw) {
        @Override
        public boolean equals(Object other) {
            return other instanceof AugmentedKey k && k.samples == samples && k.augmentation.equals(augmentation)
                    && k.seed == seed && k.draw == draw;
        }

        @Override
        public int hashCode() {
            return Objects.hash(System.identityHashCode(samples), augmentation, seed, draw);
        }
    }

    public Design getDesign() {
        return design;
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    public boolean isLoading() {
        return loading.get();
    }

    /** Why the source cannot be used, in words for the user; empty when it can (or while it is being read). */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public String getError() {
        return error.get();
    }

    /** Sizes and class counts of the data read last; null while nothing is read. */
    public ReadOnlyObjectProperty<DataSummary> summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    public DataSummary getSummary() {
        return summary.get();
    }

    /** The first examples of the data read last, augmented while {@link #previewAugmentationProperty} is on; null while nothing is read. */
    public ReadOnlyObjectProperty<DataPreview> previewProperty() {
        return preview.getReadOnlyProperty();
    }

    public DataPreview getPreview() {
        return preview.get();
    }

    /** How the data and the design disagree (shape or class count), from {@link DataFit}; empty when they fit. */
    public ReadOnlyStringProperty mismatchProperty() {
        return mismatch.getReadOnlyProperty();
    }

    public String getMismatch() {
        return mismatch.get();
    }

    /**
     * The Output's units that the data asks for, when only they differ: the data has another number of classes (at
     * least 2) than the Output has units. Null when they agree or when nothing is read.
     */
    public ReadOnlyObjectProperty<HeadChange> headChangeProperty() {
        return headChange.getReadOnlyProperty();
    }

    public HeadChange getHeadChange() {
        return headChange.get();
    }

    /** How the Output must change for the data: {@code outputId} from {@code units} to {@code classes} units. */
    public record HeadChange(String outputId, int units, int classes) {
    }

    private void load() {
        long current = ++generation;
        String ref = getSource();
        clearResult();
        if (ref.isEmpty()) {
            requestedShape = null;
            loading.set(false);
            return;
        }
        Shape shape = DesignTarget.inputOf(design);
        requestedShape = shape;
        loading.set(true);
        try {
            executor.execute(() -> {
                Loaded loaded = read(ref, shape);
                uiThread.accept(() -> publish(current, loaded));
            });
        } catch (RejectedExecutionException e) {
            publish(current, Loaded.failed("Cannot read " + ref + ": the application is shutting down"));
        }
    }

    /** Runs on the executor: everything slow happens here, and nothing here touches a property. */
    private static Loaded read(String ref, Shape shape) {
        try {
            TrainValidation data = DataSources.open(ref, shape, SEED, VALIDATION_FRACTION);
            Examples train = data.train();
            Examples probe = train.size() > 0 ? train.subset(new int[] {0}) : train;
            Examples samples = SourceKind.of(ref) == SourceKind.CSV ? null
                    : train.subset(java.util.stream.IntStream.range(0, Math.min(PREVIEW_IMAGES, train.size())).toArray());
            return new Loaded(DataSummary.of(data), preview(ref, train), probe, samples, "");
        } catch (DataException e) {
            return Loaded.failed("Cannot use the data: " + e.getMessage());
        } catch (RuntimeException | OutOfMemoryError e) {
            LOG.error("reading {} failed", ref, e);
            String why = e instanceof OutOfMemoryError ? "not enough memory to hold it" : String.valueOf(e.getMessage());
            return Loaded.failed("Cannot read " + ref + ": " + why);
        }
    }

    private static DataPreview preview(String ref, Examples train) {
        if (SourceKind.of(ref) != SourceKind.CSV) {
            return ImageSamples.first(train, PREVIEW_IMAGES);
        }
        try {
            return CsvPreview.of(ref, PREVIEW_ROWS);
        } catch (IOException | RuntimeException e) {
            // The runtime has just read the file, so this is a race with someone changing it; the counts still hold.
            LOG.warn("no preview of {}: {}", ref, e.toString());
            return new DataPreview.Table(List.of(), List.of());
        }
    }

    private void publish(long readNumber, Loaded loaded) {
        if (readNumber != generation) {
            LOG.debug("dropped the result of a superseded read");
            return;
        }
        loading.set(false);
        error.set(loaded.error());
        summary.set(loaded.summary());
        plainPreview = loaded.preview();
        samples = loaded.samples();
        probe = loaded.probe();
        updateMismatch();
        showPreview();
    }

    private void clearResult() {
        error.set("");
        summary.set(null);
        plainPreview = null;
        samples = null;
        preview.set(null);
        augmentationNote.set("");
        probe = null;
        mismatch.set("");
        headChange.set(null);
    }

    private void updateMismatch() {
        Examples data = probe;
        Optional<DesignTarget> target = data == null ? Optional.empty() : DesignTarget.of(design);
        mismatch.set(target.flatMap(t -> DataFit.problem(t.input(), t.outputId(), t.outputUnits(), data)).orElse(""));
        headChange.set(target.filter(t -> data.numClasses() >= 2 && data.numClasses() != t.outputUnits())
                .map(t -> new HeadChange(t.outputId(), t.outputUnits(), data.numClasses()))
                .orElse(null));
    }

    /** The outcome of one read: either the data's summary, preview, probe and previewed images, or an error message. */
    private record Loaded(DataSummary summary, DataPreview preview, Examples probe, Examples samples, String error) {
        static Loaded failed(String message) {
            return new Loaded(null, null, null, null, message);
        }
    }
}
