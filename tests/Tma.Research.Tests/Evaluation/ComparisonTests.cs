using Tma.Models.Packaging;
using Tma.Research.Evaluation;
using Tma.Research.Evaluation.Statistics;
using static Tma.Research.Tests.Datasets.DatasetTestFiles;
using static Tma.Research.Tests.Evaluation.EvaluationTestData;

namespace Tma.Research.Tests.Evaluation;

public sealed class ComparisonTests
{
    private static readonly EvaluationOptions Fast = new() { BootstrapResamples = 100 };

    /// <summary>A copy of the workplace-violence package as version 1.1.0 with higher band limits (same inputs).</summary>
    private static ModelPackage StricterBands()
    {
        var source = Path.Combine(RepositoryRoot, "models", ModelId);
        var target = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "tma-compare-" + Guid.NewGuid().ToString("N"), ModelId)).FullName;
        var yaml = File.ReadAllText(Path.Combine(source, "model.yaml"))
            .Replace("version: 2.0.0", "version: 2.1.0", StringComparison.Ordinal)
            .Replace("{ level: low, to: 4 }", "{ level: low, to: 6 }", StringComparison.Ordinal)
            .Replace("{ level: moderate, from: 4, to: 8 }", "{ level: moderate, from: 6, to: 10 }", StringComparison.Ordinal)
            .Replace("{ level: high, from: 8, to: 12 }", "{ level: high, from: 10, to: 14 }", StringComparison.Ordinal)
            .Replace("{ level: urgent, from: 12 }", "{ level: urgent, from: 14 }", StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(target, "model.yaml"), yaml);
        return ModelPackage.Load(target).GetValueOrThrow();
    }

    [Fact]
    public void Two_models_are_compared_on_the_same_rows_with_delong_and_the_level_cross_table()
    {
        var a = Package();
        var b = StricterBands();
        var path = Synth(a, rows: 3_000, seed: 21);
        var ra = Score(a, path);
        var rb = Score(b, path);

        var report = Evaluator.Compare(path, a, b, Fast).GetValueOrThrow();

        Assert.Equal("2.1.0", report.A.Provenance.Model!.Version);
        Assert.Equal("2.1.0", report.B.Provenance.Model!.Version);
        Assert.Equal(DeLong.Compare(ra.Scores, rb.Scores, ra.Outcomes), report.ScoreAuc);
        Assert.Equal(DeLong.Compare(ra.Ranks, rb.Ranks, ra.Outcomes), report.LevelAuc);

        // Same points, higher band limits: no row moves up, and rows move down exactly where the limits moved.
        var changes = report.LevelChanges!;
        Assert.True(changes.Comparable);
        Assert.Equal(0, changes.Up!.Rows);
        var down = Enumerable.Range(0, ra.Scores.Length).Count(i => rb.Ranks[i] < ra.Ranks[i]);
        Assert.Equal(down, changes.Down!.Rows);
        Assert.True(down > 0);
        Assert.Equal(3_000, changes.Counts.Sum(r => r.Sum()));
        var events = ra.Outcomes.Count(o => o);
        var downEvents = Enumerable.Range(0, ra.Scores.Length).Count(i => rb.Ranks[i] < ra.Ranks[i] && ra.Outcomes[i]);
        Assert.Equal(-(double)downEvents / events, changes.NetReclassification!.Events, 12);
    }

    [Fact]
    public void A_model_compared_with_itself_differs_by_nothing()
    {
        var a = Package();
        var path = Synth(a, rows: 1_000);

        var report = Evaluator.Compare(path, a, a, Fast).GetValueOrThrow();

        Assert.Equal(0.0, report.ScoreAuc.Difference);
        Assert.Equal(1.0, report.ScoreAuc.PValue);
        Assert.Equal(1_000, report.LevelChanges!.Unchanged!.Rows);
        Assert.Equal(0.0, report.LevelChanges.NetReclassification!.Total);
    }

    [Fact]
    public void Two_score_columns_are_compared_with_delong_and_have_no_level_changes()
    {
        var (path, p, x, y) = ProbabilityColumns(2_000, seed: 4);

        var report = Evaluator.CompareScoreColumns(path, "p", "x", Fast).GetValueOrThrow();

        Assert.Equal(DeLong.Compare(p, x, y), report.ScoreAuc);
        Assert.Null(report.LevelChanges);
        Assert.Contains(report.Skipped, s => s.Figure == "levelChanges");
        Assert.Equal("p", report.A.Score.Name);
        Assert.Equal("x", report.B.Score.Name);
    }

    [Fact]
    public void A_dataset_that_does_not_fit_the_second_model_names_that_model()
    {
        var a = Package();
        var path = Synth(a, rows: 100);

        var result = Evaluator.Compare(path, a, Package("bullying-naqr"), Fast);

        Assert.Null(result.Value);
        Assert.Contains(result.Diagnostics, d => d.Message.Contains("model `bullying-naqr`", StringComparison.Ordinal));
    }
}
