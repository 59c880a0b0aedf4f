package dev.netwright.runtime.design;

/**
 * Which way a design is drawn, from its inputs to its output: left to right (wires leave a card on its right and enter
 * on its left) or top to bottom (out at the bottom, in at the top), as Keras's plot_model and Netron draw networks.
 */
public enum Flow {
    RIGHT,
    DOWN
}
