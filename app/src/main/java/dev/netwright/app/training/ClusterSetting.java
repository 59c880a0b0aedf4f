package dev.netwright.app.training;

import dev.netwright.runtime.design.LearningRateSchedule;
import dev.netwright.runtime.sweep.MasterUrl;
import dev.netwright.runtime.train.Backend;
import dev.netwright.runtime.train.RunRequest;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The Training panel's Cluster setting: empty trains on this machine; a Spark master URL ({@code spark://HOST:PORT},
 * {@code local[N]}) trains the saved design there, data-parallel, through {@code netwright train --cluster}
 * ({@link ClusterRunLauncher}). Not saved with the design: a cluster belongs to the machine, not to the network.
 * Knows no controls; for the FX thread.
 */
public final class ClusterSetting {
    public static final String SAVE_FIRST = "Save the design first (File ▸ Save): a run on a cluster trains the design "
            + "as saved.";

    private final StringProperty cluster = new SimpleStringProperty(this, "cluster", "");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper(this, "problem", "");

    public ClusterSetting() {
        cluster.addListener(o -> problem.set(problemOf(cluster.get())));
    }

    /** The master URL as typed; empty for this machine. */
    public StringProperty clusterProperty() {
        return cluster;
    }

    /** What is wrong with the Cluster as typed; empty when it is empty or a master URL. */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    /** True when a run goes to a cluster rather than this machine. */
    public boolean isSet() {
        return !cluster.get().isBlank();
    }

    /** The master URL, stripped. */
    public String master() {
        return cluster.get().strip();
    }

    /** What is wrong with a Cluster as typed; empty when it is empty (this machine) or a master URL Spark takes. */
    public static String problemOf(String master) {
        String text = master == null ? "" : master.strip();
        if (text.isEmpty()) {
            return "";
        }
        try {
            MasterUrl.parse(text);
            return "";
        } catch (IllegalArgumentException e) {
            return "Cluster " + e.getMessage() + ", or leave it empty to train on this machine.";
        }
    }

    /**
     * Why a run cannot start on the cluster now (empty: it can): a malformed master URL, or a design with no file or
     * with changes since it was saved ({@code savedDesign} empty).
     */
    public String refusal(Optional<Path> savedDesign) {
        if (!problem.get().isEmpty()) {
            return "Not started: " + problem.get();
        }
        return savedDesign.isEmpty() ? SAVE_FIRST : "";
    }

    /**
     * The panel's settings that a run on a cluster leaves out, in words (empty when none): the executors train on
     * their own backend, augmentation and a learning-rate schedule belong to the one-machine training loop.
     */
    public static List<String> notUsed(RunRequest request) {
        List<String> left = new ArrayList<>();
        if (request.backend() == Backend.GPU) {
            left.add("the GPU backend");
        }
        if (!request.augmentation().isNone()) {
            left.add("augmentation");
        }
        if (!(request.lrSchedule() instanceof LearningRateSchedule.Constant)) {
            left.add("the learning-rate schedule");
        }
        return left;
    }
}
