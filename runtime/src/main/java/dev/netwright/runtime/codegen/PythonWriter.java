package dev.netwright.runtime.codegen;

/** Python source built line by line with four-space indentation. */
final class PythonWriter extends SourceWriter {
}
