using Tma.Models.Cases;
using static Tma.Scoring.Tests.TestModels;

namespace Tma.Scoring.Tests.Rules;

public sealed class CaseValidationTests
{
    private static readonly IRiskModel Model = Compile(Header + """

        inputs:
          - { id: fixation, type: presence }
          - { id: age, type: numeric, range: [16, 90], unit: years }
        levels: [low, high]
        indicators:
          - { id: f, when: fixation >= present, points: 1, reason: F }
        scoring:
          policy: sum
          bands: [ { level: low, to: 1 }, { level: high, from: 1 } ]
        missing_data: { policy: max-omitted, max_omitted: 2 }
        """);

    [Fact]
    public void Unknown_inputs_levels_and_out_of_range_numbers_are_all_named()
    {
        var data = new CaseData
        {
            Inputs = new Dictionary<string, CaseValue>
            {
                ["fixaton"] = CaseValue.Level("present"),
                ["age"] = CaseValue.Of(140),
            },
            Observations = [new Observation("fixation", CaseValue.Level("sometimes"), DateTimeOffset.UnixEpoch)],
        };

        var ex = Assert.Throws<InvalidCaseException>(() => Model.Assess(data));

        Assert.Contains("inputs.fixaton: unknown input `fixaton` — did you mean `fixation`?", ex.Message, StringComparison.Ordinal);
        Assert.Contains("inputs.age: the value is outside the range of `age` [16, 90] years", ex.Message, StringComparison.Ordinal);
        Assert.Contains("observations[0].value: `sometimes` is not a level of `fixation`", ex.Message, StringComparison.Ordinal);
        Assert.Equal(3, ex.Diagnostics.Count);
        Assert.DoesNotContain("140", ex.Message, StringComparison.Ordinal);
    }
}
