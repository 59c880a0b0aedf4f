package dev.netwright.app;

import dev.netwright.app.cli.NetwrightCommand;
import picocli.CommandLine;

/** Netwright's entry point: with arguments, the command line; the main window comes with the application issue. */
public final class Netwright {
    private Netwright() {
    }

    public static void main(String[] args) {
        System.exit(NetwrightCommand.commandLine().execute(args));
    }
}
