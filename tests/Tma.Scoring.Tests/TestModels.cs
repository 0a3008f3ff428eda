using Microsoft.Extensions.Time.Testing;
using Tma.Models.Cases;
using Tma.Models.Loading;
using Tma.Scoring.Assessments;

namespace Tma.Scoring.Tests;

/// <summary>Builds small models from YAML text and cases from key/value pairs.</summary>
internal static class TestModels
{
    public static readonly DateTimeOffset Now = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);

    public static IRiskModel Compile(string yaml)
    {
        var result = ModelReader.ReadText(yaml, "test-model.yaml");
        Assert.True(result.Succeeded, string.Join(Environment.NewLine, result.Diagnostics));
        return RiskModelCompiler.Compile(result.Value!, "sha256:test", new FakeTimeProvider(Now));
    }

    public static CaseData Case(params (string Input, string Value)[] values) => new()
    {
        Inputs = values.ToDictionary(v => v.Input, v => double.TryParse(v.Value, System.Globalization.CultureInfo.InvariantCulture, out var n) ? CaseValue.Of(n) : CaseValue.Level(v.Value)),
    };

    public static Assessment Assess(this IRiskModel model, params (string Input, string Value)[] values) => model.Assess(Case(values));

    public static string[] FiredIds(this Assessment assessment) => [.. assessment.Indicators.Select(i => i.Id)];

    /// <summary>Header shared by test models: id, version, title, kind.</summary>
    public const string Header = """
        id: test-model
        version: 1.0.0
        title: Test model
        kind: rules
        """;
}
