package dev.netwright.app.cli;

import dev.netwright.designer.canvas.DrawingExport;
import dev.netwright.runtime.check.Checker;
import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.layers.kinds.StandardKinds;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code netwright draw DESIGN --out FILE.svg}: the network drawing as an SVG, as the window's File ▸ Export Drawing writes it. */
@Command(name = "draw", description = "Draw a design as an SVG image: a card per layer with its shape and parameters, "
        + "the wires as the canvas draws them. (A PNG is drawn by the window: File > Export Drawing.)")
final class DrawCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "DESIGN", description = "A design file, or sample:ID (see 'netwright samples').")
    String design;

    @Option(names = "--out", paramLabel = "FILE", required = true, description = "The SVG file to write (FILE.svg).")
    Path out;

    @Override
    public Integer call() {
        String name = out.getFileName() == null ? "" : out.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".png")) {
            spec.commandLine().getErr().println("draw writes SVG only: a PNG is a picture of the canvas, so the window "
                    + "draws it (File > Export Drawing > Drawing as PNG). Use --out " + out.getFileName().toString()
                    .replaceAll("(?i)\\.png$", ".svg"));
            return ExitCodes.BAD_INPUT;
        }
        if (!name.endsWith(".svg")) {
            spec.commandLine().getErr().println("--out " + out + ": name the SVG file to write, ending in .svg");
            return ExitCodes.BAD_INPUT;
        }
        Design loaded;
        try {
            loaded = DesignArgument.load(design);
        } catch (CliException e) {
            spec.commandLine().getErr().println(e.getMessage());
            return e.exitCode();
        }
        try {
            DrawingExport.writeSvg(loaded, new Checker().check(loaded), StandardKinds.catalog(), out);
        } catch (IOException e) {
            spec.commandLine().getErr().println("Cannot write " + out + ": " + e.getMessage());
            return ExitCodes.BAD_INPUT;
        }
        spec.commandLine().getOut().printf("Wrote %s (%d layers, %d wires)%n", out, loaded.nodes().size(), loaded.edges().size());
        return ExitCodes.OK;
    }
}
