namespace Tma.Cli.Tests;

public sealed class DataCommandTests
{
    private static readonly string Model = Repository.Path("models", "warning-behaviours-triage");

    [Fact]
    public void Synth_writes_the_same_file_for_the_same_seed_and_it_passes_the_dataset_check()
    {
        var dir = Directory.CreateTempSubdirectory("tma-synth-");
        var a = Path.Combine(dir.FullName, "a.csv");
        var b = Path.Combine(dir.FullName, "b.csv");

        var first = Cli.Run("synth", "--model", Model, "--rows", "500", "--seed", "3", "--out", a);
        var second = Cli.Run("synth", "--model", Model, "--rows", "500", "--seed", "3", "--out", b);
        var check = Cli.Run("dataset", "check", a, "--model", Model);

        Assert.True(first.Exit == 0, first.Err);
        Assert.Equal(0, second.Exit);
        Assert.Equal(File.ReadAllBytes(a), File.ReadAllBytes(b));
        Assert.True(check.Exit == 0, check.Err);
        Assert.Contains("500", check.Out, StringComparison.Ordinal);
        dir.Delete(recursive: true);
    }

    [Fact]
    public void Dataset_check_refuses_identifier_columns_and_bad_rows_with_exit_code_2()
    {
        var file = Path.Combine(Path.GetTempPath(), $"tma-ds-{Guid.NewGuid():N}.csv");
        File.WriteAllText(file, "email,leakage,outcome\nanna@example.org,present,1\nbob@example.org,sometimes,0\n");

        var (exit, _, error) = Cli.Run("dataset", "check", file, "--model", Model);

        Assert.Equal(2, exit);
        Assert.Contains("email", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
        File.Delete(file);
    }
}
