package dev.netwright.app.window;

import dev.netwright.designer.document.DesignDocument;
import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.weights.WeightsCheck;
import dev.netwright.runtime.weights.WeightsStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Keeps a document's weights status ({@link DesignDocument#weightsStatusProperty()}) up to date: after each change of a
 * design that has weights, {@link WeightsCheck} compiles it and fits the weights in the background, and the answer is
 * handed to the FX thread. Edits made while one is worked out are coalesced: only the newest design is checked next.
 */
final class WeightsWatch {
    private static final Logger LOG = LoggerFactory.getLogger(WeightsWatch.class);

    private final DesignDocument document;
    private final WeightsCheck check;
    private final Executor background;
    private final Consumer<Runnable> onFxThread;
    private final AtomicReference<Design> pending = new AtomicReference<>();
    private final AtomicBoolean busy = new AtomicBoolean();

    WeightsWatch(DesignDocument document, WeightsCheck check, Executor background, Consumer<Runnable> onFxThread) {
        this.document = Objects.requireNonNull(document, "document");
        this.check = Objects.requireNonNull(check, "check");
        this.background = Objects.requireNonNull(background, "background");
        this.onFxThread = Objects.requireNonNull(onFxThread, "onFxThread");
        document.designProperty().addListener((o, old, now) -> request(now));
        request(document.design());
    }

    private void request(Design design) {
        if (design.weights().isEmpty()) {
            pending.set(null); // the document shows no weights at once; an older request has nothing left to say
            return;
        }
        pending.set(design);
        if (busy.compareAndSet(false, true)) {
            background.execute(this::drain);
        }
    }

    private void drain() {
        try {
            Design design;
            while ((design = pending.getAndSet(null)) != null) {
                Design checked = design;
                WeightsStatus status;
                try {
                    status = check.status(checked);
                } catch (RuntimeException e) {
                    LOG.warn("cannot work out where the weights of {} come from: {}", checked.name(), e.toString());
                    status = WeightsStatus.unknown(checked.weights().orElseThrow());
                }
                WeightsStatus found = status;
                onFxThread.accept(() -> document.showWeightsStatus(checked, found));
            }
        } finally {
            busy.set(false);
        }
        if (pending.get() != null && busy.compareAndSet(false, true)) {
            background.execute(this::drain); // asked for between the loop's end and letting go
        }
    }
}
