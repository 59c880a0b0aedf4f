package dev.netwright.runtime.check;

/** How bad a diagnostic is: an error stops compiling and training, a warning does not. */
public enum Severity {
    ERROR, WARNING
}
