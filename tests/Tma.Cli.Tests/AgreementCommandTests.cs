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
            ["item", "isLevel", "scale", "categories", "ratedCases", "completeCases", "cohenKappa", "weightedKappaLinear", "weightedKappaQuadratic", "fleissKappa", "intraclassCorrelation", "krippendorffAlphaOrdinal"],
            Names(item));
        Assert.Equal("threat", item.GetProperty("item").GetString());
        Assert.Equal(["icc11", "icc21", "icc31", "meanSquareSubjects", "meanSquareRaters", "meanSquareError", "meanSquareWithin", "subjects", "raters"], Names(item.GetProperty("intraclassCorrelation")));

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
}
