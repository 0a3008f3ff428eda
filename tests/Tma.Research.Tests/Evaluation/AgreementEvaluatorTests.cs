using System.Globalization;
using System.Text;
using Tma.Research.Evaluation;
using Tma.Research.Evaluation.Statistics;
using static Tma.Research.Tests.Datasets.DatasetTestFiles;
using static Tma.Research.Tests.Evaluation.EvaluationTestData;

namespace Tma.Research.Tests.Evaluation;

public sealed class AgreementEvaluatorTests
{
    /// <summary>Two or three raters code 60 cases on an item with 3 levels; rater 2 differs by one level on every 5th case.</summary>
    private static (string Path, int[][] Codes) Ratings(int raters, bool withMissing = false)
    {
        var codes = new int[raters][];
        for (var r = 0; r < raters; r++)
        {
            codes[r] = new int[60];
            for (var c = 0; c < 60; c++)
            {
                var truth = c % 3;
                codes[r][c] = r == 1 && c % 5 == 0 ? Math.Min(2, truth + 1) : truth;
            }
        }

        var text = new StringBuilder("case,rater,q1,level\n");
        for (var c = 0; c < 60; c++)
        {
            for (var r = 0; r < raters; r++)
            {
                var missing = withMissing && r == 0 && c == 7;
                text.Append(CultureInfo.InvariantCulture, $"C{c},R{r},{(missing ? "" : codes[r][c].ToString(CultureInfo.InvariantCulture))},{codes[r][c] * 2}\n");
            }
        }

        return (Write(text.ToString(), "ratings.csv"), codes);
    }

    [Fact]
    public void Two_raters_get_cohen_weighted_kappa_fleiss_icc_and_alpha_equal_to_the_direct_calls()
    {
        var (path, codes) = Ratings(2);

        var report = AgreementEvaluator.Evaluate(path).GetValueOrThrow();

        Assert.Equal(60, report.Provenance.Cases);
        Assert.Equal(2, report.Provenance.Raters);
        Assert.Equal(120, report.Provenance.Rows);
        var q1 = report.Items.Single(i => i.Item == "q1");
        Assert.False(q1.IsLevel);
        Assert.Equal(["0", "1", "2"], q1.Categories);
        Assert.Equal(CohenKappa.Compute(codes[0], codes[1], 3), q1.CohenKappa);
        Assert.Equal(CohenKappa.Compute(codes[0], codes[1], 3, KappaWeighting.Linear), q1.WeightedKappaLinear);
        Assert.Equal(CohenKappa.Compute(codes[0], codes[1], 3, KappaWeighting.Quadratic), q1.WeightedKappaQuadratic);

        var matrix = new int[60, 2];
        var values = new double[60, 2];
        var reliability = new double?[2, 60];
        for (var c = 0; c < 60; c++)
        {
            for (var r = 0; r < 2; r++)
            {
                matrix[c, r] = codes[r][c];
                values[c, r] = codes[r][c];
                reliability[r, c] = codes[r][c];
            }
        }

        Assert.Equal(FleissKappa.FromRatings(matrix, 3).Kappa, q1.FleissKappa!.Kappa, 12);
        Assert.Equal(IntraclassCorrelation.Compute(values), q1.IntraclassCorrelation);
        Assert.Equal(KrippendorffAlpha.Compute(reliability, KrippendorffMetric.Ordinal), q1.KrippendorffAlphaOrdinal);

        // The level column holds codes 0, 2, 4: the same agreement, on other numbers.
        var level = report.Items.Single(i => i.IsLevel);
        Assert.Equal(["0", "2", "4"], level.Categories);
        Assert.Equal(q1.CohenKappa!.Kappa, level.CohenKappa!.Kappa, 12);
    }

    [Fact]
    public void Three_raters_skip_cohen_kappa_with_the_reason_and_a_missing_rating_only_leaves_alpha_complete()
    {
        var (path, _) = Ratings(3, withMissing: true);

        var report = AgreementEvaluator.Evaluate(path).GetValueOrThrow();

        var q1 = report.Items.Single(i => i.Item == "q1");
        Assert.Null(q1.CohenKappa);
        Assert.Contains(report.Skipped, s => s.Figure == "q1.cohenKappa" && s.Reason.Contains("two raters", StringComparison.Ordinal));
        Assert.Equal(60, q1.RatedCases);
        Assert.Equal(59, q1.CompleteCases);
        Assert.NotNull(q1.FleissKappa);
        Assert.Equal(59, q1.FleissKappa!.Subjects);
        Assert.Equal(2 + 3 + (58 * 3), q1.KrippendorffAlphaOrdinal!.PairableValues);
    }

    [Fact]
    public void With_a_model_level_ids_are_ordered_categories()
    {
        var package = Package();
        var text = new StringBuilder("case,rater,threat,level\n");
        string[] threat = ["none", "veiled", "direct"];
        string[] level = ["low", "moderate", "high", "urgent"];
        for (var c = 0; c < 30; c++)
        {
            text.Append(CultureInfo.InvariantCulture, $"C{c},A,{threat[c % 3]},{level[c % 4]}\n");
            text.Append(CultureInfo.InvariantCulture, $"C{c},B,{threat[(c + (c % 7 == 0 ? 1 : 0)) % 3]},{level[c % 4]}\n");
        }

        var report = AgreementEvaluator.Evaluate(Write(text.ToString(), "ratings.csv"), package).GetValueOrThrow();

        var item = report.Items.Single(i => i.Item == "threat");
        Assert.Equal("levels", item.Scale);
        Assert.Equal(threat, item.Categories);
        Assert.Equal(1.0, report.Items.Single(i => i.IsLevel).CohenKappa!.Kappa, 12);
        Assert.Equal(package.ContentHash, report.Provenance.Model!.ContentHash);
    }

    [Theory]
    [InlineData("case,rater,q1\nC1,R1,1\nC1,R1,2\n", "already rated by this rater", 3)]
    [InlineData("case,rater,q1\nC1,R1,1\nC1,R2,high\n", "not a number", 3)]
    [InlineData("case,q1\nC1,1\n", "no rater column", 1)]
    [InlineData("case,rater,q1\nC1,,1\n", "rater", 2)]
    public void Bad_ratings_files_are_refused_with_the_line(string content, string message, int line)
    {
        var result = AgreementEvaluator.Evaluate(Write(content, "ratings.csv"));

        Assert.Null(result.Value);
        var error = Assert.Single(result.Diagnostics);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Equal(line, error.Location.Line);
    }

    [Fact]
    public void An_unknown_level_id_suggests_the_closest_with_a_model()
    {
        var result = AgreementEvaluator.Evaluate(Write("case,rater,threat\nC1,A,direkt\n", "ratings.csv"), Package());

        var error = Assert.Single(result.Diagnostics);
        Assert.Contains("did you mean `direct`", error.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// Two assessors' summary ratings on ten cases, as the case store's judgement export writes them. Hand computation
    /// for priority (low, moderate, high, imminent): they agree on 7 of 10 cases, p_o = 0.7; marginals A = (3, 3, 3, 1),
    /// B = (3, 3, 2, 2), p_e = (9 + 9 + 6 + 2) / 100 = 0.26; κ = (0.7 − 0.26) / (1 − 0.26) = 0.44 / 0.74.
    /// </summary>
    [Fact]
    public void The_assessors_summary_ratings_are_read_as_the_models_judgement_levels_in_declared_order()
    {
        var package = Tma.Models.Packaging.ModelPackage.Load(Repository.Model("workplace-violence-screening")).GetValueOrThrow();
        string[] a = ["low", "low", "moderate", "moderate", "high", "high", "imminent", "low", "moderate", "high"];
        string[] b = ["low", "moderate", "moderate", "moderate", "high", "imminent", "imminent", "low", "low", "high"];
        var text = new StringBuilder("case,rater,priority,imminence\n");
        for (var c = 0; c < a.Length; c++)
        {
            text.Append(CultureInfo.InvariantCulture, $"c{c},r1,{a[c]},low\n");
            text.Append(CultureInfo.InvariantCulture, $"c{c},r2,{b[c]},{(c == 6 ? "high" : "low")}\n");
        }

        var report = AgreementEvaluator.Evaluate(Write(text.ToString(), "judgements.csv"), package).GetValueOrThrow();

        var priority = report.Items.Single(i => i.Item == "priority");
        Assert.True(priority.IsLevel); // the judgement's summary field is the summary rating
        Assert.Equal(["low", "moderate", "high", "imminent"], priority.Categories);
        Assert.Equal(0.44 / 0.74, priority.CohenKappa!.Kappa, 12);
        Assert.False(report.Items.Single(i => i.Item == "imminence").IsLevel);
    }

    [Fact]
    public void A_free_text_judgement_field_is_not_a_rating_and_is_refused_naming_the_rating_fields()
    {
        var package = Tma.Models.Packaging.ModelPackage.Load(Repository.Model("workplace-violence-screening")).GetValueOrThrow();

        var result = AgreementEvaluator.Evaluate(Write("case,rater,formulation\nc1,r1,x\n", "judgements.csv"), package);

        var error = Assert.Single(result.Diagnostics);
        Assert.Contains("nor a rating field of its judgement", error.Message, StringComparison.Ordinal);
        Assert.Equal((1, 3), (error.Location.Line, error.Location.Column));
    }
}
