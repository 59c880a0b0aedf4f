package dev.netwright.runtime.compile;

import dev.netwright.runtime.check.CheckResult;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.graph.ComputationGraph;

import java.util.List;

/** A design turned into a DL4J graph configuration, with its input and output vertex names (= node ids). */
public record CompiledDesign(ComputationGraphConfiguration configuration, List<String> inputs,
                             List<InputType> inputTypes, List<String> outputs, CheckResult check) {

    /** A new, initialised network for this configuration. */
    public ComputationGraph newNetwork() {
        ComputationGraph graph = new ComputationGraph(configuration.clone());
        graph.init();
        return graph;
    }
}
