package dev.netwright.runtime.train;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Keeps every event, and lets a test act on one as it arrives. */
final class RecordingListener implements TrainingListener {
    private final List<TrainingEvent> events = new ArrayList<>();
    private final Consumer<TrainingEvent> action;

    RecordingListener(Consumer<TrainingEvent> action) {
        this.action = action;
    }

    RecordingListener() {
        this(e -> { });
    }

    @Override
    public synchronized void onEvent(TrainingEvent event) {
        events.add(event);
        action.accept(event);
    }

    synchronized List<TrainingEvent> events() {
        return List.copyOf(events);
    }

    synchronized <T extends TrainingEvent> List<T> of(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
