using Tma.Models.Diagnostics;
using Tma.Models.Loading;

namespace Tma.Models.Tests.Expressions;

/// <summary>An error inside a condition is reported at the file column of the offending token, however the YAML scalar is written.</summary>
public sealed class ErrorPositionTests
{
    private static void ReportsAt(string whenLine, int line, int column, string fragment)
    {
        var result = ModelReader.ReadText(TestModels.WithCondition(whenLine), "model.yaml");
        TestModels.AssertHas(result, DiagnosticCodes.Expression, line, column, fragment);
    }

    [Fact]
    public void In_a_plain_scalar_the_column_is_the_scalar_start_plus_the_offset() =>
        ReportsAt("    when: fixation >= present and leakage == sometimes", 17, 11 + 35, "`sometimes` is not a level of `leakage`");

    [Fact]
    public void In_a_double_quoted_scalar_the_opening_quote_is_counted() =>
        ReportsAt("    when: \"fixation >= present and leakage == sometimes\"", 17, 11 + 1 + 35, "`sometimes` is not a level of `leakage`");

    [Fact]
    public void In_a_single_quoted_scalar_the_opening_quote_is_counted() =>
        ReportsAt("    when: 'fixation >= present and leakage == sometimes'", 17, 11 + 1 + 35, "`sometimes` is not a level of `leakage`");

    [Fact]
    public void In_a_single_quoted_scalar_each_doubled_quote_before_the_error_is_counted_twice() =>
        ReportsAt("    when: 'fixation >= ''present'' and leakage == ''sometimes'''", 17, 11 + 1 + 37 + 2, "`sometimes` is not a level of `leakage`");

    [Fact]
    public void A_quoted_level_inside_a_double_quoted_scalar_is_found_at_its_quote() =>
        ReportsAt("    when: \"fixation >= 'extreme'\"", 17, 11 + 1 + 12, "`extreme` is not a level of `fixation`");

    [Fact]
    public void A_flow_mapping_indicator_reports_at_the_condition_column()
    {
        var yaml = TestModels.BaseYaml.Replace(
            "  - id: fixation-present\n    when: fixation >= present\n    points: 2\n    reason: Fixation is present\n",
            "  - { id: fixation-present, when: fixaton >= present, points: 2, reason: Fixation is present }\n",
            StringComparison.Ordinal);
        var result = ModelReader.ReadText(yaml, "model.yaml");
        TestModels.AssertHas(result, DiagnosticCodes.Expression, 16, 35, "unknown input `fixaton`");
    }

    [Fact]
    public void A_condition_folded_over_several_lines_is_reported_at_its_start() =>
        ReportsAt("    when: fixation >= present\n      and leakage == sometimes", 17, 11, "`sometimes` is not a level of `leakage`");

    [Fact]
    public void A_block_scalar_condition_is_reported_at_its_start() =>
        ReportsAt("    when: >-\n      fixation >= present and leakage == sometimes", 17, 11, "`sometimes` is not a level of `leakage`");

    [Fact]
    public void A_points_expression_reports_its_errors_like_a_condition()
    {
        var yaml = TestModels.BaseYaml.Replace("    points: 2", "    points: insults + fixaton", StringComparison.Ordinal);
        var result = ModelReader.ReadText(yaml, "model.yaml");
        TestModels.AssertHas(result, DiagnosticCodes.Expression, 18, 13 + 10, "in the points of indicator `fixation-present`: unknown input `fixaton`");
    }

    [Fact]
    public void A_score_expression_reports_its_errors_like_a_condition()
    {
        var yaml = TestModels.BaseYaml.Replace("  policy: sum\n", "  policy: sum\n  score: sum(@proximl)\n", StringComparison.Ordinal);
        var result = ModelReader.ReadText(yaml, "model.yaml");
        TestModels.AssertHas(result, DiagnosticCodes.Expression, 22, 10 + 4, "in the score expression: unknown group `@proximl` — did you mean `proximal`?");
    }
}
