package dev.netwright.runtime.doctor;

import dev.netwright.runtime.train.TrainingEvent;
import dev.netwright.runtime.train.TrainingEvent.Finding;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The training doctor's judgement: reads a run's events as they come (losses, sampled signals, epoch results, the
 * evaluation, a failure) and says what is going wrong, each finding once per run and node. Pure: the same events give
 * the same findings, live in the worker or replayed from a finished run's {@code events.jsonl}.
 */
public final class Doctor {
    private final RunHistory history = new RunHistory();
    private final Set<String> raised = new HashSet<>();

    /** Takes one event; returns the findings it brings to light (most events bring none). */
    public List<Finding> observe(TrainingEvent event) {
        List<Finding> fresh = new ArrayList<>();
        if (event instanceof TrainingEvent.Iteration iteration) {
            history.add(iteration);
        } else if (event instanceof TrainingEvent.Signals signals) {
            history.add(signals);
            keepNew(SignalRules.check(history), fresh);
        } else if (event instanceof TrainingEvent.RunStarted started) {
            history.add(started);
        } else if (event instanceof TrainingEvent.ClassCounts counts) {
            history.add(counts);
            keepNew(List.of(DataRules.classImbalance(counts, history)), fresh);
        } else if (event instanceof TrainingEvent.EpochDetail detail) {
            history.add(detail);
        } else if (event instanceof TrainingEvent.EpochEnd end) {
            history.add(end);
            keepNew(SignalRules.check(history), fresh);
            // after the signal rules: what they found (a network that cannot learn) decides what the epochs mean
            keepNew(EpochRules.check(history, raised::contains), fresh);
            keepNew(List.of(DataRules.slowInput(history), DataRules.classAccuracyDrift(history)), fresh);
        } else if (event instanceof TrainingEvent.Evaluation evaluation) {
            if (!EpochRules.networkCannotLearn(history, raised::contains)) {
                keepNew(List.of(EpochRules.classesNeverPredicted(history, evaluation)), fresh);
            }
        } else if (event instanceof TrainingEvent.Failed) {
            keepNew(List.of(SignalRules.diverged(history)), fresh);
        }
        return fresh;
    }

    private void keepNew(List<Optional<Finding>> found, List<Finding> fresh) {
        for (Optional<Finding> finding : found) {
            if (finding.isPresent() && raised.add(key(finding.get().kind(), finding.get().node()))) {
                fresh.add(finding.get());
            }
        }
    }

    /** All findings of a run's events, in the order they arose. */
    public static List<Finding> diagnose(Iterable<TrainingEvent> events) {
        Doctor doctor = new Doctor();
        List<Finding> all = new ArrayList<>();
        for (TrainingEvent event : events) {
            all.addAll(doctor.observe(event));
        }
        return all;
    }

    static String key(String kind, String node) {
        return kind + "@" + node;
    }
}
