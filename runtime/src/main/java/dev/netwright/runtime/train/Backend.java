package dev.netwright.runtime.train;

/** Where a run asks to train: AUTO uses a supported GPU when there is one, else the CPU. */
public enum Backend {
    AUTO, CPU, GPU
}
