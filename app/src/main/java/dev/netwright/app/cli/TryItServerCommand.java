package dev.netwright.app.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code netwright tryit-server RUN_DIR}: the window's Try it panel starts this as its child process ({@link TryItServer}:
 * JSON lines on stdin and stdout). Hidden from the help: people use {@code predict} and {@code explain}.
 */
@Command(name = "tryit-server", hidden = true, description = "Answer the Try it panel's requests on a run (JSON lines).")
final class TryItServerCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "RUN_DIR", description = "A run folder with a saved model.")
    Path run;

    @Override
    public Integer call() {
        // stdout carries replies only: anything else printed goes to stderr (as the training worker does)
        PrintStream protocol = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8));
        return TryItServer.serve(run, new FileInputStream(FileDescriptor.in), protocol);
    }
}
