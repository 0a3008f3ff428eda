using Tma.Cli.Reports;
using static Tma.Cli.Tests.EvaluationCliFiles;

namespace Tma.Cli.Tests;

public sealed class ReportFigureFilesTests
{
    [Fact]
    public void Evaluate_writes_each_plot_as_png_and_svg_with_stable_names()
    {
        var dir = TempDirectory();
        var data = Synth(dir, rows: 800);
        var output = Path.Combine(dir, "report");

        var (exit, _, error) = Cli.Run("evaluate", "--model", Model, "--data", data, "--out", output, "--bootstrap", "50");

        Assert.True(exit == 0, error);
        var names = AssertFigureFiles(output, 6);
        Assert.Equal(["01-roc", "02-precision-recall", "03-outcome-rate-by-score", "04-decision-curve", "05-distribution", "06-levels"], names);
    }

    [Fact]
    public void A_second_run_into_the_same_folder_removes_figures_the_first_wrote_and_the_second_did_not()
    {
        var dir = TempDirectory();
        var output = Path.Combine(dir, "report");
        Directory.CreateDirectory(Path.Combine(output, "figures"));
        File.WriteAllText(Path.Combine(output, "figures", "09-stale.png"), "old");
        File.WriteAllText(Path.Combine(output, "figures", "notes.txt"), "mine");

        ReportFolder.Write(output, "{}", "# r", "<!DOCTYPE html>", [("figures/01-roc.png", [1, 2]), ("figures/01-roc.svg", [3])]);

        Assert.False(File.Exists(Path.Combine(output, "figures", "09-stale.png")));
        Assert.True(File.Exists(Path.Combine(output, "figures", "notes.txt")), "files that are not figures stay");
        Assert.Equal([1, 2], File.ReadAllBytes(Path.Combine(output, "figures", "01-roc.png")));
    }

    [Fact]
    public void A_write_that_fails_leaves_no_file_of_the_new_report()
    {
        var dir = TempDirectory();
        var output = Path.Combine(dir, "report");
        Directory.CreateDirectory(output);

        // A folder where a figure file should go makes that write fail after the documents were staged.
        Directory.CreateDirectory(Path.Combine(output, "figures", "01-roc.png.tmp-" + Environment.ProcessId));

        Assert.ThrowsAny<Exception>(() => ReportFolder.Write(output, "{}", "# r", "<!DOCTYPE html>", [("figures/01-roc.png", [1])]));
        Assert.False(File.Exists(Path.Combine(output, "report.json")));
        Assert.False(File.Exists(Path.Combine(output, "report.md")));
        Assert.Empty(Directory.GetFiles(output, "*.tmp-*"));
    }

    [Theory]
    [InlineData("ROC curve of the score", "roc-curve-of-the-score")]
    [InlineData("Distribution of A: risk (n = 3)", "distribution-of-a-risk-n-3")]
    [InlineData("—", "figure")]
    public void Slugs_are_lower_case_ascii_words(string caption, string slug) =>
        Assert.Equal(slug, ReportFigureFiles.Slug(caption));
}
