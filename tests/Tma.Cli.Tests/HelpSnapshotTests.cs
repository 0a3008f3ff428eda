namespace Tma.Cli.Tests;

/// <summary>
/// The help text of every command is part of the product: changes must be deliberate. Set UPDATE_SNAPSHOTS=1 to
/// rewrite the snapshots after an intended change, and review the diff.
/// </summary>
public sealed class HelpSnapshotTests
{
    public static TheoryData<string> Commands() => ["", "validate", "score", "synth", "dataset", "dataset check", "train", "evaluate", "predict", "compare", "agreement", "gate", "pack", "sign", "verify", "keygen", "serve", "migrate", "token"];

    [Theory]
    [MemberData(nameof(Commands))]
    public void Help_output_matches_the_committed_snapshot(string command)
    {
        string[] args = [.. command.Split(' ', StringSplitOptions.RemoveEmptyEntries), "--help"];
        var (exit, raw, _) = Cli.Run(args);

        // The usage line names the running executable: `tma` when installed, the test host here.
        var output = raw.Replace("  testhost", "  tma", StringComparison.Ordinal);
        var snapshot = Repository.Path("tests", "Tma.Cli.Tests", "Snapshots", $"help-{(command.Length == 0 ? "root" : command.Replace(' ', '-'))}.txt");

        Assert.Equal(0, exit);
        if (Environment.GetEnvironmentVariable("UPDATE_SNAPSHOTS") == "1")
        {
            File.WriteAllText(snapshot, output);
        }

        Assert.True(File.Exists(snapshot), $"No snapshot {snapshot}; run with UPDATE_SNAPSHOTS=1 once.");
        Assert.Equal(File.ReadAllText(snapshot).ReplaceLineEndings(), output.ReplaceLineEndings());
    }

    [Theory]
    [InlineData("validate")]
    [InlineData("score")]
    [InlineData("synth")]
    [InlineData("dataset check")]
    [InlineData("train")]
    [InlineData("evaluate")]
    [InlineData("predict")]
    [InlineData("compare")]
    [InlineData("agreement")]
    [InlineData("gate")]
    [InlineData("pack")]
    [InlineData("sign")]
    [InlineData("verify")]
    [InlineData("keygen")]
    [InlineData("serve")]
    [InlineData("migrate")]
    [InlineData("token")]
    public void Every_command_help_has_an_example(string command) =>
        Assert.Contains("Example:", Cli.Run([.. command.Split(' '), "--help"]).Out, StringComparison.Ordinal);
}
