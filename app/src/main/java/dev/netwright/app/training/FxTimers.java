package dev.netwright.app.training;

import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.PauseTransition;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.util.Duration;

/** {@link Timers} on JavaFX's animation clock: the actions run on the FX thread. */
public final class FxTimers implements Timers {
    @Override
    public Timer after(java.time.Duration delay, Runnable action) {
        PauseTransition pause = new PauseTransition(Duration.millis(delay.toMillis()));
        pause.setOnFinished(e -> action.run());
        pause.play();
        return pause::stop;
    }

    @Override
    public Timer every(java.time.Duration period, Runnable action) {
        Timeline timeline = new Timeline(new KeyFrame(Duration.millis(period.toMillis()), e -> action.run()));
        timeline.setCycleCount(Animation.INDEFINITE);
        Platform.runLater(timeline::play); // as the event batcher did: the first tick counts from the next pulse
        return () -> Platform.runLater(timeline::stop);
    }
}
