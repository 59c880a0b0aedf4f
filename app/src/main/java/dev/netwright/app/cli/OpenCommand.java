package dev.netwright.app.cli;

import dev.netwright.app.window.NetwrightApp;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

/** {@code netwright open [DESIGN]}: the main window, on the start page or on a design. */
@Command(name = "open", description = "Open the main window, on the start page or on a design (a file, or sample:ID).")
final class OpenCommand implements Callable<Integer> {
    @Parameters(paramLabel = "DESIGN", arity = "0..1", description = "A design file, or sample:ID (see 'netwright samples').")
    String design;

    @Override
    public Integer call() {
        NetwrightApp.launchWindow(design);
        return ExitCodes.OK;
    }
}
