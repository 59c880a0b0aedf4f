package dev.netwright.app.cli;

import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.design.DesignFormatException;
import dev.netwright.runtime.format.DesignJson;
import dev.netwright.samples.Samples;

import java.io.IOException;
import java.nio.file.Path;

/** A design named on the command line: a file, or {@code sample:ID} for a bundled sample. */
final class DesignArgument {
    static final String SAMPLE_PREFIX = Samples.REFERENCE_PREFIX;

    private DesignArgument() {
    }

    static Design load(String argument) throws CliException {
        if (argument.startsWith(SAMPLE_PREFIX)) {
            try {
                return Samples.load(argument.substring(SAMPLE_PREFIX.length()));
            } catch (IllegalArgumentException e) {
                throw new CliException(ExitCodes.BAD_INPUT, e.getMessage());
            }
        }
        try {
            return new DesignJson().read(Path.of(argument));
        } catch (DesignFormatException e) {
            throw new CliException(ExitCodes.BAD_INPUT, "Cannot open the design: " + e.getMessage());
        } catch (IOException e) {
            throw new CliException(ExitCodes.BAD_INPUT, "Cannot read " + argument + ": " + e.getMessage());
        }
    }
}
