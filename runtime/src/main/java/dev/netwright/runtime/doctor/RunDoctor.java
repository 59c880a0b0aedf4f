package dev.netwright.runtime.doctor;

import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.layers.kinds.OutputKind;
import dev.netwright.runtime.train.ParameterHook;
import dev.netwright.runtime.train.RunFolder;
import dev.netwright.runtime.train.TrainingEvent;
import dev.netwright.runtime.train.TrainingEvents;
import dev.netwright.runtime.train.TrainingListener;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.dataset.DataSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Objects;

/**
 * The training doctor inside a run: as a {@link ParameterHook} it samples the network's signals around every
 * {@link #interval()}-th update (and the first few) and reports them as {@link TrainingEvent.Signals}; as a
 * {@link TrainingListener} between the session and whoever receives its events it passes every event on, lets the
 * {@link Doctor} read it, and reports each finding as a {@link TrainingEvent.Finding}, also appended to the run's
 * {@link RunFolder#DOCTOR}. Findings about a failure come before the failure, which ends the event stream.
 */
public final class RunDoctor implements ParameterHook, TrainingListener {
    private static final Logger LOG = LoggerFactory.getLogger(RunDoctor.class);
    /** The longest gap between samples: long runs are sampled every this many updates. */
    public static final int MAX_INTERVAL = 50;
    /** Short runs are sampled about this many times, so that even they give the rules enough to judge... */
    private static final int SAMPLES_PER_SHORT_RUN = 40;
    /** ...but at most every this many updates, so that sampling stays a small part of their time too. */
    public static final int MIN_INTERVAL = 5;
    /** The first updates of a run are all sampled: a learning rate far too high ends a run within a few. */
    private static final int FIRST_SAMPLED = 3;

    private final RunFolder folder;
    private final TrainingListener downstream;
    private final Doctor doctor = new Doctor();
    private final SignalSampler sampler = new SignalSampler();
    private Design design;
    private int classes;
    private long firstIteration;
    private long interval = 1;
    private boolean sampling;
    private int epoch = 1;
    private boolean findingsLost;

    public RunDoctor(RunFolder folder, TrainingListener downstream) {
        this.folder = Objects.requireNonNull(folder, "folder");
        this.downstream = Objects.requireNonNull(downstream, "downstream");
    }

    /** Every how many updates the network is sampled (after the first few). */
    public long interval() {
        return interval;
    }

    @Override
    public void started(ComputationGraph graph, Design design, long iteration, long totalIterations) {
        this.design = design;
        this.classes = design.nodes().stream().filter(n -> n.kind().equals(OutputKind.ID)).findFirst()
                .map(n -> n.params().get("units")).filter(Number.class::isInstance).map(u -> ((Number) u).intValue())
                .orElse(0);
        this.firstIteration = iteration;
        long remaining = Math.max(1, totalIterations - iteration);
        this.interval = Math.max(MIN_INTERVAL, Math.min(MAX_INTERVAL, remaining / SAMPLES_PER_SHORT_RUN));
    }

    @Override
    public void updating(ComputationGraph graph, DataSet batch, long iteration) {
        sampling = iteration - firstIteration <= FIRST_SAMPLED || iteration % interval == 0;
        if (sampling) {
            sampler.before(graph);
        }
    }

    @Override
    public void updated(ComputationGraph graph, long iteration) {
        if (!sampling) {
            return;
        }
        sampling = false;
        List<TrainingEvent.LayerSignals> layers = sampler.after(graph, design);
        onEvent(new TrainingEvent.Signals(epoch, iteration, classes, layers));
    }

    @Override
    public void onEvent(TrainingEvent event) {
        if (event instanceof TrainingEvent.Iteration it) {
            epoch = it.epoch();
        }
        List<TrainingEvent.Finding> findings = doctor.observe(event);
        if (!event.isTerminal()) {
            downstream.onEvent(event);
        }
        for (TrainingEvent.Finding finding : findings) {
            record(finding);
            downstream.onEvent(finding);
        }
        if (event.isTerminal()) {
            downstream.onEvent(event);
        }
    }

    private void record(TrainingEvent.Finding finding) {
        if (findingsLost) {
            return;
        }
        try {
            Files.writeString(folder.doctor(), TrainingEvents.toJsonLine(finding) + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            findingsLost = true; // the event stream still carries every finding
            LOG.warn("cannot write {}: {}", folder.doctor(), e.getMessage());
        }
    }
}
