using System.CommandLine;
using Tma.Cli.Reports;
using Tma.Models.Packaging;
using Tma.Research.Gate;

namespace Tma.Cli.Commands;

/// <summary><c>tma gate</c>: refuses a candidate model release that is worse than the baseline it replaces.</summary>
internal static class GateCommand
{
    private const string Name = "gate";

    /// <summary>Creates the command.</summary>
    /// <param name="input">What <c>--data -</c> reads; <see cref="TextReader.Null"/> when null.</param>
    /// <param name="time">The clock of the reports' timestamp and duration; the system clock by default.</param>
    public static Command Create(TextReader? input = null, TimeProvider? time = null)
    {
        var clock = time ?? TimeProvider.System;
        var candidate = PathOptions.FileOrFolder("--candidate", "-c", "The candidate package (the version to release): its folder, its model.yaml, or a .tmapkg archive.", mustExist: true);
        var baseline = PathOptions.FileOrFolder("--baseline", "-b", "The baseline package (the released version it replaces): its folder, its model.yaml, or a .tmapkg archive.", mustExist: true);
        var data = PathOptions.File("--data", "-d", "The benchmark dataset; it must fit both models (or hold both score columns); - reads standard input.", mustExist: true, required: true, standardStream: true);
        var policy = PathOptions.File("--policy", "-p", "The gate policy (gate.yaml): which checks, which thresholds.", mustExist: true, required: true);
        var trusted = PathOptions.Files("--trusted-key", null, "Trusted public key (<name>.public.pem): an archive with <archive>.sig next to it must carry a valid signature by one of them; repeat for several keys. Without it, signatures are not checked (the report says so).", mustExist: true);
        trusted.AllowMultipleArgumentsPerToken = true;
        var junit = PathOptions.Output("--junit", null, "Also write the result as JUnit XML (one test case per check) to this file; on bad input, one test case with the error.");
        var markdown = PathOptions.Output("--markdown", null, "Also write the result as Markdown to this file; on bad input, the error.");
        var candidateColumn = new Option<string?>("--candidate-score-column") { Description = "Instead of packages: the dataset column holding the candidate's score." };
        var baselineColumn = new Option<string?>("--baseline-score-column") { Description = "Instead of packages: the dataset column holding the baseline's score." };
        var probability = new Option<bool>("--probability") { Description = "With score columns: both columns are predicted probabilities (enables the calibration checks)." };
        var format = new Option<string>("--format", "-f") { Description = "What to print on stdout: text (the table) or json (one document with the outcome, every check and, on bad input, the problems).", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        var command = new Command(Name, """
            Release gate: score the candidate and the baseline package on the same benchmark dataset and judge every
            check of the policy — minimum AUC, non-inferiority of the AUC difference on the lower limit of its DeLong
            95% CI, calibration error and slope (probabilities only), subgroup TPR/FPR gaps, PPV per band, per-case
            latency ratio, version order. A package is a folder or a .tmapkg archive (its signature checked with
            --trusted-key). Prints a table of every check (with --format json, one JSON document); exit 0 when all
            pass, 1 when a check fails, 2 on bad input or a usage error, which --junit, --markdown and --format json
            report as an error (docs/releasing-models.md).

            Example:
              tma synth --model models/warning-behaviours-triage --rows 20000 --seed 20261201 --group-shift 0 --out bench.csv
              tma gate --candidate models/warning-behaviours-triage --baseline dist/warning-behaviours-triage-1.0.0.tmapkg \
                --trusted-key keys/release.public.pem --data bench.csv --policy models/warning-behaviours-triage/gate.yaml \
                --junit gate.xml --markdown gate.md
            """);
        foreach (var option in new Option[] { candidate, baseline, data, policy, trusted, junit, markdown, candidateColumn, baselineColumn, probability, format })
        {
            command.Options.Add(option);
        }

        command.SetAction(parse =>
        {
            var run = new Run(clock, parse.GetValue(junit), parse.GetValue(markdown), parse.GetValue(format) == "json" ? parse.InvocationConfiguration.Output : null, parse.InvocationConfiguration.Error);
            return Execute(run, input ?? TextReader.Null, new Inputs(
                parse.GetValue(candidate),
                parse.GetValue(baseline),
                parse.GetValue(candidateColumn),
                parse.GetValue(baselineColumn),
                parse.GetValue(probability),
                parse.GetValue(data)!,
                parse.GetValue(policy)!,
                parse.GetValue(trusted) ?? []), parse.InvocationConfiguration.Output);
        });
        return command;
    }

    /// <summary>
    /// A usage error (a missing <c>--policy</c>, a misspelt option) ends the gate before it runs, like bad input: CI still
    /// gets its JUnit/Markdown report with one error case, and the JSON document when <c>--format json</c> was given, so
    /// a broken pipeline line shows as an error in the test report instead of a missing or stale file.
    /// </summary>
    public static void ReportUsageError(ParseResult parse, TextWriter stdout)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var junit = Given<CommandLinePath?>(parse, "--junit");
        var markdown = Given<CommandLinePath?>(parse, "--markdown");
        var json = Given<string?>(parse, "--format") == "json" ? stdout : null;
        var run = new Run(TimeProvider.System, junit, markdown, json, TextWriter.Null);
        run.BadInput([.. parse.Errors.Select(e => e.Message)], [$"usage error; run `tma {Name} --help`"]);
    }

    private static T? Given<T>(ParseResult parse, string option)
    {
        // The option itself may be what failed to parse; then there is nothing to write to.
        try
        {
            return parse.GetValue<T>(option);
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException)
        {
            return default;
        }
    }

    private static int Execute(Run run, TextReader input, Inputs inputs, TextWriter stdout)
    {
        var byPackages = inputs.Candidate is not null && inputs.Baseline is not null && inputs.CandidateColumn is null && inputs.BaselineColumn is null;
        var byColumns = inputs.Candidate is null && inputs.Baseline is null && inputs.CandidateColumn is not null && inputs.BaselineColumn is not null;
        var problems = new List<string>();
        if (!byPackages && !byColumns)
        {
            problems.Add("give --candidate and --baseline packages, or --candidate-score-column and --baseline-score-column");
        }
        else if (byColumns && inputs.CandidateColumn == inputs.BaselineColumn)
        {
            problems.Add("the candidate and baseline score columns are the same column");
        }

        if (byPackages && inputs.Probability)
        {
            problems.Add("--probability applies to score columns; a model says itself whether its score is a probability");
        }

        if (byColumns && inputs.TrustedKeys.Length > 0)
        {
            problems.Add("--trusted-key applies to package archives; score columns have no signature");
        }

        if (problems.Count > 0)
        {
            return run.BadInput([], problems);
        }

        var keys = new List<TrustedKey>();
        foreach (var keyPath in inputs.TrustedKeys)
        {
            try
            {
                keys.Add(TrustedKey.FromPemFile(keyPath.Full));
            }
            catch (Exception ex) when (ex is FormatException or IOException or UnauthorizedAccessException)
            {
                return run.BadInput([$"{keyPath.Full}: {(ex is FormatException ? ex.Message : "cannot be read: " + ex.Message)}"], [$"the trusted key {keyPath} cannot be used"]);
            }
        }

        var rules = GatePolicy.Load(inputs.Policy.Full);
        if (rules.Value is not { } gatePolicy)
        {
            var unreadable = rules.Diagnostics.Any(d => d.Code == Tma.Models.Diagnostics.DiagnosticCodes.FileUnreadable);
            return run.BadInput(Lines(rules.Diagnostics), [unreadable ? "the gate policy cannot be read" : "the gate policy has errors"]);
        }

        // The runner reads the dataset by path (once per model): standard input is copied to a temporary file first,
        // and every message names it <stdin>.
        using var stdin = inputs.Data.IsStandardStream ? StandardInput.Copy(input) : null;
        var dataFile = stdin?.Path ?? inputs.Data.Full;
        Tma.Models.Diagnostics.LoadResult<GateResult> gated;
        if (byPackages)
        {
            var c = PackageInput.Load("candidate", inputs.Candidate!, keys);
            var b = PackageInput.Load("baseline", inputs.Baseline!, keys);
            using var candidatePackage = c.Input;
            using var baselinePackage = b.Input;
            run.CandidateSource = c.Input?.Source;
            run.BaselineSource = b.Input?.Source;
            if (candidatePackage is null || baselinePackage is null)
            {
                return run.BadInput([.. c.Problems, .. b.Problems], [.. new[] { c.Summary, b.Summary }.OfType<string>()]);
            }

            // Scored (and timed) while the extracted archives still exist; they are deleted when this block ends.
            gated = GateRunner.Run(candidatePackage.Package, baselinePackage.Package, dataFile, gatePolicy);
        }
        else
        {
            gated = GateRunner.RunScoreColumns(dataFile, inputs.CandidateColumn!, inputs.BaselineColumn!, inputs.Probability, gatePolicy);
        }

        if (gated.Value is not { } result)
        {
            return run.BadInput([.. Lines(gated.Diagnostics).Select(line => stdin?.Relabel(line) ?? line)], [$"cannot gate on {(stdin is null ? inputs.Data.Given : StandardInput.Label)}"]);
        }

        if (!run.Write(result))
        {
            run.Json?.Write(GateJson.Error("a report file could not be written", [], run.Report()));
            return ExitCodes.BadInput;
        }

        stdout.Write(run.Json is not null ? GateJson.Result(result, run.Report()) : GateReports.Table(result, run.Report()));
        return result.Passed ? ExitCodes.Ok : ExitCodes.CheckFailed;
    }

    private static string[] Lines(IEnumerable<Tma.Models.Diagnostics.Diagnostic> diagnostics) => [.. diagnostics.Select(d => d.ToString())];

    private sealed record Inputs(
        CommandLinePath? Candidate,
        CommandLinePath? Baseline,
        string? CandidateColumn,
        string? BaselineColumn,
        bool Probability,
        CommandLinePath Data,
        CommandLinePath Policy,
        CommandLinePath[] TrustedKeys);

    /// <summary>One invocation: its clock, its report files and its error stream; every way it ends goes through here.</summary>
    private sealed class Run(TimeProvider time, CommandLinePath? junit, CommandLinePath? markdown, TextWriter? json, TextWriter error)
    {
        /// <summary>Stdout when <c>--format json</c> was asked for: the result or the error goes there as one document.</summary>
        public TextWriter? Json => json;

        private readonly DateTimeOffset _started = time.GetUtcNow();
        private readonly long _timestamp = time.GetTimestamp();

        public string? CandidateSource { get; set; }

        public string? BaselineSource { get; set; }

        public GateRun Report() => new(_started, time.GetElapsedTime(_timestamp), EvaluationCli.ToolVersion) { CandidateSource = CandidateSource, BaselineSource = BaselineSource };

        /// <summary>
        /// Bad input: every located problem and summary on stderr, the error into the JUnit and Markdown files when
        /// asked (so CI shows an error, not a missing or stale report), exit 2.
        /// </summary>
        public int BadInput(IReadOnlyList<string> located, IReadOnlyList<string> summaries)
        {
            foreach (var line in located)
            {
                error.WriteLine(line);
            }

            foreach (var summary in summaries)
            {
                error.WriteLine($"tma {Name}: {summary}");
            }

            var report = Report();
            var what = string.Join("; ", summaries);
            TryWrite(junit, () => GateReports.JUnitError(what, located, report));
            TryWrite(markdown, () => GateReports.MarkdownError(what, located));
            json?.Write(GateJson.Error(what, located, report));
            return ExitCodes.BadInput;
        }

        /// <summary>Writes the reports of a result that was judged; false (said on stderr) when a file cannot be written.</summary>
        public bool Write(GateResult result)
        {
            var report = Report();
            return TryWrite(junit, () => GateReports.JUnit(result, report)) & TryWrite(markdown, () => GateReports.Markdown(result, report));
        }

        private bool TryWrite(CommandLinePath? path, Func<string> render)
        {
            if (path is null)
            {
                return true;
            }

            try
            {
                ReportFolder.WriteFile(path.Full, render());
                return true;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                error.WriteLine($"{path.Full}: error {Tma.Research.Datasets.DatasetDiagnosticCodes.File}: cannot write: {ex.Message}");
                error.WriteLine($"tma {Name}: the output file {path} could not be written");
                return false;
            }
        }
    }
}
