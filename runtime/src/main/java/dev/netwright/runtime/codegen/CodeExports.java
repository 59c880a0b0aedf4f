package dev.netwright.runtime.codegen;

import dev.netwright.runtime.check.CheckResult;
import dev.netwright.runtime.design.TrainingPlan;

import java.util.stream.Collectors;

/** What the Keras, PyTorch, Java and ONNX exports share: the settings a design without its own gets, and the refusal of errors. */
public final class CodeExports {
    /** Where a design has no saved settings: the tutorial's Adam 0.001, batch 32, 5 epochs, seed 42. */
    static final TrainingPlan DEFAULT_PLAN = new TrainingPlan("ADAM", 1e-3, 32, 5, 0, false, 0.5, 0, 42, "AUTO", 0, 0);

    private CodeExports() {
    }

    /** Refuses a design whose check has errors, listing each with its node. */
    public static void refuseErrors(CheckResult check) {
        if (check.hasErrors()) {
            throw new CodeExportException("The design has errors; fix them before exporting: " + check.errors().stream()
                    .map(d -> (d.nodeId() == null ? "" : d.nodeId() + ": ") + d.message())
                    .collect(Collectors.joining("; ")));
        }
    }
}
