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
        var icc = IntraclassCorrelation.Compute(values);
        Assert.Equal(icc with { Forms = null }, q1.IntraclassCorrelation! with { Forms = null });
        Assert.Equal(icc.Forms!, q1.IntraclassCorrelation!.Forms!);
        Assert.Equal(KrippendorffAlpha.Compute(reliability, KrippendorffMetric.Ordinal), q1.KrippendorffAlphaOrdinal! with { Bootstrap = null });

        // The default bootstrap: seed 1, 1000 resamples over units.
        Assert.Equal(KrippendorffAlphaBootstrap.Compute(reliability, KrippendorffMetric.Ordinal, new BootstrapOptions(1, 1000)), q1.KrippendorffAlphaOrdinal!.Bootstrap);
        Assert.Equal((1, 1000), (report.Provenance.Seed, report.Provenance.BootstrapResamples));
        var table = new int[3, 3];
        for (var c = 0; c < 60; c++)
        {
            table[codes[0][c], codes[1][c]]++;
        }

        Assert.Equal(GwetAc1.FromTable(table), q1.GwetAc1);

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
        Assert.Equal(3, q1.GwetAc1!.Raters);
        Assert.Equal(59, q1.GwetAc1.Subjects);
    }

    [Fact]
    public void No_bootstrap_leaves_alpha_without_an_interval()
    {
        var (path, _) = Ratings(2);

        var report = AgreementEvaluator.Evaluate(path, options: new AgreementOptions { BootstrapResamples = 0 }).GetValueOrThrow();

        Assert.All(report.Items, i => Assert.Null(i.KrippendorffAlphaOrdinal!.Bootstrap));
        Assert.Null(report.Provenance.Seed);
        Assert.Contains("at least 10", Assert.Single(AgreementEvaluator.Evaluate(path, options: new AgreementOptions { BootstrapResamples = 5 }).Diagnostics).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_wide_file_gives_the_same_figures_as_the_equivalent_long_file()
    {
        // Three raters, 12 cases, one missing rating (rater B on case 4); long: one row per case and rater.
        int?[][] wide =
        [
            [1, 1, 2], [2, 2, 2], [3, 3, 3], [1, 2, 1], [2, null, 3], [3, 3, 2],
            [1, 1, 1], [2, 3, 2], [3, 3, 3], [1, 1, 2], [2, 2, 2], [3, 2, 3],
        ];
        string[] raters = ["A", "B", "C"];
        var longText = new StringBuilder("case,rater,q7\n");
        var wideText = new StringBuilder("A,B,C\n");
        for (var c = 0; c < wide.Length; c++)
        {
            wideText.AppendJoin(',', wide[c].Select(v => v?.ToString(CultureInfo.InvariantCulture) ?? "")).Append('\n');
            for (var r = 0; r < 3; r++)
            {
                longText.Append(CultureInfo.InvariantCulture, $"{c + 1},{raters[r]},{wide[c][r]}\n");
            }
        }

        var longReport = AgreementEvaluator.Evaluate(Write(longText.ToString(), "long.csv")).GetValueOrThrow();
        var wideReport = AgreementEvaluator.Evaluate(Write(wideText.ToString(), "q7.csv"), options: new AgreementOptions { Wide = true }).GetValueOrThrow();

        var l = Assert.Single(longReport.Items);
        var w = Assert.Single(wideReport.Items);
        Assert.Equal("q7", w.Item);
        Assert.Equal((12, 11), (w.RatedCases, w.CompleteCases));
        Assert.Equal((12, 12, 3), (wideReport.Provenance.Rows, wideReport.Provenance.Cases, wideReport.Provenance.Raters));
        Assert.Equal("wide", wideReport.Provenance.Layout);
        Assert.Equal(l.Categories, w.Categories);
        Assert.Equal(l.FleissKappa!.Kappa, w.FleissKappa!.Kappa, 15);
        Assert.Equal(l.FleissKappa.Z, w.FleissKappa.Z);
        Assert.Equal(l.IntraclassCorrelation!.Forms!, w.IntraclassCorrelation!.Forms!);
        Assert.Equal(l.KrippendorffAlphaOrdinal, w.KrippendorffAlphaOrdinal);
        Assert.Equal(l.GwetAc1, w.GwetAc1);
    }

    [Fact]
    public void A_wide_file_with_a_case_column_and_a_model_reads_level_ids()
    {
        var text = "case,A,B\nK1,none,none\nK2,veiled,direct\nK3,direct,direct\nK4,none,veiled\n";

        var report = AgreementEvaluator.Evaluate(Write(text, "ratings.csv"), Package(), new AgreementOptions { Wide = true, Item = "threat" }).GetValueOrThrow();

        var item = Assert.Single(report.Items);
        Assert.Equal("threat", item.Item);
        Assert.Equal(["none", "veiled", "direct"], item.Categories);
        Assert.Equal(2, report.Provenance.Raters);
        Assert.NotNull(item.CohenKappa);
    }

    [Theory]
    [InlineData("A,B\n1,2\n1,x\n", "rater column `B` (item `q`) is not a number", 3, 3)]
    [InlineData("A,B\n1,2\n1\n", "field(s)", 3, 1)]
    [InlineData("A\n1\n", "at least 2 rater columns", 1, 1)]
    [InlineData("case,A,B\nK1,1,2\nK1,2,2\n", "already has a row", 3, 1)]
    public void Bad_wide_files_are_refused_with_line_and_column(string content, string message, int line, int column)
    {
        var result = AgreementEvaluator.Evaluate(Write(content, "q.csv"), options: new AgreementOptions { Wide = true });

        Assert.Null(result.Value);
        var error = Assert.Single(result.Diagnostics);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Equal((line, column), (error.Location.Line, error.Location.Column));
    }

    [Fact]
    public void A_wide_item_the_model_does_not_know_is_refused_with_a_suggestion()
    {
        var result = AgreementEvaluator.Evaluate(Write("A,B\nnone,none\n", "threatt.csv"), Package(), new AgreementOptions { Wide = true });

        var error = Assert.Single(result.Diagnostics);
        Assert.Contains("the item `threatt`", error.Message, StringComparison.Ordinal);
        Assert.Contains("did you mean `threat`", error.Message, StringComparison.Ordinal);
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
