namespace Tma.Cli.Tests;

/// <summary><c>tma keygen</c>, <c>pack</c>, <c>sign</c> and <c>verify</c> end to end on a shipped model.</summary>
public sealed class ReleaseCommandTests : IDisposable
{
    private static readonly string Model = Repository.Path("models", "warning-behaviours-triage");
    private readonly string _temp = Directory.CreateTempSubdirectory("tma-cli-release-").FullName;

    public void Dispose() => Directory.Delete(_temp, recursive: true);

    private string In(params string[] parts) => Path.Combine([_temp, .. parts]);

    [Fact]
    public void A_shipped_model_is_packed_signed_and_verified()
    {
        var keygen = Cli.Run("keygen", "--out", In("release"));
        var pack = Cli.Run("pack", Model, "--out", In("dist"));
        var archive = In("dist", "warning-behaviours-triage-2.0.0.tmapkg");
        var sign = Cli.Run("sign", archive, "--key", In("release.private.pem"));
        var verify = Cli.Run("verify", archive, "--key", In("release.public.pem"));

        Assert.True(keygen.Exit == 0, keygen.Err);
        Assert.Contains("key id:      sha256:", keygen.Out, StringComparison.Ordinal);
        Assert.True(pack.Exit == 0, pack.Err);
        Assert.StartsWith("packed     warning-behaviours-triage 2.0.0", pack.Out, StringComparison.Ordinal);
        Assert.True(File.Exists(In("dist", "index.json")));
        Assert.True(sign.Exit == 0, sign.Err);
        Assert.True(File.Exists(archive + ".sig"));
        Assert.True(verify.Exit == 0, verify.Err);
        Assert.StartsWith("ok    warning-behaviours-triage 2.0.0 sha256:", verify.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_names_a_tampered_file_and_exits_1()
    {
        Cli.Run("keygen", "--out", In("release"));
        Cli.Run("pack", Model, "--out", In("dist"));
        var archive = In("dist", "warning-behaviours-triage-2.0.0.tmapkg");
        Cli.Run("sign", archive, "--key", In("release.private.pem"));
        using (var zip = System.IO.Compression.ZipFile.Open(archive, System.IO.Compression.ZipArchiveMode.Update))
        {
            zip.GetEntry("package/MODEL_CARD.md")!.Delete();
            using var stream = zip.CreateEntry("package/MODEL_CARD.md").Open();
            stream.Write("tampered"u8);
        }

        var (exit, _, error) = Cli.Run("verify", archive, "--key", In("release.public.pem"));

        Assert.Equal(1, exit);
        Assert.Contains("MODEL_CARD.md: [file-size]", error, StringComparison.Ordinal);
        Assert.Contains("FAIL", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_with_another_key_exits_1_and_says_the_key_is_not_trusted()
    {
        Cli.Run("keygen", "--out", In("release"));
        Cli.Run("keygen", "--out", In("other"));
        Cli.Run("pack", Model, "--out", In("dist"));
        var archive = In("dist", "warning-behaviours-triage-2.0.0.tmapkg");
        Cli.Run("sign", archive, "--key", In("release.private.pem"));

        var (exit, _, error) = Cli.Run("verify", archive, "--key", In("other.public.pem"));

        Assert.Equal(1, exit);
        Assert.Contains("[signature] signed with key", error, StringComparison.Ordinal);
        Assert.Contains("not a trusted key", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Packing_changed_content_under_a_released_version_exits_1()
    {
        var copy = In("copy");
        Directory.CreateDirectory(copy);
        foreach (var file in Directory.GetFiles(Model, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(copy, Path.GetRelativePath(Model, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        Assert.Equal(0, Cli.Run("pack", Model, "--out", In("dist")).Exit);
        File.AppendAllText(Path.Combine(copy, "MODEL_CARD.md"), "\nA changed card.\n");

        var (exit, _, error) = Cli.Run("pack", copy, "--out", In("dist"));

        Assert.Equal(1, exit);
        Assert.Contains("version conflict", error, StringComparison.Ordinal);
        Assert.Contains("needs a new version", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_input_exits_2()
    {
        Cli.Run("keygen", "--out", In("release"));

        Assert.Equal(2, Cli.Run("keygen", "--out", In("release")).Exit);
        Assert.Equal(2, Cli.Run("verify", In("missing.tmapkg"), "--key", In("release.public.pem")).Exit);
        Assert.Equal(2, Cli.Run("verify", In("missing.tmapkg"), "--key", In("release.private.pem")).Exit);
        Assert.Equal(2, Cli.Run("sign", In("missing.tmapkg"), "--key", In("release.private.pem")).Exit);
        Assert.Equal(2, Cli.Run("pack", In("no-such-package"), "--out", In("dist")).Exit);
    }

    [Fact]
    public void Keygen_writes_the_private_key_readable_by_the_owner_only()
    {
        Cli.Run("keygen", "--out", In("release"));

        Assert.StartsWith("-----BEGIN PRIVATE KEY-----", File.ReadAllText(In("release.private.pem")), StringComparison.Ordinal);
        Assert.StartsWith("-----BEGIN PUBLIC KEY-----", File.ReadAllText(In("release.public.pem")), StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(In("release.private.pem")));
        }
    }

    [Fact]
    public void Scoring_a_package_made_for_another_engine_is_refused_with_a_clear_message()
    {
        var copy = In("future");
        Directory.CreateDirectory(copy);
        var yaml = File.ReadAllText(Path.Combine(Model, "model.yaml")).Replace("kind: rules\n", "kind: rules\nengine: \">=99.0\"\n", StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(copy, "model.yaml"), yaml);

        var (exit, _, error) = Cli.Run("score", "--model", copy, "--case", Path.Combine(Model, "examples", "proximal-leakage.yaml"));

        Assert.Equal(2, exit);
        Assert.Contains("needs engine >=99.0, but this is engine", error, StringComparison.Ordinal);
        Assert.DoesNotContain("internal error", error, StringComparison.Ordinal);
    }
}
