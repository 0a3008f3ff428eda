using Tma.Models.Definitions;
using Tma.Models.Loading;
using Tma.Scoring.Assessments;
using Tma.Scoring.Outcome;

namespace Tma.Scoring.Tests.Outcome;

/// <summary>
/// The outcome pieces every kind composes (band → level, reason order, action order, missing-data verdict), each
/// checked on a case worked out by hand.
/// </summary>
public sealed class SharedOutcomeTests
{
    private static readonly ModelDefinition Model = Read("""
        id: shared-outcome
        version: 1.0.0
        title: Shared outcome
        kind: rules
        inputs:
          - { id: a, type: frequency }
          - { id: b, type: frequency }
          - { id: c, type: frequency }
          - { id: note, type: frequency, required: false }
        levels: [low, moderate, high]
        indicators:
          - { id: a, when: known(a), points: a, reason: A }
        scoring:
          policy: sum
          bands:
            - { level: low, to: 4 }
            - { level: moderate, from: 4, to: 9.5 }
            - { level: high, from: 9.5 }
        missing_data: { policy: prorate, max_omitted: 1 }
        """);

    [Theory]
    [InlineData(-3.0, 0)] // below every cut-off: the open lower band
    [InlineData(3.999, 0)]
    [InlineData(4.0, 1)] // a band's lower bound is inclusive
    [InlineData(9.49, 1)]
    [InlineData(9.5, 2)] // its upper bound is exclusive
    [InlineData(1e9, 2)]
    public void A_value_maps_to_the_rank_of_the_band_that_contains_it(double value, int rank)
    {
        var scale = new BandScale(Model.Scoring!.Norms[0].Bands, Model, "norm default");

        Assert.Equal(rank, scale.Rank(value));
    }

    [Fact]
    public void Bands_that_name_levels_out_of_order_map_to_the_named_levels()
    {
        // A composite's blend bands may skip a level: here 0–0.5 is moderate, above is high.
        var scale = new BandScale([new Band("moderate", null, 0.5), new Band("high", 0.5, null)], Model, "the combination");

        Assert.Equal(1, scale.Rank(0.1));
        Assert.Equal(2, scale.Rank(0.5));
    }

    [Fact]
    public void A_value_outside_every_band_says_whose_bands_it_missed()
    {
        var scale = new BandScale([new Band("low", 0, 1)], Model, "model shared-outcome");

        var ex = Assert.Throws<InvalidOperationException>(() => scale.Rank(2));
        Assert.Equal("2 falls outside the bands of model shared-outcome.", ex.Message);
    }

    [Fact]
    public void Reasons_come_highest_first_with_ties_in_declaration_order()
    {
        // Values by declaration position: 0 → 2, 1 → 5, 2 → 2, 3 → -1, 4 → 5.
        // Highest first: 5 (positions 1 then 4), 2 (0 then 2), -1 (3).
        double[] values = [2, 5, 2, -1, 5];
        var order = new int[values.Length];

        ReasonRanking.Order(values, order);

        Assert.Equal([1, 4, 0, 2, 3], order);
    }

    [Fact]
    public void Actions_come_most_urgent_first_keeping_their_order_within_one_urgency()
    {
        RecommendedAction[] plan =
        [
            Action("document", "routine"),
            Action("interview", "soon"),
            Action("protect", "immediate"),
            Action("inform", "soon"),
            Action("review", "routine"),
        ];

        var sorted = ActionOrder.Sort(plan);

        Assert.Equal(["protect", "interview", "inform", "document", "review"], sorted.Select(a => a.Id));
    }

    [Fact]
    public void Index_sort_and_list_sort_agree_and_urgency_names_round_trip()
    {
        Urgency[] urgencies = [Urgency.Routine, Urgency.Immediate, Urgency.Soon, Urgency.Immediate];
        int[] order = [0, 1, 2, 3];

        ActionOrder.Sort(order, urgencies);

        Assert.Equal([1, 3, 2, 0], order);
        Assert.All(Enum.GetValues<Urgency>(), u => Assert.Equal(u, ActionOrder.Parse(ActionOrder.Name(u))));
        Assert.Equal("immediate", ActionOrder.Name(Urgency.Immediate));
        Assert.Equal(Urgency.Routine, ActionOrder.Parse("whenever"));
    }

    [Fact]
    public void Points_verdict_follows_the_prorate_policy_per_omitted_count()
    {
        // Three required inputs (note is optional), at most one may be omitted.
        var verdict = new MissingDataVerdict(Model, UnknownReading.CountsAsAbsent);

        var none = verdict.For([1, 2, 3, null]);
        var one = verdict.For([1, null, 3, null]);
        var two = verdict.For([null, null, 3, 4]);

        Assert.Equal((Validity.Valid, 0), (none.Validity, none.Omitted.Count));
        Assert.Equal(Validity.Prorated, one.Validity);
        Assert.Equal(["b"], one.Omitted);
        Assert.Equal(Validity.Insufficient, two.Validity);
        Assert.Equal(["a", "b"], two.Omitted);
        Assert.Equal(("prorate", 1), (two.Policy, two.Allowed));
        Assert.StartsWith("Insufficient information: 2 of 3 required inputs are unknown", two.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_classifier_verdict_imputes_within_the_allowance_and_never_prorates()
    {
        var verdict = new MissingDataVerdict(Model with { MissingData = new MissingDataPolicy(MissingDataMode.MaxOmitted, 1) }, UnknownReading.Imputed);

        var one = verdict.For([1, null, 3, null]);

        Assert.Equal(Validity.Valid, one.Validity);
        Assert.Equal("max-omitted", one.Policy);
        Assert.Equal(1, verdict.CountOmitted([1, null, 3, null]));
    }

    private static RecommendedAction Action(string id, string urgency) => new(id, id, [], urgency, ["level:low"]);

    private static ModelDefinition Read(string yaml)
    {
        var result = ModelReader.ReadText(yaml, "shared-outcome.yaml");
        Assert.True(result.Succeeded, string.Join(Environment.NewLine, result.Diagnostics));
        return result.Value!;
    }
}
