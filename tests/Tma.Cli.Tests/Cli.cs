namespace Tma.Cli.Tests;

/// <summary>Runs the CLI in-process with captured output.</summary>
internal static class Cli
{
    public static (int Exit, string Out, string Err) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = TmaCommandLine.Run(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    /// <summary>Runs the CLI with <paramref name="input"/> as standard input (what <c>-</c> in a data option reads).</summary>
    public static (int Exit, string Out, string Err) RunWithInput(string input, params string[] args)
    {
        using var reader = new StringReader(input);
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = TmaCommandLine.Run(args, reader, output, error);
        return (exit, output.ToString(), error.ToString());
    }
}
