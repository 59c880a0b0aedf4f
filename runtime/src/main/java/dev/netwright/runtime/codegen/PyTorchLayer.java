package dev.netwright.runtime.codegen;

import java.util.Objects;

/**
 * One node as PyTorch code: the module {@code __init__} builds (null when the node has no parameters or
 * state) and the expression {@code forward} computes from its inputs' variables.
 *
 * @param module  a Python expression such as {@code nn.Conv2d(1, 32, (3, 3))}, or null
 * @param forward the Python expression of the node's output, e.g. {@code F.relu(self.conv1(x_input))}
 */
public record PyTorchLayer(String module, String forward) {
    public PyTorchLayer {
        Objects.requireNonNull(forward, "forward");
    }

    static PyTorchLayer stateless(String forward) {
        return new PyTorchLayer(null, forward);
    }
}
