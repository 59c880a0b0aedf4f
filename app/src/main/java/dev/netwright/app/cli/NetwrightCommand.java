package dev.netwright.app.cli;

import dev.netwright.app.version.NetwrightVersion;
import dev.netwright.runtime.train.Backend;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

import java.util.concurrent.Callable;

/** {@code netwright}: the command line, usable without a display. */
@Command(name = "netwright", mixinStandardHelpOptions = true,
        description = "Design, check and train deep-learning models.",
        subcommands = {OpenCommand.class, CheckCommand.class, DrawCommand.class, ExportCommand.class, ImportCommand.class,
                TrainCommand.class, EvaluateCommand.class, DoctorCommand.class, PredictCommand.class,
                ExplainCommand.class, TryItServerCommand.class, PruneCommand.class, QuantizeCommand.class,
                CompressCommand.class, SweepCommand.class, SamplesCommand.class,
                DevicesCommand.class, SelfTestCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done (checked clean, trained, or stopped)", "1:the run failed",
                "2:wrong usage or a file that cannot be read", "3:the design has errors",
                "130:a second Ctrl+C quit a run at once, without saving"})
public final class NetwrightCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--self-test", description = "The same as the self-test command: check that this installation can train, headless.")
    boolean selfTest;

    /** The configured command line, with the exit codes above for usage errors. */
    public static CommandLine commandLine() {
        return commandLine(CommandLine.defaultFactory());
    }

    /** The same, with the commands made by {@code factory} (tests give commands their own collaborators). */
    static CommandLine commandLine(CommandLine.IFactory factory) {
        CommandLine commandLine = new CommandLine(new NetwrightCommand(), factory);
        commandLine.getCommandSpec().version("Netwright " + NetwrightVersion.release());
        // --help and --version on every command, answered with exit code 0 (help is not an error)
        commandLine.getSubcommands().values().forEach(sub -> sub.getCommandSpec().mixinStandardHelpOptions(true));
        return commandLine
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setExitCodeExceptionMapper(e -> ExitCodes.BAD_INPUT)
                .setParameterExceptionHandler((ex, args) -> UsageErrors.report(ex))
                .setExecutionStrategy(NetwrightCommand::unlessUnmatched);
    }

    /**
     * Runs the command unless an argument went unmatched: picocli lets unmatched arguments pass when help was asked
     * for, so 'netwright trian --help' printed the general help and exited 0 instead of naming the unknown command.
     */
    private static int unlessUnmatched(ParseResult parsed) {
        for (ParseResult level = parsed; level != null; level = level.subcommand()) {
            if (!level.unmatched().isEmpty()) {
                return UsageErrors.report(new UnmatchedArgumentException(level.commandSpec().commandLine(),
                        level.unmatched()));
            }
        }
        return new CommandLine.RunLast().execute(parsed);
    }

    @Override
    public Integer call() {
        if (selfTest) {
            return SelfTestCommand.run(Backend.AUTO, spec.commandLine().getOut());
        }
        spec.commandLine().usage(spec.commandLine().getOut());
        return ExitCodes.OK;
    }
}
