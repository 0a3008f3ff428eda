namespace Tma.Cli.Tests;

internal static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Tma.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("Tma.slnx not found above the test binaries.");
    }
}

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
