package dev.netwright.app.doctor;

import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.train.TrainingEvent;
import javafx.scene.Scene;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The Doctor tab: a run's findings as they arrive, cleared by the next run, and a finished run's recorded ones. */
@ExtendWith(ApplicationExtension.class)
class DoctorPanelTest {
    private DoctorPanel panel;

    @Start
    void start(Stage stage) {
        panel = new DoctorPanel(new DoctorModel());
        stage.setScene(new Scene(panel, 800, 300));
        stage.show();
    }

    static TrainingEvent.Finding tooHigh() {
        return new TrainingEvent.Finding("learning-rate-too-high", null, "The learning rate (10) is too high.",
                Map.of("updateRatio", 5.0), List.of(new TrainingEvent.Action("set-setting", null, "learningRate", "0.01",
                "Set the learning rate to 0.01.")), 1, 4);
    }

    static TrainingEvent.Finding dead() {
        return new TrainingEvent.Finding("dead-units", "dense", "Dead ReLUs in dense.", Map.of("deadShare", 1.0),
                List.of(), 2, 20);
    }

    static TrainingEvent started() {
        return new TrainingEvent.RunStarted("CPU", "cpu", 100, 10, 5, 1, 3, 32, "data");
    }

    @Test
    void findingsOfTheRunningRunAppearAsTheyArriveWithWhatToTry(FxRobot robot) {
        assertThat(panel.model().headingProperty().get()).isEqualTo(DoctorModel.NO_RUN);
        robot.interact(() -> panel.model().accept(List.of(started(),
                new TrainingEvent.Iteration(1, 4, 9.0, 10, 100), tooHigh())));

        assertThat(panel.list().getItems()).containsExactly(tooHigh());
        assertThat(robot.lookup("#doctor-heading").queryLabeled().getText()).isEqualTo("1 finding in this run.");
        assertThat(robot.lookup("Learning rate too high · epoch 1, iteration 4").tryQuery()).isPresent();
        assertThat(robot.lookup(".doctor-action").queryAs(Hyperlink.class).getText())
                .as("a suggestion the window can apply is a link").isEqualTo("Set the learning rate to 0.01.");

        robot.interact(() -> panel.model().accept(List.of(dead())));
        assertThat(panel.list().getItems()).containsExactly(tooHigh(), dead());
        assertThat(robot.lookup("Dead units · node dense · epoch 2, iteration 20").tryQuery()).isPresent();
    }

    @Test
    void aNewRunStartsWithAnEmptyList(FxRobot robot) {
        robot.interact(() -> panel.model().accept(List.of(started(), tooHigh())));
        robot.interact(() -> panel.model().accept(List.of(started())));

        assertThat(panel.list().getItems()).isEmpty();
        assertThat(panel.model().headingProperty().get()).isEqualTo(DoctorModel.WATCHING);
    }

    @Test
    void aLiveRunThatEndsWithNothingFoundSaysSoInThePastTense(FxRobot robot) {
        robot.interact(() -> panel.model().accept(List.of(started())));
        robot.interact(() -> panel.model().runEnded(new DoctorModel.ShownRun(java.nio.file.Path.of("r"), "run-7", true)));
        assertThat(panel.model().headingProperty().get()).isEqualTo("The doctor found nothing wrong in run-7.");

        robot.interact(() -> panel.model().accept(List.of(started(), tooHigh())));
        robot.interact(() -> panel.model().runEnded(new DoctorModel.ShownRun(java.nio.file.Path.of("r"), "run-8", true)));
        assertThat(panel.model().headingProperty().get()).as("its findings stay the heading")
                .isEqualTo("1 finding in this run.");
    }

    @Test
    void aFinishedRunShowsWhatItRecordedOrThatNothingWasWrong(FxRobot robot) {
        robot.interact(() -> panel.model().showRun("run-1", List.of(dead())));
        assertThat(panel.list().getItems()).containsExactly(dead());
        assertThat(panel.model().headingProperty().get()).isEqualTo("1 finding in run-1.");

        robot.interact(() -> panel.model().showRun("run-2", List.of()));
        assertThat(panel.list().getItems()).isEmpty();
        assertThat(panel.model().headingProperty().get()).isEqualTo("The doctor found nothing wrong in run-2.");
    }

    static TrainingEvent.Finding gradients() {
        return new TrainingEvent.Finding("exploding-gradients", "conv1", "Gradients grow with depth.", Map.of(),
                List.of(new TrainingEvent.Action("set-setting", null, "gradientClipping", "1", "Clip gradients at 1."),
                        new TrainingEvent.Action("advice", null, null, null, "Check the inputs.")), 1, 8);
    }

    @Test
    void aLinkAppliesItsActionThenTheTabSaysWhatChangedAndOffersToTrainAgain(FxRobot robot) {
        List<TrainingEvent.Action> applied = new ArrayList<>();
        AtomicInteger trained = new AtomicInteger();
        robot.interact(() -> {
            panel.model().setApplier(action -> {
                applied.add(action);
                return new FindingActions.Outcome(true, "Changed: Set learning rate to 0.01.");
            });
            panel.model().setOnTrainAgain(trained::incrementAndGet);
            panel.model().accept(List.of(started(), tooHigh()));
        });
        assertThat(robot.lookup("#doctor-outcome").queryLabeled().getText()).as("nothing to say yet").isEmpty();

        robot.clickOn(".doctor-action");

        assertThat(applied).containsExactly(tooHigh().actions().get(0));
        assertThat(robot.lookup("#doctor-outcome").queryLabeled().getText()).isEqualTo("Changed: Set learning rate to 0.01.");
        Hyperlink again = robot.lookup("#doctor-train-again").queryAs(Hyperlink.class);
        assertThat(again.isVisible()).isTrue();

        robot.clickOn(again);

        assertThat(trained).hasValue(1);
        assertThat(again.isVisible()).isFalse();
    }

    @Test
    void anActionThatChangedNothingSaysWhyAndOffersNoNewRun(FxRobot robot) {
        robot.interact(() -> {
            panel.model().setApplier(action -> FindingActions.Outcome.unchanged("Node dense is no longer in the design."));
            panel.model().accept(List.of(started(), tooHigh()));
        });

        robot.clickOn(".doctor-action");

        assertThat(robot.lookup("#doctor-outcome").queryLabeled().getText()).isEqualTo("Node dense is no longer in the design.");
        assertThat(robot.lookup("#doctor-train-again").queryAs(Hyperlink.class).isVisible()).isFalse();
    }

    @Test
    void adviceAndSettingsTheWindowDoesNotHoldArePlainWordsNotLinks(FxRobot robot) {
        robot.interact(() -> panel.model().accept(List.of(started(), gradients())));

        assertThat(robot.lookup(".doctor-action").tryQuery()).isEmpty();
        assertThat(robot.lookup("Try: Clip gradients at 1.").queryAs(Label.class)).isNotNull();
        assertThat(robot.lookup("Try: Check the inputs.").queryAs(Label.class)).isNotNull();
    }

    @Test
    void theNotesForTheCardsNameEachNodeWithItsFindingsAndANewRunClearsThem(FxRobot robot) {
        robot.interact(() -> panel.model().accept(List.of(started(), tooHigh(), dead(), gradients())));

        assertThat(panel.model().notesProperty().get()).containsExactly(
                Map.entry("dense", "Dead units: Dead ReLUs in dense."),
                Map.entry("conv1", "Exploding gradients: Gradients grow with depth."));

        robot.interact(() -> panel.model().accept(List.of(started())));
        assertThat(panel.model().notesProperty().get()).isEmpty();
        robot.interact(() -> panel.model().showRun("run-1", List.of(dead())));
        assertThat(panel.model().notesProperty().get()).containsOnlyKeys("dense");
        robot.interact(() -> panel.model().showRun("run-2", List.of()));
        assertThat(panel.model().notesProperty().get()).isEmpty();
    }

    @Test
    void undoingTheChangesAppliedHereSaysSoAndWithdrawsTrainAgainWhenNoneIsLeft(FxRobot robot) {
        Design first = Design.empty("first");
        Design second = Design.empty("second");
        java.util.Iterator<Design> befores = List.of(first, second).iterator();
        TrainingEvent.Action lower = tooHigh().actions().get(0);
        TrainingEvent.Action leaky = new TrainingEvent.Action("set-param", "dense", "activation", "leakyrelu",
                "Use LeakyReLU in dense.");
        robot.interact(() -> {
            panel.model().setApplier(action -> new FindingActions.Outcome(true, "Changed.", befores.next()));
            panel.model().apply(lower);
            panel.model().apply(leaky);
        });

        robot.interact(() -> panel.model().designShown(second));
        assertThat(panel.model().outcomeProperty().get()).isEqualTo("Undone: Use LeakyReLU in dense.");
        assertThat(panel.model().trainAgainOfferedProperty().get()).as("the first change stands").isTrue();

        robot.interact(() -> panel.model().designShown(first));
        assertThat(panel.model().outcomeProperty().get()).isEqualTo("Undone: Set the learning rate to 0.01.");
        assertThat(panel.model().trainAgainOfferedProperty().get()).isFalse();
    }

    /** A sample of a two-layer network at {@code iteration}: dense (update ratio 1e-3 × iteration) and the output. */
    static TrainingEvent.Signals sample(long iteration) {
        return new TrainingEvent.Signals(1, iteration, 3, List.of(
                new TrainingEvent.LayerSignals("dense", "dense", "relu", 1040, 5, 0.5, 1e-3 * iteration, 0.4, 0.6,
                        0.1, Double.NaN),
                new TrainingEvent.LayerSignals("output", "output", "softmax", 51, 2, 0.2, 2e-3, 0.33, 0.2, 0,
                        Double.NaN)));
    }

    @Test
    void choosingAFindingAboutANodeChartsThatLayersSignals(FxRobot robot) {
        robot.interact(() -> panel.model().accept(List.of(started(), sample(5), sample(10), sample(15), tooHigh(),
                dead())));
        assertThat(robot.lookup("#doctor-layer-choice").queryComboBox().getItems()).containsExactly("dense", "output");
        assertThat(robot.lookup("#doctor-layer-signals").query().isVisible()).as("charts on demand only").isFalse();

        robot.interact(() -> panel.list().getSelectionModel().select(tooHigh()));
        assertThat(panel.model().chartedNodeProperty().get()).as("a finding about the settings has no layer").isNull();
        robot.interact(() -> panel.list().getSelectionModel().select(dead()));

        assertThat(robot.lookup("#doctor-layer-choice").queryComboBox().getValue()).isEqualTo("dense");
        assertThat(robot.lookup("#doctor-layer-signals").query().isVisible()).isTrue();
        assertThat(panel.layerChart().pointCounts()).containsExactly(3, 3, 3, 3);
        assertThat(panel.layerChart().titleText()).isEqualTo("Signals of dense (3 samples)");
    }

    @Test
    void aNodeChosenElsewhereIsChartedWhenTheRunSampledIt(FxRobot robot) {
        robot.interact(() -> panel.model().accept(List.of(started(), sample(5), sample(10))));

        robot.interact(() -> panel.model().chartNode("output"));
        assertThat(robot.lookup("#doctor-layer-choice").queryComboBox().getValue()).isEqualTo("output");
        assertThat(panel.layerChart().titleText()).isEqualTo("Signals of output (2 samples)");

        robot.interact(() -> panel.model().chartNode("flatten")); // not sampled: the charts stay
        robot.interact(() -> panel.model().chartNode(null));
        assertThat(panel.model().chartedNodeProperty().get()).isEqualTo("output");
    }

    @Test
    void choosingALayerChartsItAndSignalsArrivingLiveAreDrawn(FxRobot robot) {
        robot.interact(() -> panel.model().accept(List.of(started(), sample(5))));
        robot.interact(() -> robot.lookup("#doctor-layer-choice").queryComboBox().getSelectionModel().select("output"));
        assertThat(panel.layerChart().titleText()).isEqualTo("Signals of output (1 sample)");

        robot.interact(() -> panel.model().accept(List.of(sample(10))));
        assertThat(panel.layerChart().pointCounts()).containsExactly(2, 2, 2, 2);

        robot.interact(() -> panel.model().accept(List.of(started())));
        assertThat(panel.model().chartedNodeProperty().get()).as("a new run has no signals yet").isNull();
        assertThat(robot.lookup("#doctor-layer-choice").queryComboBox().getItems()).isEmpty();
    }

    @Test
    void aFinishedRunsRecordedSignalsCanBeCharted(FxRobot robot) {
        robot.interact(() -> panel.model().showRun("run-1", List.of(dead()), List.of(sample(5), sample(10))));
        robot.interact(() -> panel.list().getSelectionModel().select(0));

        assertThat(panel.layerChart().titleText()).isEqualTo("Signals of dense (2 samples)");
        assertThat(panel.layerChart().pointCounts()).containsExactly(2, 2, 2, 2);
    }

    @Test
    void aRunThatSavedWeightsOffersToResumeFromItWithTheChangeAppliedHere(FxRobot robot) {
        java.nio.file.Path dir = java.nio.file.Path.of("runs", "run-1");
        List<java.nio.file.Path> resumed = new ArrayList<>();
        AtomicInteger trained = new AtomicInteger();
        robot.interact(() -> {
            panel.model().setApplier(action -> new FindingActions.Outcome(true, "Changed: Set learning rate to 0.01."));
            panel.model().setOnTrainAgain(trained::incrementAndGet);
            panel.model().setOnResume(resumed::add);
            panel.model().showRun(new DoctorModel.ShownRun(dir, "run-1", true), List.of(tooHigh()), List.of());
        });
        Hyperlink resume = robot.lookup("#doctor-resume").queryAs(Hyperlink.class);
        assertThat(resume.isVisible()).as("nothing applied yet").isFalse();

        robot.clickOn(".doctor-action");

        assertThat(resume.isVisible()).isTrue();
        assertThat(resume.getText()).isEqualTo("Resume from this run with this change");
        assertThat(robot.lookup("#doctor-no-resume").queryLabeled().isVisible()).isFalse();

        robot.clickOn(resume);

        assertThat(resumed).containsExactly(dir);
        assertThat(trained).as("not a fresh run").hasValue(0);
        assertThat(resume.isVisible()).isFalse();
        assertThat(robot.lookup("#doctor-train-again").queryAs(Hyperlink.class).isVisible()).isFalse();
        assertThat(panel.model().outcomeProperty().get()).isEqualTo("Resuming from run-1's weights with the change\u2026");
    }

    @Test
    void aRunWithoutSavedWeightsOffersOnlyAFreshRunAndSaysWhy(FxRobot robot) {
        List<java.nio.file.Path> resumed = new ArrayList<>();
        robot.interact(() -> {
            panel.model().setApplier(action -> new FindingActions.Outcome(true, "Changed: Set learning rate to 0.01."));
            panel.model().setOnResume(resumed::add);
            panel.model().showRun(new DoctorModel.ShownRun(java.nio.file.Path.of("runs", "run-2"), "run-2", false),
                    List.of(tooHigh()), List.of());
        });

        robot.clickOn(".doctor-action");

        assertThat(robot.lookup("#doctor-train-again").queryAs(Hyperlink.class).isVisible()).isTrue();
        assertThat(robot.lookup("#doctor-resume").queryAs(Hyperlink.class).isVisible()).isFalse();
        assertThat(robot.lookup("#doctor-no-resume").queryLabeled().getText()).isEqualTo("Resuming is not offered: "
                + "run-2 saved no trained weights (it ended before its first epoch did).");
        robot.interact(() -> panel.model().resume());
        assertThat(resumed).isEmpty();
    }

    @Test
    void aLiveRunCanBeResumedFromOnlyOnceItHasEndedAndUndoingTheChangeWithdrawsTheOffer(FxRobot robot) {
        Design before = Design.empty("before");
        robot.interact(() -> {
            panel.model().setApplier(action -> new FindingActions.Outcome(true, "Changed.", before));
            panel.model().accept(List.of(started(), tooHigh()));
            panel.model().apply(tooHigh().actions().get(0));
        });
        assertThat(panel.model().resumeOfferedProperty().get()).as("the run has not ended").isFalse();

        robot.interact(() -> panel.model().runEnded(new DoctorModel.ShownRun(java.nio.file.Path.of("r"), "r", true)));
        assertThat(panel.model().resumeOfferedProperty().get()).isTrue();

        robot.interact(() -> panel.model().designShown(before));
        assertThat(panel.model().resumeOfferedProperty().get()).as("the change was undone").isFalse();
        assertThat(panel.model().trainAgainOfferedProperty().get()).isFalse();
    }
}
