package dev.netwright.app.window;

import javafx.animation.AnimationTimer;

import java.lang.management.ManagementFactory;
import java.util.function.LongConsumer;

/** Tells when the first frame after {@code Stage.show()} has been drawn: the second pulse has begun, so the first one rendered. */
public final class FirstFrame {
    private FirstFrame() {
    }

    /** Calls {@code uptimeMillis} (FX thread) with the JVM's uptime once the first frame is on screen. */
    public static void whenDrawn(LongConsumer uptimeMillis) {
        new AnimationTimer() {
            private int pulses;

            @Override
            public void handle(long now) {
                if (++pulses == 2) {
                    stop();
                    uptimeMillis.accept(ManagementFactory.getRuntimeMXBean().getUptime());
                }
            }
        }.start();
    }
}
