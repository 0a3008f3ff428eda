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
}
