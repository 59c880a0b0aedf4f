package dev.netwright.app.training;

/** For fake {@link CommandLauncher}s: a command that has already ended with an exit code. */
public final class EndedCommand {
    private EndedCommand() {
    }

    /** A command under way that has ended with {@code exitCode}: waiting returns it at once, cancelling does nothing. */
    public static CommandLauncher.Running withExitCode(int exitCode) {
        return new CommandLauncher.Running() {
            @Override
            public int waitFor() {
                return exitCode;
            }

            @Override
            public void cancel() {
            }
        };
    }
}
