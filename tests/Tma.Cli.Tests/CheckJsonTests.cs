using System.Text.Json;

namespace Tma.Cli.Tests;

/// <summary><c>tma validate --format json</c> and <c>tma verify --format json</c>: the same findings as the text, as fields.</summary>
public sealed class CheckJsonTests : IDisposable
{
    private readonly string _temp = Directory.CreateTempSubdirectory("tma-cli-check-json-").FullName;

    public void Dispose() => Directory.Delete(_temp, recursive: true);

    [Fact]
    public void Validate_reports_each_diagnostic_with_code_and_location_and_each_valid_package_with_its_hash()
    {
        var broken = Path.Combine(_temp, "broken");
        Directory.CreateDirectory(broken);
        File.WriteAllText(Path.Combine(broken, "model.yaml"), "id: broken\nversion: 1.0.0\nkindd: rules\n");
        var shipped = Repository.Model("bullying-naqr");

        var run = Cli.Run("validate", shipped, broken, "--format", "json");

        Assert.Equal(2, run.Exit);
        Assert.Equal("", run.Err);
        using var json = JsonDocument.Parse(run.Out);
        Assert.False(json.RootElement.GetProperty("valid").GetBoolean());
        var packages = json.RootElement.GetProperty("packages").EnumerateArray().ToList();
        Assert.Equal(2, packages.Count);
        Assert.True(packages[0].GetProperty("valid").GetBoolean());
        Assert.Equal("bullying-naqr", packages[0].GetProperty("id").GetString());
        Assert.StartsWith("sha256:", packages[0].GetProperty("contentHash").GetString(), StringComparison.Ordinal);
        Assert.False(packages[1].GetProperty("valid").GetBoolean());
        var typo = packages[1].GetProperty("diagnostics").EnumerateArray().Single(d => d.GetProperty("code").GetString() == "TMA0010");
        Assert.Equal(3, typo.GetProperty("line").GetInt32());
        Assert.Equal(1, typo.GetProperty("column").GetInt32());
        Assert.Equal("error", typo.GetProperty("severity").GetString());
        Assert.Contains("did you mean `kind`?", typo.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Dataset_check_reports_the_figures_of_an_accepted_dataset_and_the_refused_columns_of_another()
    {
        var data = Path.Combine(_temp, "data.csv");
        // Hand-made: 4 rows, outcome 1 in 3 of them, `leakage` empty (missing) in 2 of them.
        File.WriteAllText(data, "leakage,fixation,outcome\npresent,absent,1\n,absent,1\n,present,1\nabsent,absent,0\n");
        var identifying = Path.Combine(_temp, "named.csv");
        File.WriteAllText(identifying, "email,leakage,outcome\na@example.org,present,1\n");
        var model = Repository.Model("warning-behaviours-triage");

        var accepted = Cli.Run("dataset", "check", data, "--model", model, "--format", "json");
        var refused = Cli.Run("dataset", "check", identifying, "--model", model, "--format", "json");

        Assert.True(accepted.Exit == 0, accepted.Out + accepted.Err);
        using var json = JsonDocument.Parse(accepted.Out);
        Assert.True(json.RootElement.GetProperty("accepted").GetBoolean());
        Assert.Equal(4, json.RootElement.GetProperty("rows").GetInt32());
        Assert.Equal(0.75, json.RootElement.GetProperty("baseRate").GetDouble(), 12);
        var leakage = json.RootElement.GetProperty("missingPerInput").EnumerateArray().Single(m => m.GetProperty("input").GetString() == "leakage");
        Assert.Equal(2, leakage.GetProperty("missing").GetInt32());
        Assert.Equal(0.5, leakage.GetProperty("share").GetDouble(), 12);
        Assert.Equal(2, refused.Exit);
        using var named = JsonDocument.Parse(refused.Out);
        Assert.False(named.RootElement.GetProperty("accepted").GetBoolean());
        Assert.Equal("email", named.RootElement.GetProperty("refusedColumns")[0].GetProperty("column").GetString());
        Assert.Equal("", refused.Err);
    }

    [Fact]
    public void Verify_reports_the_signer_of_a_good_archive_and_the_failed_check_of_a_tampered_one()
    {
        var key = Path.Combine(_temp, "release");
        Assert.Equal(0, Cli.Run("keygen", "--out", key).Exit);
        Assert.Equal(0, Cli.Run("pack", Repository.Model("bullying-naqr"), Repository.Model("crisis-screen-cssrs"), "--out", Path.Combine(_temp, "dist")).Exit);
        var archives = Directory.GetFiles(Path.Combine(_temp, "dist"), "*.tmapkg").Order(StringComparer.Ordinal).ToArray();
        foreach (var archive in archives)
        {
            Assert.Equal(0, Cli.Run("sign", archive, "--key", key + ".private.pem").Exit);
        }

        File.Delete(archives[1] + ".sig");

        var run = Cli.Run(["verify", .. archives, "--key", key + ".public.pem", "--format", "json"]);

        Assert.Equal(1, run.Exit);
        using var json = JsonDocument.Parse(run.Out);
        var found = json.RootElement.GetProperty("archives").EnumerateArray().ToList();
        Assert.True(found[0].GetProperty("valid").GetBoolean());
        Assert.StartsWith("sha256:", found[0].GetProperty("signedBy").GetString(), StringComparison.Ordinal);
        Assert.False(found[1].GetProperty("valid").GetBoolean());
        Assert.Equal("signature", found[1].GetProperty("problems")[0].GetProperty("check").GetString());
    }
}
