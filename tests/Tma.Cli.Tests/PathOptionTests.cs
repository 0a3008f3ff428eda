using Tma.Cli.Commands;

namespace Tma.Cli.Tests;

/// <summary>
/// Every path option and argument is normalised once by the parser (<see cref="PathOptions"/>): a trailing separator,
/// <c>~/</c>, <c>-</c>, and a missing file reported as a usage error naming the option.
/// </summary>
public sealed class PathOptionTests : IDisposable
{
    private static readonly string Composite = Repository.Model("workplace-violence-composite");
    private static readonly string Screening = Repository.Model("workplace-violence-screening");
    private static readonly string Triage = Repository.Model("warning-behaviours-triage");
    private readonly string _temp = Directory.CreateTempSubdirectory("tma-cli-paths-").FullName;

    public void Dispose() => Directory.Delete(_temp, recursive: true);

    private string In(string name) => Path.Combine(_temp, name);

    /// <summary>A folder as shell completion writes it: relative to the current directory, with a trailing slash.</summary>
    private static string Completed(string folder) => Path.GetRelativePath(Environment.CurrentDirectory, folder) + "/";

    private string Synth(string model, int rows = 300)
    {
        var path = In($"{Path.GetFileName(model)}.csv");
        var run = Cli.Run("synth", "--model", model, "--rows", rows.ToString(System.Globalization.CultureInfo.InvariantCulture), "--seed", "3", "--out", path);
        Assert.True(run.Exit == 0, run.Err);
        return path;
    }

    public static TheoryData<string> PackageCommands() => ["validate", "score", "synth", "dataset check", "evaluate", "compare", "agreement", "gate", "pack"];

    [Theory]
    [MemberData(nameof(PackageCommands))]
    public void A_model_package_folder_with_a_trailing_slash_works_in_every_command_that_takes_one(string command)
    {
        string[] args = command switch
        {
            // The composite finds its components beside its folder: the case that broke with a trailing slash.
            "validate" => ["validate", Completed(Composite)],
            "score" => ["score", "--model", Completed(Composite), "--case", Directory.GetFiles(Path.Combine(Composite, "examples"), "*.yaml").Order(StringComparer.Ordinal).First()],
            "synth" => ["synth", "--model", Completed(Composite), "--rows", "100", "--seed", "1", "--out", In("synth.csv")],
            "dataset check" => ["dataset", "check", Synth(Composite), "--model", Completed(Composite)],
            // A composite declares no inputs, so a dataset cannot be evaluated against it: a plain package here.
            "evaluate" => ["evaluate", "--model", Completed(Screening), "--data", Synth(Screening), "--bootstrap", "0"],
            "compare" => ["compare", "--model", Completed(Screening), "--model", Screening, "--data", Synth(Screening), "--bootstrap", "0"],
            "agreement" => ["agreement", "--model", Completed(Screening), "--data", Ratings()],
            "gate" => ["gate", "--candidate", Completed(Triage), "--baseline", Completed(Path.Combine(Triage, "releases", "1.0.0")),
                "--data", Repository.Path("benchmarks", "data", "warning-behaviours-triage", "benchmark.csv"), "--policy", Policy("minimum_auc: 0.5\n")],
            "pack" => ["pack", Completed(Composite), "--out", In("dist")],
            _ => throw new ArgumentOutOfRangeException(nameof(command)),
        };

        var (exit, output, error) = Cli.Run(args);

        Assert.True(exit == 0, $"{string.Join(' ', args)}\n{output}\n{error}");
        Assert.DoesNotContain("not found", error, StringComparison.Ordinal);
    }

    [Fact]
    public void With_and_without_the_trailing_slash_a_package_is_the_same_package()
    {
        var (_, withSlash, _) = Cli.Run("validate", Completed(Composite));
        var (_, withoutSlash, _) = Cli.Run("validate", Composite);

        Assert.StartsWith("ok  workplace-violence-composite", withSlash, StringComparison.Ordinal);
        Assert.Equal(withoutSlash, withSlash);
    }

    public static TheoryData<string[], string> MissingPaths() => new()
    {
        { ["evaluate", "--model", Screening, "--data", "./no-such.csv", "--out", "{temp}/report"], "--data: file not found: ./no-such.csv" },
        { ["evaluate", "--model", Screening, "-d", "./no-such.csv", "-o", "{temp}/report"], "--data: file not found: ./no-such.csv" },
        { ["compare", "--model", Screening, "--model", Screening, "--data", "./no-such.csv", "--out", "{temp}/report"], "--data: file not found: ./no-such.csv" },
        { ["agreement", "--data", "./no-such.csv", "--out", "{temp}/report"], "--data: file not found: ./no-such.csv" },
        { ["gate", "--candidate", Triage, "--baseline", Triage, "--data", "./no-such.csv", "--policy", Path.Combine(Triage, "gate.yaml"), "--junit", "{temp}/gate.xml"], "--data: file not found: ./no-such.csv" },
        { ["train", "--spec", Repository.Path("models", "workplace-violence-classifier", "train.yaml"), "--data", "./no-such.csv", "--out", "{temp}/package"], "--data: file not found: ./no-such.csv" },
        { ["synth", "--model", "models/no-such/", "--rows", "10", "--seed", "1", "--out", "{temp}/data.csv"], "--model: file or folder not found: models/no-such/" },
        { ["score", "--model", Triage, "--case", Triage + "/"], $"--case: a folder, not a file: {Triage}/" },
        { ["gate", "--candidate", Triage, "--baseline", Triage, "--data", Path.Combine(Triage, "gate.yaml"), "--policy", "no-such.yaml"], "--policy: file not found: no-such.yaml" },
        { ["dataset", "check", "no-such.csv", "--model", Triage], "<csv>: file not found: no-such.csv" },
        { ["validate", Triage, "no-such"], "<packages>: file or folder not found: no-such" },
        { ["sign", "no-such.tmapkg", "--key", "{temp}/no-such.pem"], "<archives>: file not found: no-such.tmapkg" },
        { ["verify", "no-such.tmapkg", "--key", "{temp}/no-such.pem"], "--key: file not found: {temp}/no-such.pem" },
        { ["keygen", "--out", "{temp}/no-such-folder/release"], "--out: folder not found: {temp}/no-such-folder" },
        { ["serve", "--models", "no-such-models"], "--models: folder not found: no-such-models" },
    };

    [Theory]
    [MemberData(nameof(MissingPaths))]
    public void A_missing_input_is_a_usage_error_naming_the_option_with_exit_2_and_nothing_written(string[] args, string message)
    {
        var (exit, output, error) = Cli.Run([.. args.Select(a => a.Replace("{temp}", _temp, StringComparison.Ordinal))]);

        Assert.Equal(ExitCodes.BadInput, exit);
        Assert.Contains(message.Replace("{temp}", _temp, StringComparison.Ordinal), error, StringComparison.Ordinal);
        Assert.Contains("--help` for usage.", error, StringComparison.Ordinal);
        Assert.Equal("", output);
        if (args[0] == "gate" && args.Contains("--junit"))
        {
            // The gate's one exception, on purpose: CI gets a JUnit error case instead of a missing report.
            var report = Assert.Single(Directory.EnumerateFileSystemEntries(_temp));
            Assert.Equal("gate.xml", Path.GetFileName(report));
            Assert.Contains("<error", File.ReadAllText(report), StringComparison.Ordinal);
        }
        else
        {
            Assert.Empty(Directory.EnumerateFileSystemEntries(_temp));
        }
    }

    [Fact]
    public void Files_named_after_a_path_are_written_and_reported_where_the_path_without_its_trailing_slash_points()
    {
        var (exit, output, error) = Cli.Run("keygen", "--out", In("release") + "/");

        Assert.True(exit == 0, error);
        Assert.True(File.Exists(In("release.private.pem")));
        Assert.Contains($"private key: {In("release.private.pem")} (keep secret)", output, StringComparison.Ordinal);
        Assert.Contains($"public key:  {In("release.public.pem")}", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Keygen_refuses_a_folder_as_the_base_name_of_the_keys()
    {
        var (exit, output, error) = Cli.Run("keygen", "--out", _temp + "/");

        Assert.Equal(ExitCodes.BadInput, exit);
        Assert.Contains($"tma keygen: --out: {_temp}/ is a folder; give the folder and a base name", error, StringComparison.Ordinal);
        Assert.Equal("", output);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_temp));
        Assert.False(File.Exists(_temp + ".private.pem"));
    }

    [Fact]
    public void The_parser_hands_commands_the_full_path_without_a_trailing_separator_and_keeps_what_was_typed()
    {
        var typed = Completed(Composite);
        var parse = TmaCommandLine.Build().Parse(["validate", typed]);

        Assert.Empty(parse.Errors);
        var path = Assert.Single(parse.GetValue<CommandLinePath[]>("packages")!);
        Assert.Equal(Composite, path.Full);
        Assert.Equal(typed, path.Given);
        Assert.Equal(typed, path.ToString());
    }

    [Fact]
    public void A_leading_tilde_is_the_home_folder_on_the_command_line()
    {
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        var parse = TmaCommandLine.Build().Parse(["synth", "--model", Triage, "--rows", "1", "--seed", "1", "--out", "~/tma-data.csv"]);

        Assert.Empty(parse.Errors);
        var path = parse.GetValue<CommandLinePath>("--out")!;
        Assert.Equal(Path.Join(home, "tma-data.csv"), path.Full);
        Assert.Equal("~/tma-data.csv", path.Given);
    }

    [Theory]
    [InlineData("score", "--case")]
    [InlineData("synth", "--out")]
    [InlineData("train", "--data")]
    [InlineData("evaluate", "--data")]
    public void A_dash_is_passed_through_unchanged_and_unchecked(string command, string option)
    {
        string[] args = command switch
        {
            "score" => ["score", "--model", Triage, "--case", "-"],
            "synth" => ["synth", "--model", Triage, "--rows", "1", "--seed", "1", "--out", "-"],
            "train" => ["train", "--spec", Repository.Path("models", "workplace-violence-classifier", "train.yaml"), "--data", "-", "--out", "package"],
            _ => ["evaluate", "--model", Triage, "--data", "-"],
        };

        var parse = TmaCommandLine.Build().Parse(args);

        Assert.Empty(parse.Errors);
        var path = parse.GetValue<CommandLinePath>(option)!;
        Assert.Equal(new CommandLinePath("-", "-"), path);
        Assert.True(path.IsStandardStream);
    }

    [Fact]
    public void Output_paths_are_normalised_and_shown_as_written_and_absent_ones_stay_absent()
    {
        var given = TmaCommandLine.Build().Parse(["serve", "--store", "data/tma.db"]);
        var absent = TmaCommandLine.Build().Parse(["serve"]);

        var store = given.GetValue<CommandLinePath>("--store")!;
        Assert.Equal(Path.Combine(Environment.CurrentDirectory, "data", "tma.db"), store.Full);
        Assert.Equal("data/tma.db", store.Given);
        Assert.Null(absent.GetValue<CommandLinePath?>("--store")); // configuration decides, not a CLI default
    }

    private static readonly string Root = Path.GetPathRoot(Path.GetTempPath())!;
    private static readonly string Cwd = Path.Combine(Root, "work", "repo");
    private static readonly string Home = Path.Combine(Root, "home", "me");

    [Theory]
    [InlineData("models/workplace-violence-composite/", "work/repo/models/workplace-violence-composite")]
    [InlineData("models/workplace-violence-composite", "work/repo/models/workplace-violence-composite")]
    [InlineData("./data/../data//x.csv", "work/repo/data/x.csv")]
    [InlineData("..", "work")]
    [InlineData("~/data/x.csv", "home/me/data/x.csv")]
    [InlineData("~/", "home/me")]
    [InlineData("~", "home/me")]
    [InlineData("~other/x.csv", "work/repo/~other/x.csv")]
    [InlineData("data/~/x.csv", "work/repo/data/~/x.csv")]
    public void Normalize_expands_the_home_folder_makes_the_path_full_and_drops_a_trailing_separator(string path, string expected)
    {
        Assert.True(PathOptions.TryNormalize(path, Cwd, Home, out var full, out var problem), problem);
        Assert.Equal(Path.Combine([Root, .. expected.Split('/')]), full);
    }

    [Fact]
    public void Normalize_keeps_a_root_and_an_absolute_path_and_leaves_a_dash_alone()
    {
        Assert.True(PathOptions.TryNormalize(Root, Cwd, Home, out var root, out _));
        Assert.True(PathOptions.TryNormalize(Path.Combine(Root, "srv", "models") + "/", Cwd, Home, out var absolute, out _));
        Assert.True(PathOptions.TryNormalize("-", Cwd, Home, out var dash, out _));

        Assert.Equal(Root, root);
        Assert.Equal(Path.Combine(Root, "srv", "models"), absolute);
        Assert.Equal("-", dash);
    }

    [Theory]
    [InlineData("", null, "empty path")]
    [InlineData("~/x.csv", null, "`~` cannot be expanded without a home folder")]
    [InlineData("~", "", "`~` cannot be expanded without a home folder")]
    [InlineData("a\0b", "home", "not a valid path")]
    public void Normalize_refuses_what_is_not_a_path(string path, string? home, string expected)
    {
        Assert.False(PathOptions.TryNormalize(path, Cwd, home, out _, out var problem));
        Assert.Equal(expected, problem);
    }

    private string Policy(string yaml)
    {
        var path = In("gate.yaml");
        File.WriteAllText(path, yaml);
        return path;
    }

    private string Ratings()
    {
        var path = In("ratings.csv");
        var text = new System.Text.StringBuilder("case,rater,threat,level\n");
        string[] threat = ["none", "veiled", "direct"];
        string[] level = ["low", "moderate", "high", "urgent"];
        for (var c = 0; c < 12; c++)
        {
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"K{c},R1,{threat[c % 3]},{level[c % 4]}\n");
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"K{c},R2,{threat[(c + c % 2) % 3]},{level[c % 4]}\n");
        }

        File.WriteAllText(path, text.ToString());
        return path;
    }
}
