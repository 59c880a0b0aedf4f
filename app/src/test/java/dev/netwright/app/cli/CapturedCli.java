package dev.netwright.app.cli;

import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

/** The command line run in this JVM, its output and errors captured as text for the tests to read. */
final class CapturedCli {
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();
    private final CommandLine.IFactory factory;

    CapturedCli() {
        this(CommandLine.defaultFactory());
    }

    /** With the commands made by {@code factory} (a test's own collaborators). */
    CapturedCli(CommandLine.IFactory factory) {
        this.factory = factory;
    }

    int run(String... args) {
        CommandLine cli = NetwrightCommand.commandLine(factory);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }
}
