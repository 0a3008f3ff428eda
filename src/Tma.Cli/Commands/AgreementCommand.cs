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
        var data = PathOptions.File("--data", "-d", "Ratings in long format: a case column, a rater column, one column per item, optionally a level column (or --wide); - reads standard input.", mustExist: true, required: true, standardStream: true);
        var model = PathOptions.FileOrFolder("--model", "-m", "Model package whose inputs, output levels and judgement rating fields order the categories (values are then level ids).", mustExist: true);
        var output = PathOptions.Output("--out", "-o", "Folder to write report.json, report.md and report.html to.");
        var format = new Option<string>("--format", "-f") { Description = "What to print on stdout: text, json, markdown or html.", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong(EvaluationCli.Formats);
        var caseColumn = new Option<string>("--case-column") { Description = "Name of the case column.", DefaultValueFactory = _ => AgreementOptions.Default.CaseColumn };
        var raterColumn = new Option<string>("--rater-column") { Description = "Name of the rater column.", DefaultValueFactory = _ => AgreementOptions.Default.RaterColumn };
        var levelColumn = new Option<string>("--level-column") { Description = "Name of the summary level column (optional in the file).", DefaultValueFactory = _ => AgreementOptions.Default.LevelColumn };
        var wide = new Option<bool>("--wide") { Description = "Wide layout: one row per case, one column per rater, the cells one item's ratings (as psych::ICC and irr::kappam.fleiss take them); a case column is used if present, else the row number." };
        var item = new Option<string>("--item") { Description = "With --wide: the item the ratings belong to (a model input, judgement rating field or the level column with --model); default the file name without extension." };
        var seed = new Option<int>("--seed") { Description = "Seed of the bootstrap of Krippendorff's α; the same seed gives the same report.", DefaultValueFactory = _ => AgreementOptions.Default.Seed };
        var bootstrap = new Option<int>("--bootstrap") { Description = "Bootstrap resamples for the interval of Krippendorff's α; 0 = none.", DefaultValueFactory = _ => AgreementOptions.Default.BootstrapResamples };
        var command = new Command(Name, """
            Inter-rater agreement of several raters coding the same cases, per item and for the summary level:
            Cohen's κ and weighted κ (linear, quadratic) for two raters with standard error, 95% CI and z test,
            Fleiss' κ with its z test and per-category κ, the six ICC forms with F tests and 95% CIs, Krippendorff's
            α (ordinal) with a seeded bootstrap CI, and Gwet's AC1 with its standard error. One row per case and
            rater (or --wide: one row per case, one column per rater); an empty cell is a missing rating. Values
            are numeric codes, or with --model the level ids of the model's inputs, its levels and its judgement
            rating fields, so the assessors' summary ratings exported by the case store (POST /v1/exports/judgements)
            are read as they are (docs/evaluation.md). Exit code 2 on bad input.

            Example:
              tma agreement --data ratings.csv --model models/warning-behaviours-triage --out agreement-report
              tma agreement --data judgements.csv --model models/workplace-violence-screening
              tma agreement --data threat.csv --wide --model models/workplace-violence-screening
              tma agreement --data codes.csv --format json --bootstrap 2000 --seed 7
            """);
        foreach (var option in new Option[] { data, model, output, format, caseColumn, raterColumn, levelColumn, wide, item, seed, bootstrap })
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
                Wide = parse.GetValue(wide),
                Item = parse.GetValue(item),

                // A case column named on the command line must be in a wide file; the default one is optional there.
                RequireCaseColumn = parse.GetResult(caseColumn) is { Implicit: false },
                Seed = parse.GetValue(seed),
                BootstrapResamples = parse.GetValue(bootstrap),
            };
            var problems = options.Validate().ToList();
            if (parse.GetValue(item) is not null && !options.Wide)
            {
                problems.Add("--item names the item of a --wide file; a long file names its items in the header");
            }

            if (problems.Count > 0)
            {
                return EvaluationCli.Fail(Name, error, problems);
            }

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
