using Tma.Models.Diagnostics;
using Tma.Research.Datasets;
using Tma.Research.Evaluation;
using static Tma.Research.Tests.Datasets.DatasetTestFiles;
using static Tma.Research.Tests.Evaluation.EvaluationTestData;

namespace Tma.Research.Tests.Evaluation;

/// <summary>Every kind of bad input gets a located diagnostic with a clear message, never an exception or a wrong figure.</summary>
public sealed class EvaluatorBadInputTests
{
    private static Diagnostic Single<T>(LoadResult<T> result)
        where T : class
    {
        Assert.Null(result.Value);
        return Assert.Single(result.Diagnostics, d => d.Severity == Severity.Error);
    }

    [Fact]
    public void A_dataset_without_the_outcome_column_is_refused()
    {
        var package = Package();
        var path = Write("threat,weapons_access\ndirect,yes\nnone,no\n");

        var error = Single(Evaluator.Evaluate(path, package));

        Assert.Equal(DatasetDiagnosticCodes.MissingOutcome, error.Code);
        Assert.Contains("outcome", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_score_column_dataset_without_the_outcome_column_is_refused()
    {
        var path = Write("risk,label\n0.2,1\n0.4,0\n");

        var error = Single(Evaluator.EvaluateScoreColumn(path, "risk"));

        Assert.Equal(DatasetDiagnosticCodes.MissingOutcome, error.Code);
        Assert.Contains("no outcome column `outcome`", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void All_outcomes_equal_is_refused_because_the_auc_is_undefined()
    {
        var package = Package();
        var rows = string.Concat(Enumerable.Repeat("direct,yes,0\nnone,no,0\n", 50));
        var path = Write("threat,weapons_access,outcome\n" + rows);

        var error = Single(Evaluator.Evaluate(path, package));

        Assert.Equal(EvaluationDiagnosticCodes.OneOutcome, error.Code);
        Assert.Contains("all 100 rows have outcome 0", error.Message, StringComparison.Ordinal);
        Assert.Contains("AUC", error.Message, StringComparison.Ordinal);
        Assert.Contains("undefined", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_single_row_with_the_outcome_is_refused_because_the_delong_interval_needs_two()
    {
        var path = Write("s,outcome\n0.1,0\n0.2,0\n0.3,1\n0.4,0\n");

        var error = Single(Evaluator.EvaluateScoreColumn(path, "s"));

        Assert.Equal(EvaluationDiagnosticCodes.OneOutcome, error.Code);
        Assert.Contains("only 1 row(s) have outcome 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_dataset_made_for_another_model_is_refused_naming_the_unknown_column()
    {
        var path = Synth(Package("bullying-naqr"), rows: 50);

        var result = Evaluator.Evaluate(path, Package());

        Assert.Null(result.Value);
        Assert.Contains(result.Diagnostics, d => d.Code == DatasetDiagnosticCodes.UnknownColumn && d.Message.Contains("neither a model input", StringComparison.Ordinal));
    }

    [Fact]
    public void A_dataset_with_none_of_the_models_inputs_is_refused_rather_than_scored_as_all_unknown()
    {
        var path = Write("group:site,outcome\na,1\nb,0\na,0\nb,1\n");

        var error = Single(Evaluator.Evaluate(path, Package()));

        Assert.Equal(EvaluationDiagnosticCodes.ModelMismatch, error.Code);
        Assert.Contains("none of the", error.Message, StringComparison.Ordinal);
        Assert.Contains("workplace-violence-screening", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("NaN", "is NaN")]
    [InlineData("abc", "is not a number")]
    [InlineData("", "is empty")]
    [InlineData("Infinity", "is infinite")]
    [InlineData("1,5", "field(s)")]
    public void A_bad_score_names_the_line_and_the_column(string cell, string message)
    {
        var path = Write($"id,risk,outcome\na,0.1,0\nb,0.9,1\nc,{cell},1\nd,0.3,0\n");

        var error = Single(Evaluator.EvaluateScoreColumn(path, "risk"));

        Assert.Equal(4, error.Location.Line);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        if (cell != "1,5")
        {
            Assert.Equal(EvaluationDiagnosticCodes.BadScore, error.Code);
            Assert.Equal(3, error.Location.Column);
            Assert.Contains("`risk`", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_missing_score_column_is_named_with_a_suggestion()
    {
        var path = Write("risk_score,outcome\n0.1,0\n0.9,1\n");

        var error = Single(Evaluator.EvaluateScoreColumn(path, "risk_scor"));

        Assert.Equal(EvaluationDiagnosticCodes.MissingScoreColumn, error.Code);
        Assert.Contains("did you mean `risk_score`", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_header_without_rows_is_refused()
    {
        var error = Single(Evaluator.EvaluateScoreColumn(Write("risk,outcome\n"), "risk"));

        Assert.Equal(EvaluationDiagnosticCodes.NoRows, error.Code);
    }

    [Fact]
    public void A_bad_outcome_value_names_its_line()
    {
        var error = Single(Evaluator.EvaluateScoreColumn(Write("risk,outcome\n0.1,0\n0.2,yes\n"), "risk"));

        Assert.Equal(DatasetDiagnosticCodes.BadOutcome, error.Code);
        Assert.Equal(3, error.Location.Line);
    }

    [Fact]
    public void A_missing_file_is_refused()
    {
        var error = Single(Evaluator.EvaluateScoreColumn(Path.Combine(Path.GetTempPath(), "tma-no-such-file.csv"), "risk"));

        Assert.Equal(DatasetDiagnosticCodes.File, error.Code);
        Assert.Contains("does not exist", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_column_that_looks_like_an_identifier_is_refused()
    {
        var error = Single(Evaluator.EvaluateScoreColumn(Write("email,risk,outcome\na@example.org,0.1,0\nb@example.org,0.9,1\n"), "risk"));

        Assert.Equal(DatasetDiagnosticCodes.IdentifierColumn, error.Code);
        Assert.Contains("email", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_rows_can_be_skipped_and_are_counted()
    {
        var rows = string.Concat(Enumerable.Range(0, 40).Select(i => $"{i / 40.0},{i % 2}\n"));
        var path = Write("risk,outcome\n" + rows + "oops,1\n");

        var report = Evaluator.EvaluateScoreColumn(path, "risk", new EvaluationOptions { SkipBadRows = true, BootstrapResamples = 0 }).GetValueOrThrow();

        Assert.Equal(40, report.Sample.N);
        Assert.Equal(1, report.Provenance.Dataset.BadRowsSkipped);
        Assert.Contains(report.Warnings, w => w.Contains("1 bad row(s) were skipped", StringComparison.Ordinal));
        Assert.Contains(report.Skipped, s => s.Figure == "score.precisionRecall.interval");
    }

    [Fact]
    public void Invalid_options_are_all_reported_together()
    {
        var options = new EvaluationOptions { BootstrapResamples = 5, ConfidenceLevel = 1.5, Cutoffs = [double.NaN] };

        var problems = options.Validate();
        var thrown = Assert.Throws<ArgumentException>(() => Evaluator.EvaluateScoreColumn("x.csv", "risk", options));

        Assert.Equal(3, problems.Count);
        Assert.Contains("bootstrap", thrown.Message, StringComparison.Ordinal);
    }
}
