using System.CommandLine;
using Tma.Cli.Reports;
using Tma.Research.Evaluation;

namespace Tma.Cli.Commands;

/// <summary><c>tma compare</c>: two model packages (or two score columns) on the same rows, side by side.</summary>
internal static class CompareCommand
{
    private const string Name = "compare";

    public static Command Create(TextReader input)
    {
        var models = PathOptions.FilesOrFolders("--model", "-m", "Two model packages, A then B (e.g. the released version and the candidate).", mustExist: true);
        var data = PathOptions.File("--data", "-d", "The dataset; it must fit both models (or hold both score columns); - reads standard input.", mustExist: true, required: true, standardStream: true);
        var columns = new Option<string[]>("--score-column") { Description = "Two score columns of the dataset, A then B, instead of models.", DefaultValueFactory = _ => [] };
        var output = PathOptions.Output("--out", "-o", "Folder to write report.json, report.md and report.html (with plots) to; each plot also as figures/NN-name.png and .svg.");
        var format = new Option<string>("--format", "-f") { Description = "What to print on stdout: text (a compact summary), json, markdown or html.", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong(EvaluationCli.Formats);
        var outcome = new Option<string>("--outcome") { Description = "Name of the outcome column (values 0 or 1).", DefaultValueFactory = _ => EvaluationOptions.Default.OutcomeColumn };
        var seed = new Option<int>("--seed") { Description = "Seed of every bootstrap.", DefaultValueFactory = _ => EvaluationOptions.Default.Seed };
        var bootstrap = new Option<int>("--bootstrap") { Description = "Bootstrap resamples for NND, NSD and PR-AUC intervals and the ROC bands; 0 = none.", DefaultValueFactory = _ => EvaluationOptions.Default.BootstrapResamples };
        var cutoffs = new Option<double[]>("--cutoff") { Description = "Score cut-off(s) for the cut-off tables of both.", AllowMultipleArgumentsPerToken = true, DefaultValueFactory = _ => [] };
        var probability = new Option<bool>("--probability") { Description = "With --score-column: both columns are predicted probabilities." };
        var partialAuc = PartialAucOption.Range();
        var partialAucFocus = PartialAucOption.Focus();
        var skip = new Option<bool>("--skip-bad-rows") { Description = "Skip rows that either model cannot read instead of stopping." };
        var time = new Option<string?>("--time") { Description = "Follow-up time column: each model's evaluation gets its time-to-event figures (Kaplan-Meier by level, log-rank, Harrell's and Uno's C, time-dependent AUC); the outcome is then the event indicator." };
        var horizon = new Option<double?>("--horizon") { Description = "With --time: the horizon τ of Uno's C and the time-dependent AUC (default: the 75th percentile of the event times)." };
        var command = new Command(Name, """
            Compare two models (or two score columns) on the same rows: each one's full evaluation side by side,
            DeLong's paired test of the AUC difference A − B (z, two-sided p, CI of the difference), calibration of
            each, and how the level moves from A to B (cross-table, rows up/down, net reclassification improvement).
            Exit code 2 on bad input (docs/evaluation.md).

            Example:
              tma compare --model models/wb-1.0.0 --model models/wb-1.1.0 --data data.csv --out compare-report
              tma compare --data scored.csv --score-column old_tool --score-column new_tool
            """);
        foreach (var option in new Option[] { models, data, columns, output, format, outcome, seed, bootstrap, cutoffs, probability, partialAuc, partialAucFocus, skip, time, horizon })
        {
            command.Options.Add(option);
        }

        command.SetAction(parse =>
        {
            var error = parse.InvocationConfiguration.Error;
            var stdout = parse.InvocationConfiguration.Output;
            var modelPaths = parse.GetValue(models) ?? [];
            var columnNames = parse.GetValue(columns) ?? [];
            var dataPath = parse.GetValue(data)!;
            var problems = new List<string>();
            if (!((modelPaths.Length == 2 && columnNames.Length == 0) || (modelPaths.Length == 0 && columnNames.Length == 2)))
            {
                problems.Add("give exactly two --model options or exactly two --score-column options");
            }
            else if (columnNames.Length == 2 && columnNames[0] == columnNames[1])
            {
                problems.Add("the two score columns are the same column");
            }

            if (modelPaths.Length > 0 && parse.GetValue(probability))
            {
                problems.Add("--probability applies to --score-column; a model says itself whether its score is a probability");
            }

            // Read by path (once per model): standard input is copied to a temporary file first.
            using var stdin = dataPath.IsStandardStream ? StandardInput.Copy(input) : null;
            var dataFile = stdin?.Path ?? dataPath.Full;
            using var progress = ConsoleProgress.ForTerminal(error, Name, dataFile);
            var options = EvaluationCli.Options(parse.GetValue(outcome)!, parse.GetValue(seed), parse.GetValue(bootstrap), parse.GetValue(cutoffs) ?? [], parse.GetValue(probability), parse.GetValue(skip), progress) with { TimeColumn = parse.GetValue(time), Horizon = parse.GetValue(horizon) };
            options = PartialAucOption.Apply(options, parse.GetValue(partialAuc)!, parse.GetValue(partialAucFocus)!, problems);
            problems.AddRange(options.Validate());
            if (problems.Count > 0)
            {
                return EvaluationCli.Fail(Name, error, problems);
            }

            Tma.Models.Diagnostics.LoadResult<ComparisonReport> result;
            if (modelPaths.Length == 2)
            {
                var a = EvaluationCli.LoadPackage(Name, modelPaths[0], error);
                var b = EvaluationCli.LoadPackage(Name, modelPaths[1], error);
                if (a is null || b is null)
                {
                    return ExitCodes.BadInput;
                }

                result = Evaluator.Compare(dataFile, a, b, options);
            }
            else
            {
                result = Evaluator.CompareScoreColumns(dataFile, columnNames[0], columnNames[1], options);
            }

            if (result.Value is not { } report)
            {
                return EvaluationCli.Fail(Name, error, result.Diagnostics, $"cannot compare on {dataPath}", stdin);
            }

            progress?.Phase("writing the report…");
            var json = ReportJson.Serialize(report);
            progress?.Dispose();
            return EvaluationCli.Emit(Name, parse.GetValue(output), parse.GetValue(format), json, withPlots => ComparisonDocument.Build(report, withPlots), TextSummary.Comparison(report), EvaluationDocument.Advisory, stdout, error);
        });
        return command;
    }
}
