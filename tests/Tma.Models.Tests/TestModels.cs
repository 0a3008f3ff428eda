using Tma.Models.Definitions;
using Tma.Models.Diagnostics;
using Tma.Models.Loading;

namespace Tma.Models.Tests;

/// <summary>Small models and assertions shared by the tests.</summary>
internal static class TestModels
{
    /// <summary>The folder of invalid model files copied next to the test assembly.</summary>
    public static string CorpusDirectory => Path.Combine(AppContext.BaseDirectory, "Corpus");

    /// <summary>The valid model every corpus file departs from.</summary>
    public static string BaseYaml => File.ReadAllText(Path.Combine(CorpusDirectory, "valid-base.yaml"));

    /// <summary>The base model with its one indicator condition line replaced by <paramref name="whenLine"/> (line 17).</summary>
    public static string WithCondition(string whenLine) =>
        BaseYaml.Replace("    when: fixation >= present", whenLine, StringComparison.Ordinal);

    public static ModelDefinition LoadBase() => ModelReader.ReadText(BaseYaml, "base.yaml").GetValueOrThrow();

    /// <summary>Asserts that <paramref name="result"/> failed with a diagnostic of this code, place and message fragment.</summary>
    public static Diagnostic AssertHas<T>(LoadResult<T> result, string code, int line, int column, string fragment)
        where T : class
    {
        Assert.False(result.Succeeded, "the load should have failed");
        Assert.Null(result.Value);
        var match = result.Diagnostics.FirstOrDefault(d =>
            d.Code == code && d.Location.Line == line && d.Location.Column == column
            && d.Message.Contains(fragment, StringComparison.Ordinal));
        Assert.True(match is not null, $"expected {code} at {line}:{column} containing \"{fragment}\"; got:{Environment.NewLine}{string.Join(Environment.NewLine, result.Diagnostics)}");
        return match!;
    }
}
