package dev.netwright.app;

import dev.netwright.app.cli.NetwrightCommand;
import dev.netwright.runtime.train.SerialFilter;

/** Netwright's entry point: without arguments the main window; with arguments the command line ({@code open} also opens the window). */
public final class Netwright {
    private Netwright() {
    }

    public static void main(String[] args) {
        // before anything could load a model; a sweep on a Spark cluster must read Spark's messages, a data-parallel
        // run also the arrays and results of DL4J's Spark training (SerialFilter)
        boolean onCluster = java.util.Arrays.stream(args).anyMatch(a -> a.equals("--cluster") || a.startsWith("--cluster="));
        if (onCluster && args[0].equals("train")) {
            SerialFilter.installForSparkTraining();
        } else if (onCluster) {
            SerialFilter.installForSparkDriver();
        } else {
            SerialFilter.install();
        }
        String[] effective = args.length == 0 ? new String[] {"open"} : args;
        System.exit(NetwrightCommand.commandLine().execute(effective));
    }
}
