package dev.netwright.app.training;

import dev.netwright.runtime.compile.TrainingSettings;
import dev.netwright.runtime.data.DataSplit;
import dev.netwright.runtime.design.Augmentation;
import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.design.Distillation;
import dev.netwright.runtime.design.FineTuning;
import dev.netwright.runtime.design.LearningRateSchedule;
import dev.netwright.runtime.design.TrainingPlan;
import dev.netwright.runtime.layers.LstmEngine;
import dev.netwright.runtime.train.Backend;
import dev.netwright.runtime.train.EngineChoices;
import dev.netwright.runtime.train.RunRequest;
import dev.netwright.runtime.train.TrainingPlans;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The training form's values and their checks, without controls: the form binds to these properties, and
 * {@link #request} turns them into a {@link RunRequest} or names the field that is wrong. The values start at the
 * run's defaults ({@link RunRequest}'s constants, {@link TrainingSettings#defaults()}, {@link LstmEngine#DEFAULT}),
 * the same as the command line's; the learning-rate schedule's are {@link ScheduleFields}; the image augmentation is
 * its spec, as the command line's {@code --augment} takes it. Fields typed as text (numbers, the seed, the threads) are kept as typed. The values
 * other than the engine choices are saved with the design as its {@link TrainingPlan} ({@link #plan}, {@link #show};
 * {@link DesignTrainingSettings} links the two).
 */
public final class TrainingSettingsModel {
    /** The rate the dropout override starts at (the window's option; the command line takes it from a saved design). */
    public static final double DEFAULT_DROPOUT_RATE = TrainingPlans.DEFAULT_DROPOUT_RATE;
    /** The highest dropout rate the override takes. */
    public static final double MAX_DROPOUT_RATE = TrainingPlan.MAX_DROPOUT_RATE;

    private static final TrainingSettings DEFAULTS = TrainingSettings.defaults();
    /** About how many points the planned learning-rate curve has. */
    static final int MAX_PLAN_POINTS = 500;

    private final ObjectProperty<TrainingSettings.Optimizer> optimizer =
            new SimpleObjectProperty<>(DEFAULTS.optimizer());
    private final StringProperty learningRate = new SimpleStringProperty(plain(DEFAULTS.learningRate()));
    private final ObjectProperty<Integer> batchSize = new SimpleObjectProperty<>(RunRequest.DEFAULT_BATCH_SIZE);
    private final ObjectProperty<Integer> epochs = new SimpleObjectProperty<>(RunRequest.DEFAULT_EPOCHS);
    private final StringProperty l2 = new SimpleStringProperty(plain(DEFAULTS.l2()));
    private final BooleanProperty dropoutOverride = new SimpleBooleanProperty(false);
    private final StringProperty dropoutRate = new SimpleStringProperty(plain(DEFAULT_DROPOUT_RATE));
    private final ObjectProperty<Integer> patience = new SimpleObjectProperty<>(RunRequest.DEFAULT_PATIENCE);
    private final StringProperty seed = new SimpleStringProperty(Long.toString(DEFAULTS.seed()));
    private final ObjectProperty<Backend> backend = new SimpleObjectProperty<>(RunRequest.DEFAULT_BACKEND);
    private final ObjectProperty<Integer> maxTrain = new SimpleObjectProperty<>(RunRequest.DEFAULT_EXAMPLE_LIMIT);
    private final ObjectProperty<Integer> maxValidation = new SimpleObjectProperty<>(RunRequest.DEFAULT_EXAMPLE_LIMIT);
    private final ObjectProperty<LstmEngine> lstmEngine = new SimpleObjectProperty<>(LstmEngine.DEFAULT);
    private final BooleanProperty oneDnn = new SimpleBooleanProperty(true);
    /** Empty: chosen per design ({@link EngineChoices#forDesign}); a number: that many (0: ND4J's choice). */
    private final StringProperty threads = new SimpleStringProperty("");
    private final ScheduleFields schedule = new ScheduleFields();
    /** The image augmentation as its spec ({@link Augmentation#parse}): "none", "shift=2,flip", ... kept as typed. */
    private final StringProperty augmentation = new SimpleStringProperty(Augmentation.NONE.spec());
    /** Fine-tuning ({@link FineTuning}): the pretrained nodes' rate factor, kept as typed, and the two schedules' epochs. */
    private final StringProperty pretrainedRateFactor =
            new SimpleStringProperty(plain(FineTuning.NONE.pretrainedRateFactor()));
    private final ObjectProperty<Integer> headFirst = new SimpleObjectProperty<>(FineTuning.NONE.headFirstEpochs());
    private final ObjectProperty<Integer> unfreezeEvery = new SimpleObjectProperty<>(FineTuning.NONE.unfreezeEvery());
    /** Distillation ({@link Distillation}): the teacher's run folder (empty: the run does not distil), α and T as typed. */
    private final StringProperty distilFrom = new SimpleStringProperty("");
    private final StringProperty distilAlpha = new SimpleStringProperty(plain(Distillation.DEFAULT_ALPHA));
    private final StringProperty distilTemperature = new SimpleStringProperty(plain(Distillation.DEFAULT_TEMPERATURE));

    public ObjectProperty<TrainingSettings.Optimizer> optimizerProperty() {
        return optimizer;
    }

    public StringProperty learningRateProperty() {
        return learningRate;
    }

    public ObjectProperty<Integer> batchSizeProperty() {
        return batchSize;
    }

    public ObjectProperty<Integer> epochsProperty() {
        return epochs;
    }

    public StringProperty l2Property() {
        return l2;
    }

    public BooleanProperty dropoutOverrideProperty() {
        return dropoutOverride;
    }

    public StringProperty dropoutRateProperty() {
        return dropoutRate;
    }

    public ObjectProperty<Integer> patienceProperty() {
        return patience;
    }

    public StringProperty seedProperty() {
        return seed;
    }

    public ObjectProperty<Backend> backendProperty() {
        return backend;
    }

    public ObjectProperty<Integer> maxTrainProperty() {
        return maxTrain;
    }

    public ObjectProperty<Integer> maxValidationProperty() {
        return maxValidation;
    }

    public ObjectProperty<LstmEngine> lstmEngineProperty() {
        return lstmEngine;
    }

    public BooleanProperty oneDnnProperty() {
        return oneDnn;
    }

    public StringProperty threadsProperty() {
        return threads;
    }

    public StringProperty augmentationProperty() {
        return augmentation;
    }

    public StringProperty pretrainedRateFactorProperty() {
        return pretrainedRateFactor;
    }

    public ObjectProperty<Integer> headFirstProperty() {
        return headFirst;
    }

    public ObjectProperty<Integer> unfreezeEveryProperty() {
        return unfreezeEvery;
    }

    public StringProperty distilFromProperty() {
        return distilFrom;
    }

    public StringProperty distilAlphaProperty() {
        return distilAlpha;
    }

    public StringProperty distilTemperatureProperty() {
        return distilTemperature;
    }

    /**
     * The distillation the fields describe, null where no teacher run is chosen; a wrong α or T is an
     * {@link IllegalArgumentException} naming the field.
     */
    public Distillation distillation() {
        String teacher = distilFrom.get() == null ? "" : distilFrom.get().strip();
        if (teacher.isEmpty()) {
            return null;
        }
        double alpha = number(distilAlpha, "Distillation α");
        if (!(alpha >= 0 && alpha <= 1)) {
            throw new IllegalArgumentException("Distillation α must be a number from 0 to 1 (the labels' share of the "
                    + "loss), not '" + distilAlpha.get() + "'");
        }
        double temperature = number(distilTemperature, "Distillation T");
        if (!(temperature > 0 && temperature <= Distillation.MAX_TEMPERATURE)) {
            throw new IllegalArgumentException("Distillation T must be a number above 0 and at most "
                    + (int) Distillation.MAX_TEMPERATURE + ", such as 4, not '" + distilTemperature.get() + "'");
        }
        return new Distillation(teacher, alpha, temperature);
    }

    /** The fine-tuning settings the fields describe; a wrong one is an {@link IllegalArgumentException} naming it. */
    public FineTuning fineTuning() {
        double factor = number(pretrainedRateFactor, "Pretrained LR factor");
        if (!(factor > 0)) {
            throw new IllegalArgumentException("Pretrained LR factor must be a number above 0, not '"
                    + pretrainedRateFactor.get() + "'");
        }
        return new FineTuning(factor, headFirst.get() == null ? 0 : headFirst.get(),
                unfreezeEvery.get() == null ? 0 : unfreezeEvery.get());
    }

    /** The augmentation the field describes; a wrong spec is an {@link IllegalArgumentException} naming the part. */
    public Augmentation augmentation() {
        try {
            return Augmentation.parse(augmentation.get());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Augmentation: " + e.getMessage(), e);
        }
    }

    /** The learning-rate schedule's type and values. */
    public ScheduleFields schedule() {
        return schedule;
    }

    /**
     * The planned learning rate at each iteration (1-based, as the runs report them; at most about
     * {@value #MAX_PLAN_POINTS} points) for a run over {@code trainExamples} examples (before the form's limit),
     * or empty where the schedule is not known before the run (constant, reduce-on-plateau), a value is wrong, or the
     * number of examples is not known (0) and the form sets no limit.
     */
    public List<double[]> plannedRates(long trainExamples) {
        long examples = maxTrain.get() == null || maxTrain.get() == 0 ? trainExamples
                : trainExamples == 0 ? maxTrain.get() : Math.min(trainExamples, maxTrain.get());
        LearningRateSchedule plan;
        double base;
        try {
            plan = schedule.value();
            base = number(learningRate, "Learning rate");
        } catch (IllegalArgumentException e) {
            return List.of();
        }
        if (!plan.planned() || plan instanceof LearningRateSchedule.Constant || examples <= 0 || !(base > 0)
                || batchSize.get() == null || epochs.get() == null) {
            return List.of();
        }
        long perEpoch = (examples + batchSize.get() - 1) / batchSize.get();
        long total = perEpoch * epochs.get();
        long step = Math.max(1, total / MAX_PLAN_POINTS);
        List<double[]> points = new ArrayList<>();
        for (long i = 0; i < total; i += step) {
            points.add(new double[] {i + 1, plan.rate(base, i, perEpoch, epochs.get())});
        }
        if ((total - 1) % step != 0) {
            points.add(new double[] {total, plan.rate(base, total - 1, perEpoch, epochs.get())});
        }
        return points;
    }

    /**
     * The run these values describe, for {@code design} on {@code data}; a wrong field is an
     * {@link IllegalArgumentException} naming it. The dropout override changes the run's copy of the design only.
     */
    public RunRequest request(Design design, String data) {
        double lr = number(learningRate, "Learning rate");
        double l2Value = number(l2, "L2");
        long seedValue = wholeNumber(seed, "Seed");
        Design run = design;
        if (dropoutOverride.get()) {
            double rate = number(dropoutRate, "Dropout rate");
            if (rate < 0 || rate > MAX_DROPOUT_RATE) {
                throw new IllegalArgumentException(
                        "Dropout rate must be between 0 and " + MAX_DROPOUT_RATE + ", not " + rate);
            }
            run = TrainingPlans.withDropout(design, rate);
        }
        TrainingSettings settings = DEFAULTS.withOptimizer(optimizer.get()).withLearningRate(lr).withL2(l2Value)
                .withSeed(seedValue);
        return new RunRequest(run, data, settings, epochs.get(), batchSize.get(), RunRequest.DEFAULT_NORMALISATION,
                RunRequest.DEFAULT_VALIDATION_FRACTION, patience.get(), backend.get(), maxTrain.get(),
                maxValidation.get(), null, null, engineChoices(run), schedule.value(), augmentation(),
                DataSplit.HOLD_OUT_TEST).withFineTuning(fineTuning()).withDistillation(distillation());
    }

    /** What is wrong with the values as they stand, for {@code design}; empty when {@link #request} would take them. */
    public Optional<String> problem(Design design) {
        try {
            request(design, "");
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
    }

    /**
     * Sets the values from an earlier run's request (to train again with its settings). A thread count that was the
     * design's own choice shows as empty, so that it is chosen again for the design trained next.
     */
    public void show(RunRequest request) {
        optimizer.set(request.settings().optimizer());
        learningRate.set(format(request.settings().learningRate()));
        l2.set(format(request.settings().l2()));
        seed.set(Long.toString(request.settings().seed()));
        batchSize.set(request.batchSize());
        epochs.set(request.epochs());
        patience.set(request.earlyStoppingPatience());
        backend.set(request.backend());
        maxTrain.set(request.maxTrainExamples());
        maxValidation.set(request.maxValidationExamples());
        EngineChoices engine = request.engine();
        lstmEngine.set(engine.lstmEngine());
        oneDnn.set(engine.oneDnn());
        boolean designsOwn = engine.threads() == EngineChoices.forDesign(request.design()).threads();
        threads.set(designsOwn ? "" : Integer.toString(engine.threads()));
        schedule.show(request.lrSchedule());
        showAugmentation(request.augmentation());
        showFineTuning(request.fineTuning());
        showDistillation(request.distillation());
    }

    /**
     * The training settings to save with the design: {@code base} (the design's, or the defaults) with every value of
     * this form that is right; a field typed wrong (a learning rate of "fast") keeps the base's value.
     */
    public TrainingPlan plan(TrainingPlan base) {
        TrainingPlan plan = base;
        plan = tried(plan, p -> p.withOptimizer(optimizer.get().name()));
        plan = tried(plan, p -> p.withLearningRate(Double.parseDouble(learningRate.get().strip())));
        plan = tried(plan, p -> p.withBatchSize(batchSize.get()));
        plan = tried(plan, p -> p.withEpochs(epochs.get()));
        plan = tried(plan, p -> p.withL2(Double.parseDouble(l2.get().strip())));
        plan = tried(plan, p -> p.withDropout(dropoutOverride.get(), p.dropoutRate()));
        plan = tried(plan, p -> p.withDropout(p.dropoutOverride(), Double.parseDouble(dropoutRate.get().strip())));
        plan = tried(plan, p -> p.withPatience(patience.get()));
        plan = tried(plan, p -> p.withSeed(Long.parseLong(seed.get().strip())));
        plan = tried(plan, p -> p.withBackend(backend.get().name()));
        plan = tried(plan, p -> p.withLimits(maxTrain.get(), p.maxValidationExamples()));
        plan = tried(plan, p -> p.withLimits(p.maxTrainExamples(), maxValidation.get()));
        plan = tried(plan, p -> p.withLrSchedule(schedule.value()));
        plan = tried(plan, p -> p.withAugmentation(augmentation()));
        plan = tried(plan, p -> p.withFineTuning(p.fineTuning().withPretrainedRateFactor(
                Double.parseDouble(pretrainedRateFactor.get().strip()))));
        plan = tried(plan, p -> p.withFineTuning(p.fineTuning().withHeadFirstEpochs(headFirst.get())));
        plan = tried(plan, p -> p.withFineTuning(p.fineTuning().withUnfreezeEvery(unfreezeEvery.get())));
        plan = tried(plan, p -> p.withDistillation(distillation()));
        return plan;
    }

    /** The plan changed by {@code change}, or as it was where the field's value does not fit (unset, not a number, out of range). */
    private static TrainingPlan tried(TrainingPlan plan, UnaryOperator<TrainingPlan> change) {
        try {
            return change.apply(plan);
        } catch (IllegalArgumentException | NullPointerException e) { // NumberFormatException is an IllegalArgumentException
            return plan;
        }
    }

    /**
     * Shows the training settings saved with a design (or the defaults). A field whose text already means the saved
     * value keeps its text ("1e-3" stays, for 0.001), so that the text being typed is not rewritten under the caret.
     */
    public void show(TrainingPlan plan) {
        optimizer.set(TrainingPlans.optimizer(plan));
        showNumber(learningRate, plan.learningRate());
        batchSize.set(plan.batchSize());
        epochs.set(plan.epochs());
        showNumber(l2, plan.l2());
        dropoutOverride.set(plan.dropoutOverride());
        showNumber(dropoutRate, plan.dropoutRate());
        patience.set(plan.patience());
        if (!wholeNumberIn(seed).equals(Optional.of(plan.seed()))) {
            seed.set(Long.toString(plan.seed()));
        }
        backend.set(TrainingPlans.backend(plan));
        maxTrain.set(plan.maxTrainExamples());
        maxValidation.set(plan.maxValidationExamples());
        schedule.show(plan.lrSchedule());
        showAugmentation(plan.augmentation());
        showFineTuning(plan.fineTuning());
        showDistillation(plan.distillation());
    }

    /** Shows a distillation; none clears the teacher and leaves α and T as they are, for the next teacher chosen. */
    private void showDistillation(Distillation value) {
        if (value == null) {
            distilFrom.set("");
            return;
        }
        distilFrom.set(value.teacherRun());
        showNumber(distilAlpha, value.alpha());
        showNumber(distilTemperature, value.temperature());
    }

    private void showFineTuning(FineTuning value) {
        showNumber(pretrainedRateFactor, value.pretrainedRateFactor());
        headFirst.set(value.headFirstEpochs());
        unfreezeEvery.set(value.unfreezeEvery());
    }

    /** Shows an augmentation; a spec that already means it keeps its text ("flip, shift=2" stays as typed). */
    private void showAugmentation(Augmentation value) {
        try {
            if (Augmentation.parse(augmentation.get()).equals(value)) {
                return;
            }
        } catch (IllegalArgumentException e) {
            // a wrong spec: shown below
        }
        augmentation.set(value.spec());
    }

    private static Optional<Long> wholeNumberIn(StringProperty field) {
        try {
            return Optional.of(Long.parseLong(field.get().strip()));
        } catch (NumberFormatException | NullPointerException e) {
            return Optional.empty();
        }
    }

    private static void showNumber(StringProperty field, double value) {
        try {
            if (Double.parseDouble(field.get().strip()) == value) {
                return;
            }
        } catch (NumberFormatException | NullPointerException e) {
            // not a number: shown below
        }
        field.set(plain(value));
    }

    /** Sets the epochs and sample limits (a quick trial run; also used by tests). */
    public void setQuickRun(int epochCount, int trainLimit, int validationLimit) {
        epochs.set(epochCount);
        maxTrain.set(trainLimit);
        maxValidation.set(validationLimit);
    }

    private EngineChoices engineChoices(Design run) {
        EngineChoices chosen = EngineChoices.forDesign(run).withLstmEngine(lstmEngine.get()).withOneDnn(oneDnn.get());
        String text = threads.get() == null ? "" : threads.get().strip();
        if (text.isEmpty()) {
            return chosen;
        }
        try {
            int count = Integer.parseInt(text);
            if (count >= 0) {
                return chosen.withThreads(count);
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException("Threads must be a whole number of 0 or more (0: ND4J's choice), "
                + "or empty to choose per design, not '" + threads.get() + "'");
    }

    private static double number(StringProperty field, String name) {
        try {
            double value = Double.parseDouble(field.get().strip());
            if (!Double.isFinite(value)) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException | NullPointerException e) {
            throw new IllegalArgumentException(name + " must be a number, not '" + field.get() + "'");
        }
    }

    private static long wholeNumber(StringProperty field, String name) {
        try {
            return Long.parseLong(field.get().strip());
        } catch (NumberFormatException | NullPointerException e) {
            throw new IllegalArgumentException(name + " must be a whole number, not '" + field.get() + "'");
        }
    }

    /** An earlier run's value as the form has always shown it (Java's own text: 0.05, 0.0). */
    private static String format(double value) {
        return String.format(Locale.ROOT, "%s", value);
    }

    /** A default as a person writes it: 0.001, 0.5, 0. */
    private static String plain(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
