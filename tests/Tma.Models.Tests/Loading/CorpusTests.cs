using System.Text;
using Tma.Models.Definitions;
using Tma.Models.Diagnostics;
using Tma.Models.Loading;
using Tma.Models.Yaml;

namespace Tma.Models.Tests.Loading;

/// <summary>
/// Invalid model files from <c>Corpus/</c>, one problem family per file: each must fail with the expected code, at the
/// expected line and column, with a plain message.
/// </summary>
public sealed class CorpusTests
{
    private static readonly string[] CorpusFiles =
    [
        "bad-version.yaml", "billion-laughs.yaml", "deep-nesting.yaml", "duplicate-action-ids.yaml",
        "duplicate-indicator-ids.yaml", "duplicate-input-ids.yaml", "duplicate-keys.yaml", "duplicate-level-ids.yaml",
        "gap-between-bands.yaml", "level-not-of-input.yaml", "malformed-yaml.yaml", "missing-sections.yaml",
        "misspelled-input.yaml", "nonexistent-level.yaml", "overlapping-bands.yaml", "policy-highest-level-fields.yaml",
        "policy-sum-fields.yaml", "several-problems.yaml", "temporal-under-or.yaml", "type-and-on-number.yaml",
        "type-ordering-categorical.yaml", "unknown-helper.yaml", "unknown-keys.yaml", "unknown-kind.yaml", "valid-base.yaml",
    ];

    private static LoadResult<ModelDefinition> Load(string file) =>
        ModelReader.ReadFile(Path.Combine(TestModels.CorpusDirectory, file), file);

    private static Diagnostic Fails(string file, string code, int line, int column, string fragment)
    {
        var result = Load(file);
        var diagnostic = TestModels.AssertHas(result, code, line, column, fragment);
        Assert.Equal(file, diagnostic.Location.File);
        Assert.Equal(Severity.Error, diagnostic.Severity);
        return diagnostic;
    }

    [Fact]
    public void Every_corpus_file_is_covered_by_a_test_here()
    {
        var present = Directory.EnumerateFiles(TestModels.CorpusDirectory).Select(Path.GetFileName).Order(StringComparer.Ordinal);
        Assert.Equal(CorpusFiles.Order(StringComparer.Ordinal), present);
    }

    [Fact]
    public void The_base_model_of_the_corpus_is_valid()
    {
        var result = Load("valid-base.yaml");
        Assert.True(result.Succeeded, string.Join(Environment.NewLine, result.Diagnostics));
        Assert.Empty(result.Diagnostics);
    }

    [Fact]
    public void A_misspelled_input_is_reported_where_it_is_written_with_a_suggestion() =>
        Fails("misspelled-input.yaml", DiagnosticCodes.Expression, 17, 11, "unknown input `fixaton` — did you mean `fixation`?");

    [Fact]
    public void A_level_that_the_input_does_not_have_is_reported_at_the_level() =>
        Fails("level-not-of-input.yaml", DiagnosticCodes.Expression, 17, 57, "`sometimes` is not a level of `leakage` (levels: absent, possible, present)");

    [Fact]
    public void A_comparison_with_a_level_that_does_not_exist_could_never_be_true() =>
        Fails("nonexistent-level.yaml", DiagnosticCodes.Expression, 17, 24, "`extreme` is not a level of `fixation` (levels: absent, possible, present); the comparison could never be true");

    [Fact]
    public void Overlapping_bands_are_reported_at_the_later_band() =>
        Fails("overlapping-bands.yaml", DiagnosticCodes.Bands, 25, 7, "band thresholds overlap in `bands`: `high` starts at 3 but `moderate` runs to 4");

    [Fact]
    public void A_gap_between_bands_is_reported_with_the_scores_that_map_to_no_level() =>
        Fails("gap-between-bands.yaml", DiagnosticCodes.Bands, 25, 7, "gap between bands in `bands`: scores from 4 to 5 map to no level");

    [Fact]
    public void A_duplicate_input_id_is_reported_at_the_second_declaration() =>
        Fails("duplicate-input-ids.yaml", DiagnosticCodes.DuplicateId, 9, 11, "duplicate input id `fixation`");

    [Fact]
    public void A_duplicate_indicator_id_is_reported_at_the_second_declaration() =>
        Fails("duplicate-indicator-ids.yaml", DiagnosticCodes.DuplicateId, 15, 9, "duplicate indicator id `proximal`");

    [Fact]
    public void A_duplicate_output_level_is_reported_at_the_second_occurrence() =>
        Fails("duplicate-level-ids.yaml", DiagnosticCodes.DuplicateId, 14, 25, "duplicate output level `moderate`");

    [Fact]
    public void A_duplicate_action_id_is_reported_at_the_second_declaration() =>
        Fails("duplicate-action-ids.yaml", DiagnosticCodes.DuplicateId, 22, 11, "duplicate action id `psych-consult`");

    [Fact]
    public void Unknown_keys_are_reported_at_every_level_of_the_file_with_suggestions()
    {
        var result = Load("unknown-keys.yaml");
        TestModels.AssertHas(result, DiagnosticCodes.UnknownKey, 6, 1, "unknown key `descripton` in the model file — did you mean `description`?");
        TestModels.AssertHas(result, DiagnosticCodes.UnknownKey, 10, 5, "unknown key `lable` in input `fixation` — did you mean `label`?");
        TestModels.AssertHas(result, DiagnosticCodes.UnknownKey, 17, 5, "unknown key `reasoncode` in indicator `fixation-present` — did you mean `reason_code`?");
        Assert.Equal(3, result.Diagnostics.Count);
    }

    [Fact]
    public void An_unknown_helper_is_reported_with_the_closest_helper_name() =>
        Fails("unknown-helper.yaml", DiagnosticCodes.Expression, 17, 11, "unknown helper `count_atleast` — did you mean `count_at_least`?");

    [Fact]
    public void And_applied_to_a_number_is_a_type_error() =>
        Fails("type-and-on-number.yaml", DiagnosticCodes.Expression, 17, 11, "a truth value (a comparison, `and`, `or`, `not` or a helper such as `any_at_least`) is needed here, not a number");

    [Fact]
    public void Ordering_a_categorical_input_is_a_type_error_at_the_operator() =>
        Fails("type-ordering-categorical.yaml", DiagnosticCodes.Expression, 17, 24, "`relationship` is categorical: its categories have no order, so only `==`, `!=` and `in` apply");

    [Fact]
    public void A_temporal_helper_under_or_is_rejected_because_it_compiles_to_a_rule_join() =>
        Fails("temporal-under-or.yaml", DiagnosticCodes.Expression, 17, 11, "`rose_within` may only be joined with `and` at the top of a condition");

    [Fact]
    public void Malformed_yaml_is_a_located_syntax_error_and_not_a_crash() =>
        Fails("malformed-yaml.yaml", DiagnosticCodes.YamlSyntax, 7, 3, "YAML syntax error");

    [Fact]
    public void A_billion_laughs_document_is_refused_at_its_first_anchor()
    {
        var diagnostic = Fails("billion-laughs.yaml", DiagnosticCodes.YamlAlias, 2, 4, "YAML anchors (`&name`) are not allowed");
        Assert.Single(Load("billion-laughs.yaml").Diagnostics);
        Assert.Contains("write the value out", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_yaml_alias_without_an_anchor_is_refused_too()
    {
        var result = ModelReader.ReadText("id: x\ninputs: *missing\n", "alias.yaml");
        TestModels.AssertHas(result, DiagnosticCodes.YamlAlias, 2, 9, "YAML aliases (`*name`) are not allowed");
    }

    [Fact]
    public void A_deeply_nested_document_is_refused_at_the_level_past_the_limit() =>
        Fails("deep-nesting.yaml", DiagnosticCodes.YamlTooDeep, 3, 40, $"nested more than {SafeYaml.MaxDepth} levels deep");

    [Fact]
    public void A_key_written_twice_in_one_mapping_is_reported_at_the_second_key() =>
        Fails("duplicate-keys.yaml", DiagnosticCodes.DuplicateKey, 9, 5, "duplicate key `type`");

    [Fact]
    public void An_unknown_kind_is_reported_with_a_suggestion() =>
        Fails("unknown-kind.yaml", DiagnosticCodes.InvalidValue, 5, 7, "unknown kind `rule` — did you mean `rules`? (rules, classifier, composite)");

    [Fact]
    public void A_version_that_is_not_semantic_is_rejected() =>
        Fails("bad-version.yaml", DiagnosticCodes.InvalidValue, 3, 10, "version `1.0` is not a semantic version such as `1.2.0`");

    [Fact]
    public void Every_missing_required_section_is_reported_at_the_root_mapping()
    {
        var result = Load("missing-sections.yaml");
        foreach (var section in new[] { "inputs", "levels", "indicators", "scoring" })
        {
            TestModels.AssertHas(result, DiagnosticCodes.MissingField, 2, 1, $"the model file has no `{section}`");
        }

        Assert.Equal(4, result.Diagnostics.Count);
    }

    [Fact]
    public void Policy_sum_needs_points_and_refuses_a_named_level()
    {
        var result = Load("policy-sum-fields.yaml");
        TestModels.AssertHas(result, DiagnosticCodes.MissingField, 11, 5, "indicator `no-points` has no `points` (policy `sum` adds up points");
        TestModels.AssertHas(result, DiagnosticCodes.InvalidValue, 17, 5, "`level` of indicator `named-level` only applies under policy `highest-level`; use `minimum_level`");
    }

    [Fact]
    public void Policy_highest_level_needs_levels_and_refuses_a_score_expression_and_bands()
    {
        var result = Load("policy-highest-level-fields.yaml");
        TestModels.AssertHas(result, DiagnosticCodes.MissingField, 15, 5, "indicator `plan` has no `level`");
        TestModels.AssertHas(result, DiagnosticCodes.InvalidValue, 20, 10, "a `score` expression only applies to policies sum and weighted");
        TestModels.AssertHas(result, DiagnosticCodes.InvalidValue, 21, 3, "policy `highest-level` takes its level from the indicators; it has no bands");
    }

    [Fact]
    public void A_file_with_several_independent_problems_reports_all_of_them_at_once()
    {
        var result = Load("several-problems.yaml");
        TestModels.AssertHas(result, DiagnosticCodes.InvalidId, 2, 5, "package id `Corpus Model` must start with a lower-case letter");
        TestModels.AssertHas(result, DiagnosticCodes.InvalidValue, 3, 10, "version `one` is not a semantic version");
        TestModels.AssertHas(result, DiagnosticCodes.InvalidValue, 7, 27, "unknown input type `presense` — did you mean `presence`?");
        TestModels.AssertHas(result, DiagnosticCodes.UnknownReference, 11, 5, "action `police-consul` of indicator `leakage-present` is not declared under `actions` — did you mean `police-consult`?");
        TestModels.AssertHas(result, DiagnosticCodes.Expression, 12, 22, "`sometimes` is not a level of `leakage`");
        TestModels.AssertHas(result, DiagnosticCodes.Bands, 20, 7, "gap between bands in `bands`: scores from 1 to 2 map to no level");
        TestModels.AssertHas(result, DiagnosticCodes.UnknownReference, 20, 16, "band level `hgh` is not an output level — did you mean `high`?");
        TestModels.AssertHas(result, DiagnosticCodes.InvalidValue, 22, 63, "unknown expert `polize` — did you mean `police`?");
        Assert.Equal(8, result.Diagnostics.Count(d => d.Severity == Severity.Error));
    }

    [Fact]
    public void Diagnostics_are_sorted_by_line_and_column()
    {
        var located = Load("several-problems.yaml").Diagnostics.Where(d => d.Location.Line > 0).ToList();
        Assert.Equal(located.OrderBy(d => d.Location.Line).ThenBy(d => d.Location.Column), located);
    }

    [Fact]
    public void A_file_over_the_size_limit_is_refused_before_it_is_read()
    {
        var directory = Directory.CreateTempSubdirectory("tma-models-tests-");
        try
        {
            var path = Path.Combine(directory.FullName, "model.yaml");
            var line = "# padding padding padding padding padding padding padding padding padding padding\n";
            var builder = new StringBuilder(TestModels.BaseYaml);
            while (builder.Length <= SafeYaml.MaxFileBytes)
            {
                builder.Append(line);
            }

            File.WriteAllText(path, builder.ToString());
            var result = ModelReader.ReadFile(path, "big/model.yaml");
            var diagnostic = TestModels.AssertHas(result, DiagnosticCodes.FileTooLarge, 0, 0, "files of this kind are limited to 1024 KB");
            Assert.Single(result.Diagnostics);
            Assert.StartsWith("big/model.yaml: error TMA0002: the file is 1 MB;", diagnostic.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void A_file_that_does_not_exist_is_reported_as_such()
    {
        var result = ModelReader.ReadFile(Path.Combine(TestModels.CorpusDirectory, "no-such-model.yaml"), "no-such-model.yaml");
        TestModels.AssertHas(result, DiagnosticCodes.FileNotFound, 0, 0, "file not found");
    }

    [Fact]
    public void A_ten_thousand_term_expression_is_refused_with_the_token_limit_message()
    {
        var expression = string.Join(" + ", Enumerable.Repeat("age", 10_000)) + " > 1";
        var yaml = TestModels.WithCondition("    when: " + expression);
        var result = ModelReader.ReadText(yaml, "huge.yaml");

        // The lexer stops at the limit: 400 tokens are read, the token at which it stops is at offset 6 * 200.
        var diagnostic = TestModels.AssertHas(result, DiagnosticCodes.Expression, 17, 11 + (6 * 200), "the condition has more than 400 tokens; split it into several indicators");
        Assert.Single(result.Diagnostics);
        Assert.StartsWith("in the condition of indicator `fixation-present`", diagnostic.Message, StringComparison.Ordinal);
    }
}
