using System.Text.Json;

namespace Tma.Cli.Tests;

public sealed class ScoreCommandTests
{
    private static readonly string Model = Repository.Path("models", "warning-behaviours-triage");
    private static readonly string Case = Repository.Path("models", "warning-behaviours-triage", "examples", "proximal-leakage.yaml");

    [Fact]
    public void Text_output_explains_level_reasons_actions_and_missing_information()
    {
        var (exit, output, error) = Cli.Run("score", "--model", Model, "--case", Case);

        Assert.True(exit == 0, error);
        // Three items are unknown and the model accepts two: the leakage already establishes the highest level, so the
        // conclusion is "at least" that level, and the text says so first.
        Assert.Contains("CONCLUSION  Lower bound, not a complete assessment: at least", output, StringComparison.Ordinal);
        Assert.Contains("LEVEL   at least Active risk management (manage, 3/3)", output, StringComparison.Ordinal);
        Assert.Contains("FACTS", output, StringComparison.Ordinal);
        Assert.Contains("- Intent communicated to a third party", output, StringComparison.Ordinal);
        Assert.Contains("WHAT TO DO NEXT", output, StringComparison.Ordinal);
        Assert.Contains("WHAT IS MISSING", output, StringComparison.Ordinal);
        Assert.Contains("Advisory only", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_output_is_the_full_assessment_with_stable_names()
    {
        var (exit, output, error) = Cli.Run("score", "-m", Model, "-c", Case, "--format", "json");

        Assert.True(exit == 0, error);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal("manage", root.GetProperty("level").GetString());
        Assert.Equal("warning-behaviours-triage", root.GetProperty("model").GetProperty("id").GetString());
        Assert.StartsWith("sha256:", root.GetProperty("model").GetProperty("contentHash").GetString(), StringComparison.Ordinal);
        Assert.Equal("lowerBound", root.GetProperty("conclusion").GetString());
        Assert.Equal("en", root.GetProperty("language").GetString());
        Assert.Equal("insufficient", root.GetProperty("missing").GetProperty("validity").GetString());
        Assert.Equal("wb-leakage", root.GetProperty("overrides")[0].GetProperty("indicator").GetString());
    }

    [Fact]
    public void German_output_translates_the_conclusion_the_headings_and_the_model_texts()
    {
        var (exit, output, error) = Cli.Run("score", "-m", Model, "-c", Case, "--language", "de");

        Assert.True(exit == 0, error);
        Assert.Contains("SCHLUSSFOLGERUNG  Untergrenze, keine vollständige Einschätzung: mindestens", output, StringComparison.Ordinal);
        Assert.Contains("NÄCHSTE SCHRITTE", output, StringComparison.Ordinal);
        Assert.Contains("beteiligen: Unternehmenssicherheit", output, StringComparison.Ordinal);
        Assert.Contains("Nur beratend", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Advisory only", output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_language_the_model_lacks_is_refused_with_exit_2()
    {
        var (exit, output, error) = Cli.Run("score", "-m", Model, "-c", Case, "--language", "fr");

        Assert.Equal(2, exit);
        Assert.Equal("", output);
        Assert.Contains("has no texts in `fr`; its languages are en, de", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_case_that_does_not_fit_gets_located_messages_and_no_stack_trace()
    {
        var file = Path.Combine(Path.GetTempPath(), $"tma-case-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(file, "inputs:\n  fixaton: present\n  leakage: sometimes\n");

        var (exit, output, error) = Cli.Run("score", "--model", Model, "--case", file);

        Assert.Equal(2, exit);
        Assert.Equal("", output);
        Assert.Contains(":2:12: error TMA0101: inputs.fixaton: unknown input `fixaton` — did you mean `fixation`?", error, StringComparison.Ordinal);
        Assert.Contains(":3:12: error TMA0100: inputs.leakage: `sometimes` is not a level of `leakage`", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
        File.Delete(file);
    }

    [Theory]
    [InlineData("--model", "does/not/exist", "--model: file or folder not found: does/not/exist")]
    [InlineData("--case", "does/not/exist.yaml", "--case: file not found: does/not/exist.yaml")]
    public void Missing_files_are_reported_plainly(string option, string path, string message)
    {
        string[] args = option == "--model" ? ["score", "--model", path, "--case", Case] : ["score", "--model", Model, "--case", path];

        var (exit, _, error) = Cli.Run(args);

        Assert.Equal(2, exit);
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Malformed_case_yaml_is_located()
    {
        var file = Path.Combine(Path.GetTempPath(), $"tma-case-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(file, "inputs:\n  leakage: [present\n");

        var (exit, _, error) = Cli.Run("score", "--model", Model, "--case", file);

        Assert.Equal(2, exit);
        Assert.Contains("error TMA0003: YAML syntax error", error, StringComparison.Ordinal);
        File.Delete(file);
    }
}

/// <summary>Package paths as shells write them, and composites whose components are missing.</summary>
public sealed class PackagePathTests
{
    private static readonly string Composite = Repository.Path("models", "workplace-violence-composite");

    [Fact]
    public void A_composite_folder_with_a_trailing_slash_validates_and_scores_like_without_it()
    {
        var slashed = Composite + Path.DirectorySeparatorChar;
        var example = Directory.GetFiles(Path.Combine(Composite, "examples"), "*.yaml").Order(StringComparer.Ordinal).First();

        var (validateExit, _, validateError) = Cli.Run("validate", slashed);
        var (scoreExit, withSlash, scoreError) = Cli.Run("score", "--model", slashed, "--case", example, "--format", "json");
        var (_, withoutSlash, _) = Cli.Run("score", "--model", Composite, "--case", example, "--format", "json");

        Assert.True(validateExit == 0, validateError);
        Assert.True(scoreExit == 0, scoreError);
        // Same model, same content hash, same conclusion; only the assessment time may differ.
        static string Stable(string json) => System.Text.RegularExpressions.Regex.Replace(json, "\"assessedAt\": \"[^\"]*\"", "");
        Assert.Equal(Stable(withoutSlash), Stable(withSlash));
    }

    [Fact]
    public void A_composite_whose_components_are_missing_is_refused_with_located_errors_and_exit_2()
    {
        var folder = Directory.CreateTempSubdirectory("tma-composite-").FullName;
        try
        {
            // The composite alone, without its component packages beside it.
            var copy = Path.Combine(folder, "workplace-violence-composite");
            Directory.CreateDirectory(copy);
            File.Copy(Path.Combine(Composite, "model.yaml"), Path.Combine(copy, "model.yaml"));
            var example = Directory.GetFiles(Path.Combine(Composite, "examples"), "*.yaml").Order(StringComparer.Ordinal).First();

            var (exit, _, error) = Cli.Run("score", "--model", copy + Path.DirectorySeparatorChar, "--case", example);

            Assert.Equal(2, exit);
            Assert.Contains("model.yaml:", error, StringComparison.Ordinal);
            Assert.Contains("error TMA0062: component `workplace-violence-screening`", error, StringComparison.Ordinal);
            Assert.Contains("tma score: model workplace-violence-composite cannot be compiled", error, StringComparison.Ordinal);
            Assert.DoesNotContain("internal error", error, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
