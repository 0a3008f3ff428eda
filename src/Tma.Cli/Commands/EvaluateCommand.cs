using System.CommandLine;
using Tma.Cli.Reports;
using Tma.Research.Evaluation;

namespace Tma.Cli.Commands;

/// <summary><c>tma evaluate</c>: a model package, or a score column, on an anonymized dataset; summary on stdout, report folder.</summary>
internal static class EvaluateCommand
{
    private const string Name = "evaluate";

    public static Command Create(TextReader input)
    {
        var model = PathOptions.FileOrFolder("--model", "-m", "Model package folder or its model.yaml to score every row with.", mustExist: true);
        var data = PathOptions.File("--data", "-d", "The dataset: CSV with the model's inputs (or the score column), the outcome and optional group: columns; - reads standard input.", mustExist: true, required: true, standardStream: true);
        var scoreColumn = new Option<string?>("--score-column") { Description = "Evaluate a score that is already a column of the dataset instead of a model." };
        var output = PathOptions.Output("--out", "-o", "Folder to write report.json, report.md and report.html (with plots) to; each plot also as figures/NN-name.png and .svg.");
        var format = new Option<string>("--format", "-f") { Description = "What to print on stdout: text (a compact summary), json, markdown or html.", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong(EvaluationCli.Formats);
        var outcome = new Option<string>("--outcome") { Description = "Name of the outcome column (values 0 or 1).", DefaultValueFactory = _ => EvaluationOptions.Default.OutcomeColumn };
        var seed = new Option<int>("--seed") { Description = "Seed of every bootstrap; the same seed gives the same report.", DefaultValueFactory = _ => EvaluationOptions.Default.Seed };
        var bootstrap = new Option<int>("--bootstrap") { Description = "Bootstrap resamples for intervals without a closed form (NND, NSD, PR-AUC, the ROC curve's confidence band); 0 = none.", DefaultValueFactory = _ => EvaluationOptions.Default.BootstrapResamples };
        var validate = new Option<int>("--validate-bootstrap") { HelpName = "B", Description = "Optimism bootstrap (Harrell's validate) of the score's logistic recalibration with this many resamples (1–2000): apparent, optimism and corrected AUC, calibration slope and intercept, Brier score; 0 = none.", DefaultValueFactory = _ => 0 };
        var cutoffs = new Option<double[]>("--cutoff") { Description = "Score cut-off(s) for the cut-off table (flagged when score ≥ cut-off); repeat or list several.", AllowMultipleArgumentsPerToken = true, DefaultValueFactory = _ => [] };
        var probability = new Option<bool>("--probability") { Description = "With --score-column: the column is a predicted probability, so Brier score and calibration are computed (values must lie in [0, 1])." };
        var partialAuc = PartialAucOption.Range();
        var partialAucFocus = PartialAucOption.Focus();
        var skip = new Option<bool>("--skip-bad-rows") { Description = "Skip and count bad rows instead of stopping at the first one." };
        var time = new Option<string?>("--time") { Description = "Follow-up time column (a number ≥ 0, e.g. days): adds Kaplan-Meier curves per level with the log-rank test, Harrell's and Uno's C and the time-dependent AUC; the outcome is then the event indicator (1 = event at that time, 0 = censored)." };
        var horizon = new Option<double?>("--horizon") { Description = "With --time: the horizon τ of Uno's C and the time-dependent AUC, in the time column's unit (default: the 75th percentile of the event times)." };
        var command = new Command(Name, """
            Evaluate a model package on an anonymized dataset with known outcomes, the way the threat-assessment
            literature does: AUC with DeLong CI, ROC and precision-recall curves, sensitivity, specificity, PPV, NPV,
            NND and NSD at every level (base rate stated), calibration when the score is a probability, and the same
            cut-off figures per group: column with the largest TPR/FPR gaps. Or evaluate a score that is already a
            column of the dataset (--score-column). With a follow-up time column (--time), also the time-to-event
            figures: Kaplan-Meier curves per level with the log-rank test, Harrell's C, Uno's C and the time-dependent
            AUC at a horizon. Prints a compact summary; --out writes report.json, report.md and report.html (plots
            embedded, readable offline). Exit code 2 on bad input (docs/evaluation.md).

            Example:
              tma evaluate --model models/warning-behaviours-triage --data data.csv --out report
              tma evaluate --data scored.csv --score-column risk --cutoff 0.3 0.5 --probability --format json
              tma evaluate --model models/workplace-violence-screening --data followup.csv --time time --horizon 365 --out report
            """);
        foreach (var option in new Option[] { model, data, scoreColumn, output, format, outcome, seed, bootstrap, validate, cutoffs, probability, partialAuc, partialAucFocus, skip, time, horizon })
        {
            command.Options.Add(option);
        }

        command.SetAction(parse =>
        {
            var error = parse.InvocationConfiguration.Error;
            var stdout = parse.InvocationConfiguration.Output;
            var modelPath = parse.GetValue(model);
            var column = parse.GetValue(scoreColumn);
            var dataPath = parse.GetValue(data)!;
            var problems = new List<string>();
            if ((modelPath is null) == (column is null))
            {
                problems.Add("give either --model <package> or --score-column <name>, not both and not neither");
            }

            if (modelPath is not null && parse.GetValue(probability))
            {
                problems.Add("--probability applies to --score-column; a model says itself whether its score is a probability");
            }

            // The evaluator opens the file by path (twice for some models): standard input is copied to a temporary file first.
            using var stdin = dataPath.IsStandardStream ? StandardInput.Copy(input) : null;
            var dataFile = stdin?.Path ?? dataPath.Full;
            using var progress = ConsoleProgress.ForTerminal(error, Name, dataFile);
            var options = EvaluationCli.Options(parse.GetValue(outcome)!, parse.GetValue(seed), parse.GetValue(bootstrap), parse.GetValue(cutoffs) ?? [], parse.GetValue(probability), parse.GetValue(skip), progress) with { ValidationResamples = parse.GetValue(validate), TimeColumn = parse.GetValue(time), Horizon = parse.GetValue(horizon) };
            options = PartialAucOption.Apply(options, parse.GetValue(partialAuc)!, parse.GetValue(partialAucFocus)!, problems);
            problems.AddRange(options.Validate());
            if (problems.Count > 0)
            {
                return EvaluationCli.Fail(Name, error, problems);
            }

            Tma.Models.Diagnostics.LoadResult<EvaluationReport> result;
            if (modelPath is not null)
            {
                var package = EvaluationCli.LoadPackage(Name, modelPath, error);
                if (package is null)
                {
                    return ExitCodes.BadInput;
                }

                result = Evaluator.Evaluate(dataFile, package, options);
            }
            else
            {
                result = Evaluator.EvaluateScoreColumn(dataFile, column!, options);
            }

            if (result.Value is not { } report)
            {
                return EvaluationCli.Fail(Name, error, result.Diagnostics, $"cannot evaluate {dataPath}", stdin);
            }

            progress?.Phase("writing the report…");
            var json = ReportJson.Serialize(report);
            progress?.Dispose();
            return EvaluationCli.Emit(Name, parse.GetValue(output), parse.GetValue(format), json, withPlots => EvaluationDocument.Build(report, withPlots), TextSummary.Evaluation(report), EvaluationDocument.Advisory, stdout, error);
        });
        return command;
    }
}
