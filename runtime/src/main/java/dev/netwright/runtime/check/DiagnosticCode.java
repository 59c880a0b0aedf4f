package dev.netwright.runtime.check;

import java.util.Set;

/**
 * What a diagnostic is about, independent of its wording: code compares codes (a wire refusal, a test), people read
 * the message. Each code has one severity; the comment says which rule or place reports it.
 */
public enum DiagnosticCode {
    /** The design has no nodes at all. */
    EMPTY_DESIGN(Severity.ERROR),
    /** No Input node. */
    NO_INPUT_NODE(Severity.ERROR),
    /** More than one Input node (reported on the second). */
    TOO_MANY_INPUT_NODES(Severity.ERROR),
    /** No Output node. */
    NO_OUTPUT_NODE(Severity.ERROR),
    /** More than one Output node (reported on the second). */
    TOO_MANY_OUTPUT_NODES(Severity.ERROR),
    /** A wire leaves a kind that has no output at all (Output, the end of the network). */
    NOTHING_AFTER_OUTPUT(Severity.ERROR),
    /** A wire leaves a port the kind does not have. */
    NO_OUTPUT_PORT(Severity.ERROR),
    /** A wire arrives at a port the kind does not have. */
    NO_INPUT_PORT(Severity.ERROR),
    /** A wire from a node to itself. */
    SELF_WIRE(Severity.ERROR),
    /** The same wire twice (the file format and the designer refuse it; the checker never sees one). */
    DUPLICATE_WIRE(Severity.ERROR),
    /** A node on a loop of wires. */
    CYCLE(Severity.ERROR),
    /** A node whose kind the catalog does not know. */
    UNKNOWN_KIND(Severity.ERROR),
    /** A parameter the node's kind does not have. */
    UNKNOWN_PARAM(Severity.ERROR),
    /** A parameter value of the wrong type or outside its range. */
    BAD_PARAM_VALUE(Severity.ERROR),
    /** An input port with no wire. */
    NO_INPUT(Severity.ERROR),
    /** An input port with fewer wires than it needs (Add and Concat need two). */
    TOO_FEW_INPUTS(Severity.ERROR),
    /** An input port with more wires than it takes. */
    TOO_MANY_INPUTS(Severity.ERROR),
    /** A kind's shape rule refuses the shapes or parameters it is given ({@code ctx.error} in a kind). */
    SHAPE_RULE(Severity.ERROR),
    /** A kind's shape rule warns ({@code ctx.warn} in a kind). */
    SHAPE_RULE_WARNING(Severity.WARNING),
    /** Sizes beyond what Java's numbers hold while inferring a node's shape. */
    SIZE_OVERFLOW(Severity.ERROR),
    /** A node whose output goes nowhere. */
    OUTPUT_UNUSED(Severity.WARNING),
    /** The design's training settings augment images, but its Input takes no images (reported on the Input). */
    AUGMENTATION_NEEDS_IMAGES(Severity.ERROR),
    /** Training at the default settings needs more memory than a run is given. */
    OVER_MEMORY_BUDGET(Severity.WARNING),
    /** The compiler: DL4J threw while building one node's vertices. */
    DL4J_CANNOT_BUILD(Severity.ERROR),
    /** The compiler: DL4J refused the finished graph. */
    DL4J_REFUSED(Severity.ERROR),
    /** Nodes of a design with trained weights will start from random weights (their shapes changed, or none kept). */
    WEIGHTS_REINITIALISED(Severity.WARNING),
    /** The design's weights file is missing or cannot be read: training starts from random weights. */
    WEIGHTS_UNREADABLE(Severity.WARNING);

    private static final Set<DiagnosticCode> INPUT_COUNTS = Set.of(NO_INPUT, TOO_FEW_INPUTS, TOO_MANY_INPUTS);

    private final Severity severity;

    DiagnosticCode(Severity severity) {
        this.severity = severity;
    }

    public Severity severity() {
        return severity;
    }

    /** Whether the code says how many wires a port has, rather than what arrives on them. */
    public boolean isInputCount() {
        return INPUT_COUNTS.contains(this);
    }
}
