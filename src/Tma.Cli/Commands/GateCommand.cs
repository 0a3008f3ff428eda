using System.CommandLine;
using Tma.Cli.Reports;
using Tma.Models.Packaging;
using Tma.Research.Gate;

namespace Tma.Cli.Commands;

/// <summary><c>tma gate</c>: refuses a candidate model release that is worse than the baseline it replaces.</summary>
internal static class GateCommand
{
    private const string Name = "gate";

    public static Command Create()
    {
        var candidate = PathOptions.FileOrFolder("--candidate", "-c", "The candidate package (the version to release).", mustExist: true);
        var baseline = PathOptions.FileOrFolder("--baseline", "-b", "The baseline package (the released version it replaces).", mustExist: true);
        var data = PathOptions.File("--data", "-d", "The benchmark dataset; it must fit both models (or hold both score columns).", mustExist: true, required: true);
        var policy = PathOptions.File("--policy", "-p", "The gate policy (gate.yaml): which checks, which thresholds.", mustExist: true, required: true);
        var junit = PathOptions.Output("--junit", null, "Also write the result as JUnit XML (one test case per check) to this file.");
        var markdown = PathOptions.Output("--markdown", null, "Also write the result as Markdown to this file.");
        var candidateColumn = new Option<string?>("--candidate-score-column") { Description = "Instead of packages: the dataset column holding the candidate's score." };
        var baselineColumn = new Option<string?>("--baseline-score-column") { Description = "Instead of packages: the dataset column holding the baseline's score." };
        var probability = new Option<bool>("--probability") { Description = "With score columns: both columns are predicted probabilities (enables the calibration checks)." };
        var command = new Command(Name, """
            Release gate: score the candidate and the baseline package on the same benchmark dataset and judge every
            check of the policy — minimum AUC, non-inferiority of the AUC difference on the lower limit of its DeLong
            95% CI, calibration error and slope (probabilities only), subgroup TPR/FPR gaps, PPV per band, per-case
            latency ratio, version order. Prints a table of every check; exit 0 when all pass, 1 when a check fails,
            2 on bad input (docs/releasing-models.md).

            Example:
              tma synth --model models/warning-behaviours-triage --rows 20000 --seed 20261201 --group-shift 0 --out bench.csv
              tma gate --candidate models/warning-behaviours-triage --baseline models/warning-behaviours-triage/releases/1.0.0 \
                --data bench.csv --policy models/warning-behaviours-triage/gate.yaml --junit gate.xml --markdown gate.md
            """);
        foreach (var option in new Option[] { candidate, baseline, data, policy, junit, markdown, candidateColumn, baselineColumn, probability })
        {
            command.Options.Add(option);
        }

        command.SetAction(parse =>
        {
            var error = parse.InvocationConfiguration.Error;
            var stdout = parse.InvocationConfiguration.Output;
            var candidatePath = parse.GetValue(candidate);
            var baselinePath = parse.GetValue(baseline);
            var candidateName = parse.GetValue(candidateColumn);
            var baselineName = parse.GetValue(baselineColumn);
            var dataPath = parse.GetValue(data)!;
            var byPackages = candidatePath is not null && baselinePath is not null && candidateName is null && baselineName is null;
            var byColumns = candidatePath is null && baselinePath is null && candidateName is not null && baselineName is not null;
            var problems = new List<string>();
            if (!byPackages && !byColumns)
            {
                problems.Add("give --candidate and --baseline packages, or --candidate-score-column and --baseline-score-column");
            }
            else if (byColumns && candidateName == baselineName)
            {
                problems.Add("the candidate and baseline score columns are the same column");
            }

            if (byPackages && parse.GetValue(probability))
            {
                problems.Add("--probability applies to score columns; a model says itself whether its score is a probability");
            }

            if (problems.Count > 0)
            {
                return EvaluationCli.Fail(Name, error, problems);
            }

            var rules = GatePolicy.Load(parse.GetValue(policy)!.Full);
            if (rules.Value is not { } gatePolicy)
            {
                return EvaluationCli.Fail(Name, error, rules.Diagnostics, "the gate policy has errors");
            }

            Tma.Models.Diagnostics.LoadResult<GateResult> run;
            if (byPackages)
            {
                var c = EvaluationCli.LoadPackage(Name, candidatePath!, error);
                var b = EvaluationCli.LoadPackage(Name, baselinePath!, error);
                if (c is null || b is null)
                {
                    return ExitCodes.BadInput;
                }

                run = GateRunner.Run(c, b, dataPath.Full, gatePolicy);
            }
            else
            {
                run = GateRunner.RunScoreColumns(dataPath.Full, candidateName!, baselineName!, parse.GetValue(probability), gatePolicy);
            }

            if (run.Value is not { } result)
            {
                return EvaluationCli.Fail(Name, error, run.Diagnostics, $"cannot gate on {dataPath}");
            }

            if (!TryWrite(parse.GetValue(junit), () => GateReports.JUnit(result), error) || !TryWrite(parse.GetValue(markdown), () => GateReports.Markdown(result), error))
            {
                return ExitCodes.BadInput;
            }

            stdout.Write(GateReports.Table(result));
            return result.Passed ? ExitCodes.Ok : ExitCodes.CheckFailed;
        });
        return command;
    }

    private static bool TryWrite(CommandLinePath? path, Func<string> render, TextWriter error)
    {
        if (path is null)
        {
            return true;
        }

        try
        {
            if (Path.GetDirectoryName(path.Full) is { Length: > 0 } folder)
            {
                Directory.CreateDirectory(folder);
            }

            var temporary = path.Full + ".tmp";
            File.WriteAllText(temporary, render());
            File.Move(temporary, path.Full, overwrite: true);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"{path.Full}: error {Tma.Research.Datasets.DatasetDiagnosticCodes.File}: cannot write: {ex.Message}");
            error.WriteLine($"tma {Name}: the output file could not be written");
            return false;
        }
    }
}
