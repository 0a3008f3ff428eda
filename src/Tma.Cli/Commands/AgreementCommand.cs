using System.CommandLine;
using Tma.Cli.Reports;
using Tma.Research.Evaluation;

namespace Tma.Cli.Commands;

/// <summary><c>tma agreement --data ratings.csv</c>: inter-rater agreement per item and for the summary level.</summary>
internal static class AgreementCommand
{
    private const string Name = "agreement";

    public static Command Create(TextReader input)
    {
        var data = PathOptions.File("--data", "-d", "Ratings in long format: a case column, a rater column, one column per item, optionally a level column; - reads standard input.", mustExist: true, required: true, standardStream: true);
        var model = PathOptions.FileOrFolder("--model", "-m", "Model package whose inputs, output levels and judgement rating fields order the categories (values are then level ids).", mustExist: true);
        var output = PathOptions.Output("--out", "-o", "Folder to write report.json, report.md and report.html to.");
        var format = new Option<string>("--format", "-f") { Description = "What to print on stdout: text, json, markdown or html.", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong(EvaluationCli.Formats);
        var caseColumn = new Option<string>("--case-column") { Description = "Name of the case column.", DefaultValueFactory = _ => AgreementOptions.Default.CaseColumn };
        var raterColumn = new Option<string>("--rater-column") { Description = "Name of the rater column.", DefaultValueFactory = _ => AgreementOptions.Default.RaterColumn };
        var levelColumn = new Option<string>("--level-column") { Description = "Name of the summary level column (optional in the file).", DefaultValueFactory = _ => AgreementOptions.Default.LevelColumn };
        var command = new Command(Name, """
            Inter-rater agreement of several raters coding the same cases, per item and for the summary level:
            Cohen's κ and weighted κ (linear, quadratic) for two raters, Fleiss' κ, ICC(2,1) and ICC(3,1), and
            Krippendorff's α (ordinal). One row per case and rater; an empty cell is a missing rating. Values are
            numeric codes, or with --model the level ids of the model's inputs, its levels and its judgement rating
            fields, so the assessors' summary ratings exported by the case store (POST /v1/exports/judgements) are
            read as they are (docs/evaluation.md). Exit code 2 on bad input.

            Example:
              tma agreement --data ratings.csv --model models/warning-behaviours-triage --out agreement-report
              tma agreement --data judgements.csv --model models/workplace-violence-screening
              tma agreement --data codes.csv --format json
            """);
        foreach (var option in new Option[] { data, model, output, format, caseColumn, raterColumn, levelColumn })
        {
            command.Options.Add(option);
        }

        command.SetAction(parse =>
        {
            var error = parse.InvocationConfiguration.Error;
            var stdout = parse.InvocationConfiguration.Output;
            var dataPath = parse.GetValue(data)!;
            Tma.Models.Packaging.ModelPackage? package = null;
            if (parse.GetValue(model) is { } modelPath)
            {
                package = EvaluationCli.LoadPackage(Name, modelPath, error);
                if (package is null)
                {
                    return ExitCodes.BadInput;
                }
            }

            var options = new AgreementOptions
            {
                CaseColumn = parse.GetValue(caseColumn)!,
                RaterColumn = parse.GetValue(raterColumn)!,
                LevelColumn = parse.GetValue(levelColumn)!,
                ToolVersion = EvaluationCli.ToolVersion,
            };
            // The evaluator opens the file by path: standard input is copied to a temporary file first.
            using var stdin = dataPath.IsStandardStream ? StandardInput.Copy(input) : null;
            var result = AgreementEvaluator.Evaluate(stdin?.Path ?? dataPath.Full, package, options);
            if (result.Value is not { } report)
            {
                return EvaluationCli.Fail(Name, error, result.Diagnostics, $"cannot compute agreement from {(stdin is null ? dataPath.Given : StandardInput.Label)}", stdin);
            }

            var json = ReportJson.Serialize(report);
            var document = AgreementDocument.Build(report);
            return EvaluationCli.Emit(Name, parse.GetValue(output), parse.GetValue(format), json, _ => document, TextSummary.Agreement(report), advisory: null, stdout, error);
        });
        return command;
    }
}
