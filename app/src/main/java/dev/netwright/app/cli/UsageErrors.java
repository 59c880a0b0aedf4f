package dev.netwright.app.cli;

import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

import java.io.PrintWriter;
import java.util.List;

/**
 * How the command line answers a mistake in its arguments: what is wrong, the closest right word where there is one
 * ("Did you mean --epochs?"), and where the full help is; exit code 2. The whole usage is not printed, as it would push
 * the one line that matters off the screen.
 */
final class UsageErrors {
    private UsageErrors() {
    }

    static int report(ParameterException problem) {
        CommandLine command = problem.getCommandLine();
        PrintWriter err = command.getErr();
        if (problem instanceof UnmatchedArgumentException unmatched && !unmatched.getUnmatched().isEmpty()) {
            err.println(unmatchedMessage(command, unmatched.getUnmatched()));
            List<String> suggestions = unmatched.getSuggestions();
            if (!suggestions.isEmpty()) {
                err.println("Did you mean " + String.join(" or ", suggestions) + "?");
            }
        } else {
            err.println(problem.getMessage());
        }
        err.println("See '" + command.getCommandSpec().qualifiedName() + " --help'.");
        err.flush();
        return ExitCodes.BAD_INPUT;
    }

    private static String unmatchedMessage(CommandLine command, List<String> unmatched) {
        String first = unmatched.get(0);
        if (!first.startsWith("-") && !command.getSubcommands().isEmpty()) {
            return "Unknown command '" + first + "'.";
        }
        List<String> options = unmatched.stream().filter(arg -> arg.startsWith("-")).toList();
        if (!options.isEmpty()) {
            return (options.size() == 1 ? "Unknown option: '" : "Unknown options: '") + String.join("', '", options) + "'.";
        }
        return "Unexpected " + (unmatched.size() == 1 ? "argument: '" : "arguments: '") + String.join("', '", unmatched) + "'.";
    }
}
