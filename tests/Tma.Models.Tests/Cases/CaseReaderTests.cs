using Tma.Models.Cases;
using Tma.Models.Diagnostics;

namespace Tma.Models.Tests.Cases;

public sealed class CaseReaderTests
{
    private static CaseData Read(string yaml)
    {
        var result = CaseReader.ReadText(yaml, "case.yaml");
        Assert.True(result.Succeeded, string.Join(Environment.NewLine, result.Diagnostics));
        return result.Value!;
    }

    [Fact]
    public void Inputs_observations_as_of_and_norm_are_read_with_their_positions()
    {
        var data = Read("""
            case: EXAMPLE-1
            as_of: 2026-10-20
            norm: nordic-2009
            inputs:
              fixation: present
              age: 42
              leakage: { presence: present, relevance: high }
            observations:
              - { input: insults, value: weekly, at: 2026-09-01, rater: r1, source: interview }
              - { input: insults, value: daily, at: "2026-10-01T14:30:00+02:00" }
            """);
        Assert.Equal("EXAMPLE-1", data.CaseId);
        Assert.Equal(new DateTimeOffset(2026, 10, 20, 0, 0, 0, TimeSpan.Zero), data.AsOf);
        Assert.Equal("nordic-2009", data.Norm);
        Assert.Equal(CaseValue.Level("present"), data.Inputs["fixation"]);
        Assert.Equal(CaseValue.Of(42), data.Inputs["age"]);
        Assert.Equal(CaseValue.Level("present", "high"), data.Inputs["leakage"]);
        Assert.Equal(new Observation("insults", CaseValue.Level("weekly"), new DateTimeOffset(2026, 9, 1, 0, 0, 0, TimeSpan.Zero), "r1", "interview"), data.Observations[0]);
        Assert.Equal(new DateTimeOffset(2026, 10, 1, 12, 30, 0, TimeSpan.Zero), data.Observations[1].ObservedAt);
        Assert.Equal(new SourceLocation("case.yaml", 5, 13), data.Locations["inputs.fixation"]);
        Assert.Equal(new SourceLocation("case.yaml", 10, 5), data.Locations["observations[1]"]);
    }

    [Theory]
    [InlineData("unknown")]
    [InlineData("omitted")]
    [InlineData("omit")]
    [InlineData("~")]
    [InlineData("null")]
    [InlineData("")]
    public void Unknown_omitted_and_empty_values_all_mean_unknown(string written) =>
        Assert.True(Read($"inputs:\n  fixation: {written}\n").Inputs["fixation"].IsUnknown);

    [Fact]
    public void A_file_that_exists_but_cannot_be_read_is_a_located_error_not_a_crash()
    {
        // /proc/self/mem (Linux, where CI runs) exists and reading it from offset 0 fails with EIO, even for root, whom
        // file permissions would not stop.

        var result = CaseReader.ReadFile("/proc/self/mem");

        var error = Assert.Single(result.Diagnostics);
        Assert.Equal(DiagnosticCodes.FileUnreadable, error.Code);
        Assert.StartsWith("the file cannot be read: ", error.Message, StringComparison.Ordinal);
        Assert.Null(result.Value);
    }

    [Fact]
    public void A_case_given_as_json_is_read_too()
    {
        var data = Read("""{ "inputs": { "fixation": "present", "age": 42, "weapon_access": true } }""");
        Assert.Equal(CaseValue.Level("present"), data.Inputs["fixation"]);

        // JSON numbers and true/false are plain YAML scalars: 42 is a number, true the text `true`.
        Assert.Equal(CaseValue.Of(42), data.Inputs["age"]);
        Assert.Equal(CaseValue.Level("true"), data.Inputs["weapon_access"]);
    }

    [Theory]
    [InlineData("as_of: 20.10.2026\n", 1, 8, "as_of: `20.10.2026` is not a date (`2026-10-01`) or an ISO 8601 time")]
    [InlineData("as_of: 2026-02-30\n", 1, 8, "as_of: `2026-02-30` is not a date")]
    [InlineData("as_of: yesterday\n", 1, 8, "as_of: `yesterday` is not a date")]
    [InlineData("observations:\n  - { input: insults, value: daily, at: 2026-13-01 }\n", 2, 41, "observations[0].at: `2026-13-01` is not a date")]
    [InlineData("observations:\n  - { input: insults, value: daily, at: 'Oct 1 2026' }\n", 2, 41, "observations[0].at: `Oct 1 2026` is not a date")]
    public void Bad_dates_are_reported_with_the_field_and_the_accepted_forms(string yaml, int line, int column, string fragment) =>
        TestModels.AssertHas(CaseReader.ReadText(yaml, "case.yaml"), DiagnosticCodes.WrongType, line, column, fragment);

    [Fact]
    public void An_observation_needs_an_input_a_value_and_a_time()
    {
        var result = CaseReader.ReadText("observations:\n  - { input: insults }\n", "case.yaml");
        TestModels.AssertHas(result, DiagnosticCodes.MissingField, 2, 5, "`observations[0]` has no `value`");
        TestModels.AssertHas(result, DiagnosticCodes.MissingField, 2, 5, "`observations[0]` has no `at`");
    }

    [Fact]
    public void Unknown_keys_in_a_case_are_reported_with_a_suggestion()
    {
        var result = CaseReader.ReadText("imputs:\n  fixation: present\n", "case.yaml");
        TestModels.AssertHas(result, DiagnosticCodes.UnknownKey, 1, 1, "unknown key `imputs` in the case file — did you mean `inputs`?");
    }

    [Fact]
    public void A_list_where_a_value_belongs_is_a_located_type_error()
    {
        var result = CaseReader.ReadText("inputs:\n  fixation: [present]\n", "case.yaml");
        TestModels.AssertHas(result, DiagnosticCodes.WrongType, 2, 13, "inputs.fixation: give a level name, a number, `unknown`, or `{ presence: …, relevance: … }`");
    }
}
