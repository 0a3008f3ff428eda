using System.Globalization;
using System.Text;
using static Tma.Cli.Tests.EvaluationCliFiles;

namespace Tma.Cli.Tests;

public sealed class AgreementCommandTests
{
    private static string Ratings(string dir)
    {
        // Two raters code 40 synthetic cases with the workplace-violence model's levels; they disagree on every 6th case.
        string[] threat = ["none", "veiled", "direct"];
        string[] level = ["low", "moderate", "high", "urgent"];
        var text = new StringBuilder("case,rater,threat,path_stage,level\n");
        for (var c = 0; c < 40; c++)
        {
            text.Append(CultureInfo.InvariantCulture, $"K{c},R1,{threat[c % 3]},none,{level[c % 4]}\n");
            text.Append(CultureInfo.InvariantCulture, $"K{c},R2,{threat[(c + (c % 6 == 0 ? 1 : 0)) % 3]},{(c % 2 == 0 ? "none" : "grievance")},{level[(c + (c % 6 == 0 ? 1 : 0)) % 4]}\n");
        }

        return Write(dir, "ratings.csv", text.ToString());
    }

    [Fact]
    public void Agreement_writes_the_three_files_with_the_documented_names()
    {
        var dir = TempDirectory();
        var output = Path.Combine(dir, "agreement");

        var (exit, stdout, error) = Cli.Run("agreement", "--data", Ratings(dir), "--model", Model, "--out", output);

        Assert.True(exit == 0, error);
        Assert.Contains("40 cases, 2 raters", stdout, StringComparison.Ordinal);
        Assert.Contains("level (summary)", stdout, StringComparison.Ordinal);
        var json = AssertReportFolder(output, expectedPlots: 0);
        Assert.Equal(["formatVersion", "provenance", "items", "skipped"], Names(json));
        var item = json.GetProperty("items")[0];
        Assert.Equal(
            ["item", "isLevel", "scale", "categories", "ratedCases", "completeCases", "cohenKappa", "weightedKappaLinear", "weightedKappaQuadratic", "fleissKappa", "intraclassCorrelation", "krippendorffAlphaOrdinal", "gwetAc1"],
            Names(item));
        Assert.Equal("threat", item.GetProperty("item").GetString());
        Assert.Equal(["icc11", "icc21", "icc31", "meanSquareSubjects", "meanSquareRaters", "meanSquareError", "meanSquareWithin", "subjects", "raters", "forms"], Names(item.GetProperty("intraclassCorrelation")));
        Assert.Equal(["kappa", "observedAgreement", "expectedAgreement", "subjects", "weighting", "standardError", "lower", "upper", "confidenceLevel", "standardErrorNull", "z", "pValue"], Names(item.GetProperty("cohenKappa")));
        Assert.Equal(["form", "model", "value", "f", "degreesOfFreedom1", "degreesOfFreedom2", "pValue", "lower", "upper", "confidenceLevel"], Names(item.GetProperty("intraclassCorrelation").GetProperty("forms")[0]));
        Assert.Equal(["ac1", "observedAgreement", "expectedAgreement", "subjects", "raters", "standardError", "lower", "upper", "confidenceLevel"], Names(item.GetProperty("gwetAc1")));
        Assert.Equal(1000, item.GetProperty("krippendorffAlphaOrdinal").GetProperty("bootstrap").GetProperty("resamples").GetInt32());
        Assert.Equal(["tool", "toolVersion", "file", "fingerprint", "rows", "cases", "raters", "model", "layout", "seed", "bootstrapResamples"], Names(json.GetProperty("provenance")));

        // path_stage: R1 says `none` throughout, R2 on every other case: P_o = P_e = ½, so κ = 0 (chance agreement).
        Assert.Equal(0.0, json.GetProperty("items")[1].GetProperty("cohenKappa").GetProperty("kappa").GetDouble(), 12);
        Assert.True(json.GetProperty("items")[2].GetProperty("isLevel").GetBoolean());
    }

    [Fact]
    public void A_ratings_file_without_a_rater_column_exits_2()
    {
        var dir = TempDirectory();
        var data = Write(dir, "ratings.csv", "case,q1\nK1,1\n");

        var (exit, _, error) = Cli.Run("agreement", "--data", data);

        Assert.Equal(2, exit);
        Assert.Contains("error TMA0306: the header has no rater column `rater`", error, StringComparison.Ordinal);
    }

    /// <summary>The same 3 raters × 10 cases (one rating missing) as a long and as a wide file.</summary>
    private static (string Long, string Wide) LongAndWide(string dir)
    {
        int?[][] ratings = [[1, 1, 2], [2, 2, 2], [3, 3, 3], [1, 2, 1], [2, null, 3], [3, 3, 2], [1, 1, 1], [2, 3, 2], [3, 3, 3], [1, 1, 2]];
        var longText = new StringBuilder("case,rater,q\n");
        var wideText = new StringBuilder("case,R1,R2,R3\n");
        for (var c = 0; c < ratings.Length; c++)
        {
            wideText.Append(CultureInfo.InvariantCulture, $"K{c}");
            for (var r = 0; r < 3; r++)
            {
                var value = ratings[c][r]?.ToString(CultureInfo.InvariantCulture) ?? "";
                wideText.Append(',').Append(value);
                longText.Append(CultureInfo.InvariantCulture, $"K{c},R{r + 1},{value}\n");
            }

            wideText.Append('\n');
        }

        return (Write(dir, "long.csv", longText.ToString()), Write(dir, "q.csv", wideText.ToString()));
    }

    [Fact]
    public void Wide_and_long_files_give_the_same_figures_with_their_intervals()
    {
        var dir = TempDirectory();
        var (longFile, wideFile) = LongAndWide(dir);

        var (longExit, longJson, longError) = Cli.Run("agreement", "--data", longFile, "--format", "json", "--seed", "5", "--bootstrap", "200");
        var (wideExit, wideJson, wideError) = Cli.Run("agreement", "--data", wideFile, "--wide", "--format", "json", "--seed", "5", "--bootstrap", "200");

        Assert.True(longExit == 0, longError);
        Assert.True(wideExit == 0, wideError);
        using var longDoc = System.Text.Json.JsonDocument.Parse(longJson);
        using var wideDoc = System.Text.Json.JsonDocument.Parse(wideJson);
        var l = longDoc.RootElement.GetProperty("items")[0];
        var w = wideDoc.RootElement.GetProperty("items")[0];
        Assert.Equal("q", w.GetProperty("item").GetString());
        foreach (var figure in new[] { "fleissKappa", "intraclassCorrelation", "krippendorffAlphaOrdinal", "gwetAc1" })
        {
            Assert.Equal(l.GetProperty(figure).GetRawText(), w.GetProperty(figure).GetRawText());
        }

        Assert.Equal("wide", wideDoc.RootElement.GetProperty("provenance").GetProperty("layout").GetString());
        var alpha = w.GetProperty("krippendorffAlphaOrdinal").GetProperty("bootstrap");
        Assert.Equal(200, alpha.GetProperty("resamples").GetInt32());
        Assert.True(alpha.GetProperty("lower").GetDouble() <= alpha.GetProperty("upper").GetDouble());
        Assert.Equal(6, w.GetProperty("intraclassCorrelation").GetProperty("forms").GetArrayLength());
        Assert.True(w.GetProperty("fleissKappa").GetProperty("z").GetDouble() > 0);
    }

    [Fact]
    public void Text_and_markdown_show_the_intervals()
    {
        var dir = TempDirectory();
        var (_, wideFile) = LongAndWide(dir);

        var (exit, text, error) = Cli.Run("agreement", "--data", wideFile, "--wide");
        var (_, markdown, _) = Cli.Run("agreement", "--data", wideFile, "--wide", "--format", "markdown");

        Assert.True(exit == 0, error);
        foreach (var output in new[] { text, markdown })
        {
            Assert.Contains("ICC(2,k), two-way random, absolute agreement", output, StringComparison.Ordinal);
            Assert.Contains("(bootstrap, ", output, StringComparison.Ordinal);
            Assert.Contains("Gwet's AC1", output, StringComparison.Ordinal);
            // 9 complete cases, 3 raters: ICC(1,·) F on (9 − 1, 9 · 2) = (8, 18) df.
            Assert.Matches(@"F\(8, 18\) = \d+\.\d{3}", output);
        }

        Assert.Contains("| 95% CI |", markdown, StringComparison.Ordinal);
        Assert.Contains("Fleiss' κ, category 2", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_raters_get_kappa_intervals_in_the_report()
    {
        var dir = TempDirectory();
        var data = Write(dir, "pair.csv", "A,B\n1,1\n2,2\n1,2\n2,2\n1,1\n2,1\n1,1\n2,2\n");

        var (exit, markdown, error) = Cli.Run("agreement", "--data", data, "--wide", "--format", "markdown", "--bootstrap", "0");

        Assert.True(exit == 0, error);
        // 8 cases: a = (1,2,1,2,1,2,1,2), b = (1,2,2,2,1,1,1,2); table [[3,1],[1,3]]; P_o = .75, P_e = .5, κ = .5.
        Assert.Contains("| Cohen's κ | 0.500 | [", markdown, StringComparison.Ordinal);
        Assert.Contains("— (no bootstrap)", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_wide_cell_is_a_located_error_with_exit_2()
    {
        var dir = TempDirectory();
        var data = Write(dir, "q.csv", "R1,R2\n1,2\n2,high\n");

        var (exit, _, error) = Cli.Run("agreement", "--data", data, "--wide");

        Assert.Equal(2, exit);
        Assert.Contains($"{data}:3:3: error TMA0306: the value in rater column `R2` (item `q`) is not a number", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--bootstrap", "5", "at least 10")]
    [InlineData("--item", "q", "--item names the item of a --wide file")]
    public void Bad_options_exit_2(string option, string value, string message)
    {
        var dir = TempDirectory();

        var (exit, _, error) = Cli.Run("agreement", "--data", Ratings(dir), option, value);

        Assert.Equal(2, exit);
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_named_case_column_missing_from_a_wide_file_exits_2()
    {
        var dir = TempDirectory();
        var data = Write(dir, "q.csv", "R1,R2\n1,2\n2,2\n");

        var (exit, _, error) = Cli.Run("agreement", "--data", data, "--wide", "--case-column", "id");

        Assert.Equal(2, exit);
        Assert.Contains("the header has no case column `id`", error, StringComparison.Ordinal);
    }
}
