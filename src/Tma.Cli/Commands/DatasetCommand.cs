using System.CommandLine;
using System.Globalization;
using Tma.Cli.Reports;
using Tma.Models.Packaging;
using Tma.Research.Datasets;

namespace Tma.Cli.Commands;

/// <summary><c>tma dataset check &lt;csv&gt; --model &lt;package&gt;</c>: checks an anonymized dataset against a model.</summary>
internal static class DatasetCommand
{
    public static Command Create(TextReader input)
    {
        var command = new Command("dataset", """
            Work with anonymized datasets (docs/datasets.md).

            Example:
              tma dataset check data.csv --model models/warning-behaviours-triage
            """);
        command.Subcommands.Add(CreateCheck(input));
        return command;
    }

    private static Command CreateCheck(TextReader input)
    {
        var file = PathOptions.FileArgument("csv", "The dataset: CSV (RFC 4180, UTF-8) with a header row; - reads standard input.", mustExist: true, standardStream: true);
        var model = PathOptions.FileOrFolder("--model", "-m", "Model package folder or its model.yaml whose inputs the columns name.", mustExist: true, required: true);
        var outcome = new Option<string>("--outcome") { Description = "Name of the outcome column (values 0 or 1).", DefaultValueFactory = _ => DatasetReadOptions.Default.OutcomeColumn };
        var key = new Option<string>("--key") { Description = "Name of the optional case-key column (never a feature).", DefaultValueFactory = _ => DatasetReadOptions.Default.KeyColumn };
        var skip = new Option<bool>("--skip-bad-rows") { Description = "Skip and count bad rows instead of stopping at the first one." };
        var format = new Option<string>("--format", "-f") { Description = "What to print on stdout: text (a summary) or json (one document with the figures, refused columns and located problems).", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        var command = new Command("check", """
            Check a dataset against a model: row count, outcome base rate, missing values per input. Refuses
            columns that look like direct identifiers (names, e-mail addresses, phone numbers, free text) and
            stops at the first bad row with its file, line and column. Exit code 2 when the dataset is refused.

            Example:
              tma dataset check data.csv --model models/warning-behaviours-triage
              tma dataset check export.csv -m models/bullying-naqr --outcome escalated --key pseudonym --skip-bad-rows
              tma synth -m models/bullying-naqr --rows 1000 --seed 1 -o - | tma dataset check - -m models/bullying-naqr
            """);
        command.Arguments.Add(file);
        command.Options.Add(model);
        command.Options.Add(outcome);
        command.Options.Add(key);
        command.Options.Add(skip);
        command.Options.Add(format);
        command.SetAction(parse =>
        {
            var options = new DatasetReadOptions { OutcomeColumn = parse.GetValue(outcome)!, KeyColumn = parse.GetValue(key)!, SkipBadRows = parse.GetValue(skip) };
            var path = parse.GetValue(file)!;
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;

            // `-`: the reader opens files, so standard input is read from a temporary copy, named <stdin> in every message.
            using var stdin = path.IsStandardStream ? StandardInput.Copy(input) : null;
            if (stdin is not null)
            {
                path = new CommandLinePath(stdin.Path, StandardInput.Label);
                output = new RelabellingWriter(output, stdin);
                error = new RelabellingWriter(error, stdin);
            }

            return parse.GetValue(format) == "json"
                ? RunJson(path, parse.GetValue(model)!, options, output)
                : Run(path, parse.GetValue(model)!, options, output, error);
        });
        return command;
    }

    private static int RunJson(CommandLinePath path, CommandLinePath modelPath, DatasetReadOptions options, TextWriter output)
    {
        var package = ModelPackage.Load(modelPath.Full);
        if (package.Value is null)
        {
            output.Write(ReportJson.Serialize(new DatasetCheckDocument(false, path.Given, null, null, null, 0, 0, 0, null, [], [], [], [.. package.Diagnostics.Select(CheckJson.Of)])));
            return ExitCodes.BadInput;
        }

        var definition = package.Value.Definition;
        var result = DatasetCheck.Run(path.Full, definition, options);
        output.Write(ReportJson.Serialize(new DatasetCheckDocument(
            result.Succeeded,
            path.Given,
            result.Fingerprint,
            definition.Id,
            definition.Version.ToString(),
            result.Rows,
            result.BadRows,
            result.Positives,
            result.Rows > 0 ? result.BaseRate : null,
            result.GroupNames,
            [.. result.MissingPerInput.Select(p => new MissingDocument(p.Key, p.Value, result.Rows == 0 ? null : (double)p.Value / result.Rows))],
            [.. result.RefusedColumns.Select(r => new RefusedDocument(r.Column, r.ColumnNumber, r.Reason))],
            [.. result.Diagnostics.Select(CheckJson.Of)])));
        return result.Succeeded ? ExitCodes.Ok : ExitCodes.BadInput;
    }

    private sealed record DatasetCheckDocument(
        bool Accepted,
        string Dataset,
        string? Fingerprint,
        string? Model,
        string? ModelVersion,
        int Rows,
        int BadRows,
        int Positives,
        double? BaseRate,
        IReadOnlyList<string> Groups,
        IReadOnlyList<MissingDocument> MissingPerInput,
        IReadOnlyList<RefusedDocument> RefusedColumns,
        IReadOnlyList<DiagnosticDocument> Diagnostics);

    private sealed record MissingDocument(string Input, int Missing, double? Share);

    private sealed record RefusedDocument(string Column, int ColumnNumber, string Reason);

    private static int Run(CommandLinePath path, CommandLinePath modelPath, DatasetReadOptions options, TextWriter output, TextWriter error)
    {
        var package = ModelPackage.Load(modelPath.Full);
        if (package.Value is null)
        {
            foreach (var diagnostic in package.Diagnostics)
            {
                error.WriteLine(diagnostic);
            }

            error.WriteLine($"tma dataset check: the model package {modelPath} has errors (run `tma validate {modelPath}`)");
            return ExitCodes.BadInput;
        }

        var definition = package.Value.Definition;
        var result = DatasetCheck.Run(path.Full, definition, options);
        foreach (var refused in result.RefusedColumns)
        {
            error.WriteLine($"{path.Full}:1:{refused.ColumnNumber.ToString(CultureInfo.InvariantCulture)}: error {DatasetDiagnosticCodes.IdentifierColumn}: column `{refused.Column}` looks like a direct identifier: {refused.Reason}; remove it, anonymized means anonymized");
        }

        foreach (var diagnostic in result.Diagnostics)
        {
            error.WriteLine(diagnostic);
        }

        if (result.RefusedColumns.Count > 0)
        {
            error.WriteLine($"tma dataset check: refused {result.RefusedColumns.Count.ToString(CultureInfo.InvariantCulture)} column(s) that look like direct identifiers");
            return ExitCodes.BadInput;
        }

        if (!result.Succeeded)
        {
            error.WriteLine($"tma dataset check: {path} does not fit model {definition.Id} (use --skip-bad-rows to skip and count bad rows)");
            return ExitCodes.BadInput;
        }

        var invariant = CultureInfo.InvariantCulture;
        output.WriteLine($"dataset:     {path}");
        output.WriteLine($"fingerprint: {result.Fingerprint}");
        output.WriteLine($"model:       {definition.Id} {definition.Version}");
        output.WriteLine(string.Create(invariant, $"rows:        {result.Rows}"));
        if (result.BadRows > 0)
        {
            output.WriteLine(string.Create(invariant, $"bad rows:    {result.BadRows} skipped (the first {result.Diagnostics.Count(d => d.Severity == Models.Diagnostics.Severity.Error)} are listed above)"));
        }

        output.WriteLine(result.Rows > 0
            ? string.Create(invariant, $"base rate:   {result.BaseRate:F4} ({result.Positives} of {result.Rows} with outcome 1)")
            : "base rate:   n/a (no rows)");
        if (result.GroupNames.Count > 0)
        {
            output.WriteLine($"groups:      {string.Join(", ", result.GroupNames)}");
        }

        output.WriteLine("missing per input:");
        var width = result.MissingPerInput.Count == 0 ? 0 : result.MissingPerInput.Max(p => p.Key.Length);
        foreach (var (input, count) in result.MissingPerInput)
        {
            var share = result.Rows == 0 ? 0 : (double)count / result.Rows;
            output.WriteLine(string.Create(invariant, $"  {input.PadRight(width)}  {count,9}  {share,7:P1}"));
        }

        return ExitCodes.Ok;
    }
}
