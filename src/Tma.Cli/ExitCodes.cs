namespace Tma.Cli;

/// <summary>Exit codes shared by every command (documented in docs/cli.md).</summary>
public static class ExitCodes
{
    /// <summary>Success.</summary>
    public const int Ok = 0;

    /// <summary>The command ran and a check failed (e.g. a release gate).</summary>
    public const int CheckFailed = 1;

    /// <summary>Bad input: a model, case, dataset or option the user gave has errors.</summary>
    public const int BadInput = 2;

    /// <summary>A bug in tma.</summary>
    public const int InternalError = 70;
}
