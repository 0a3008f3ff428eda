using System.CommandLine;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;
using Tma.Cli.Commands;

namespace Tma.Cli;

/// <summary>The <c>tma</c> command tree. <see cref="Run"/> is what tests call, with captured writers.</summary>
public static class TmaCommandLine
{
    /// <summary>Builds the root command.</summary>
    /// <param name="input">What <c>-</c> reads as standard input (<c>--data -</c>); <see cref="TextReader.Null"/> when null.</param>
    public static RootCommand Build(TextReader? input = null)
    {
        input ??= TextReader.Null;
        var root = new RootCommand("tma — validate, score and evaluate Threat Management Assistant model packages. Every output about a person is advisory.");
        root.Subcommands.Add(ValidateCommand.Create());
        root.Subcommands.Add(ScoreCommand.Create(input));
        root.Subcommands.Add(SynthCommand.Create());
        root.Subcommands.Add(DatasetCommand.Create(input));
        root.Subcommands.Add(EvaluateCommand.Create(input));
        root.Subcommands.Add(PredictCommand.Create(input));
        root.Subcommands.Add(CompareCommand.Create(input));
        root.Subcommands.Add(AgreementCommand.Create(input));
        root.Subcommands.Add(GateCommand.Create(input));
        root.Subcommands.Add(TrainCommand.Create(input));
        root.Subcommands.Add(PackCommand.Create());
        root.Subcommands.Add(SignCommand.Create());
        root.Subcommands.Add(VerifyCommand.Create());
        root.Subcommands.Add(KeygenCommand.Create());
        root.Subcommands.Add(ServeCommand.Create());
        root.Subcommands.Add(MigrateCommand.Create());
        root.Subcommands.Add(TokenCommand.Create());
        return root;
    }

    /// <summary>Parses and runs a command line; returns the exit code. Never lets an exception reach the user as a stack trace.</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error) => Run(args, TextReader.Null, output, error);

    /// <summary>Parses and runs a command line with <paramref name="input"/> as standard input (<c>-</c> in data options); returns the exit code.</summary>
    public static int Run(string[] args, TextReader input, TextWriter output, TextWriter error)
    {
        var configuration = new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false };
        try
        {
            var parse = Build(input).Parse(args);
            if (parse.Action is ParseErrorAction usage)
            {
                // A usage error (a missing option, a path that does not exist, …) is bad input like any other: exit 2,
                // the errors and typo suggestions on stderr and nothing on stdout, which stays for results.
                usage.ShowHelp = false;
                parse.Invoke(new InvocationConfiguration { Output = error, Error = error, EnableDefaultExceptionHandler = false });
                error.WriteLine($"Run `{CommandPath(parse.CommandResult)} --help` for usage.");
                if (parse.CommandResult.Command.Name == "gate" && parse.CommandResult.Parent is CommandResult { Parent: null })
                {
                    Commands.GateCommand.ReportUsageError(parse, output);
                }

                return ExitCodes.BadInput;
            }

            return parse.Invoke(configuration);
        }
        catch (Tma.Scoring.IncompatibleEngineException ex)
        {
            // A package made for another engine version: the user's to fix, with the message saying how.
            error.WriteLine($"tma: {ex.Message}");
            return ExitCodes.BadInput;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A bug, not a user mistake: say so plainly, without a stack trace (which may carry case data).
            error.WriteLine($"tma: internal error ({ex.GetType().Name}). Please report it with the command you ran.");
            return ExitCodes.InternalError;
        }
    }

    // `tma dataset check`: the command's names from the root, the root being `tma` whatever the executable is called.
    private static string CommandPath(CommandResult command)
    {
        var names = new Stack<string>();
        for (var result = command; result.Parent is CommandResult parent; result = parent)
        {
            names.Push(result.Command.Name);
        }

        return string.Join(' ', ["tma", .. names]);
    }
}
