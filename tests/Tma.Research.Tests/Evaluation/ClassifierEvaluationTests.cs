using Tma.Models.Diagnostics;
using Tma.Research.Evaluation;
using Tma.Research.Evaluation.Statistics;
using static Tma.Research.Tests.Evaluation.EvaluationTestData;

namespace Tma.Research.Tests.Evaluation;

/// <summary>Classifier packages are scored through their ML.NET dataset path, and their probabilities are calibrated.</summary>
public sealed class ClassifierEvaluationTests
{
    private static readonly EvaluationOptions Fast = new() { BootstrapResamples = 100 };

    [Fact]
    public void A_classifier_is_scored_by_the_mlnet_path_and_gets_calibration_figures_equal_to_the_direct_calls()
    {
        var classifier = Package("workplace-violence-classifier");
        var path = Synth(classifier, rows: 3_000, seed: 31);
        var reference = Score(classifier, path);

        var report = Evaluator.Evaluate(path, classifier, Fast).GetValueOrThrow();

        Assert.Equal("mlnet", report.Provenance.Source.Engine);
        Assert.True(report.Score.IsProbability);
        Assert.True(report.Calibration.Computed);
        Assert.Equal(Auc.Compute(reference.Scores, reference.Outcomes).Auc, report.Score.Auc.Auc, 9);
        Assert.Equal(BrierScore.Compute(reference.Scores, reference.Outcomes), report.Calibration.Brier!.Estimate, 9);
        Assert.Equal(Calibration.Fit(reference.Scores, reference.Outcomes).Slope, report.Calibration.Fit!.Slope.Estimate, 6);
        Assert.Equal("levels", report.Calibration.ObservedExpectedBands);
        Assert.Equal(reference.LevelOrder, report.Calibration.ObservedExpected!.Select(b => b.Band));
        Assert.Equal(Auc.Compute(reference.Ranks, reference.Outcomes).Auc, report.Levels.Auc!.Auc, 9);
    }

    [Fact]
    public void Rules_and_classifier_are_compared_on_the_same_rows()
    {
        var rules = Package();
        var classifier = Package("workplace-violence-classifier");
        // Rows of the classifier's inputs: the screening model (2.0) reads them too and treats its other inputs as unknown.
        var path = Synth(classifier, rows: 2_000, seed: 32);
        var a = Score(rules, path);
        var b = Score(classifier, path);

        var report = Evaluator.Compare(path, rules, classifier, Fast).GetValueOrThrow();

        Assert.Equal("compiled", report.A.Provenance.Source.Engine);
        Assert.Equal("mlnet", report.B.Provenance.Source.Engine);
        Assert.False(report.A.Calibration.Computed);
        Assert.True(report.B.Calibration.Computed);
        var direct = DeLong.Compare(a.Scores, b.Scores, a.Outcomes);
        Assert.Equal(direct.Difference, report.ScoreAuc.Difference, 9);
        Assert.Equal(direct.StandardError, report.ScoreAuc.StandardError, 9);
        Assert.Equal(2_000, report.LevelChanges!.Counts.Sum(r => r.Sum()));
    }

    [Fact]
    public void A_composite_without_inputs_of_its_own_is_refused_with_the_way_out()
    {
        var result = Evaluator.Evaluate(Synth(Package(), rows: 100), Package("workplace-violence-composite"));

        var error = Assert.Single(result.Diagnostics, d => d.Severity == Severity.Error);
        Assert.Equal(EvaluationDiagnosticCodes.ModelNotEvaluable, error.Code);
        Assert.Contains("declares no inputs", error.Message, StringComparison.Ordinal);
    }
}
