using System.CommandLine;
using System.Globalization;
using System.Text;
using Tma.Cli.Prediction;
using Tma.Models.Diagnostics;
using Tma.Models.Packaging;
using Tma.Research.Datasets;
using Tma.Scoring;
using Tma.Scoring.Assessments;
using Tma.Scoring.Classifiers;

namespace Tma.Cli.Commands;

/// <summary><c>tma predict</c>: one prediction per dataset row (score, probability, level, conclusion, indicators, engine) as CSV or Parquet.</summary>
internal static class PredictCommand
{
    private const string Name = "predict";
    private static readonly string[] Formats = ["csv", "parquet"];

    public static Command Create(TextReader input)
    {
        var model = PathOptions.FileOrFolder("--model", "-m", "Model package folder or its model.yaml to score every row with.", mustExist: true, required: true);
        var data = PathOptions.File("--data", "-d", "The dataset: CSV with the model's inputs (docs/datasets.md); an outcome column is optional and not copied; - reads standard input.", mustExist: true, required: true, standardStream: true);
        var output = PathOptions.Output("--out", "-o", "File to write: .csv or .parquet; - writes CSV to standard output.", required: true, folderMustExist: true, standardStream: true);
        var format = new Option<string?>("--format", "-f") { Description = "csv or parquet; default from the --out extension (csv for - and unknown extensions)." };
        format.AcceptOnlyFromAmong(Formats);
        var key = new Option<string>("--key") { Description = "Name of the case-key column copied to the output (no other input column is).", DefaultValueFactory = _ => DatasetReadOptions.Default.KeyColumn };
        var outcome = new Option<string>("--outcome") { Description = "Name of the outcome column, when the dataset has one (checked: values 0 or 1; never copied).", DefaultValueFactory = _ => DatasetReadOptions.Default.OutcomeColumn };
        var skip = new Option<bool>("--skip-bad-rows") { Description = "Skip and count bad rows instead of stopping at the first one." };
        var command = new Command(Name, """
            Score every row of an anonymized dataset and write one prediction per row, to continue in R or Python:
            the case key (when the dataset has one), row, score, probability (classifiers), level, conclusion, valid,
            indicators (fired ids, ;-joined) and engine. No other input column is copied. CSV (RFC 4180, invariant
            culture, round-trip numbers) or Parquet; rows stream, so memory stays flat. The output appears only when
            every row was read (written to a temporary file, then renamed). Exit code 2 on bad input, located.

            Example:
              tma predict --model models/warning-behaviours-triage --data data.csv --out predictions.parquet
              tma synth -m models/warning-behaviours-triage -n 100 -s 1 -o - | tma predict -m models/warning-behaviours-triage -d - -o -
            """);
        foreach (var option in new Option[] { model, data, output, format, key, outcome, skip })
        {
            command.Options.Add(option);
        }

        command.SetAction(parse => Run(
            parse.GetValue(model)!,
            parse.GetValue(data)!,
            parse.GetValue(output)!,
            parse.GetValue(format),
            new DatasetReadOptions { KeyColumn = parse.GetValue(key)!, OutcomeColumn = parse.GetValue(outcome)!, OutcomeOptional = true, SkipBadRows = parse.GetValue(skip) },
            input,
            parse.InvocationConfiguration.Output,
            parse.InvocationConfiguration.Error));
        return command;
    }

    private static int Run(CommandLinePath modelPath, CommandLinePath dataPath, CommandLinePath outPath, string? format, DatasetReadOptions options, TextReader input, TextWriter stdout, TextWriter error)
    {
        var kind = format ?? (Path.GetExtension(outPath.Full).Equals(".parquet", StringComparison.OrdinalIgnoreCase) ? "parquet" : "csv");
        if (kind == "parquet" && outPath.IsStandardStream)
        {
            error.WriteLine($"tma {Name}: Parquet cannot be written to standard output (its footer needs a file); give --out <file>.parquet, or CSV for -");
            return ExitCodes.BadInput;
        }

        var package = EvaluationCli.LoadPackage(Name, modelPath, error);
        if (package is null)
        {
            return ExitCodes.BadInput;
        }

        IRiskModel compiled;
        try
        {
            compiled = RiskModelCompiler.Compile(package, options: RiskModelOptions.Default.WithClassifiers());
        }
        catch (Exception ex) when (ex is NotSupportedException or InvalidOperationException or IOException or ModelLoadException)
        {
            error.WriteLine($"tma {Name}: model `{package.Definition.Id}` {package.Definition.Version} cannot be scored by this engine: {ex.Message}");
            return ExitCodes.BadInput;
        }

        using var stdin = dataPath.IsStandardStream ? StandardInput.Copy(input) : null;
        string Label(object message) => stdin?.Relabel(message.ToString()!) ?? message.ToString()!;
        var opened = DatasetReader.Open(stdin?.Path ?? dataPath.Full, compiled.Definition, options);
        if (opened.Value is not { } reader)
        {
            foreach (var diagnostic in opened.Diagnostics)
            {
                error.WriteLine(Label(diagnostic));
            }

            error.WriteLine($"tma {Name}: cannot read {dataPath}");
            return ExitCodes.BadInput;
        }

        using (reader)
        {
            var key = reader.Header.HasKey ? options.KeyColumn : null;
            var summary = outPath.IsStandardStream
                ? Write(reader, compiled, new CsvPredictionWriter(new BufferedTextWriter(stdout), key, leaveOpen: false))
                : WriteFile(outPath.Full, kind, stream => kind == "parquet"
                    ? new ParquetPredictionWriter(stream, key, Metadata(compiled.Reference))
                    : new CsvPredictionWriter(new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 1 << 16), key, leaveOpen: false),
                    writer => Write(reader, compiled, writer));
            foreach (var diagnostic in summary.Errors)
            {
                error.WriteLine(Label(diagnostic));
            }

            if (summary.Stopped)
            {
                error.WriteLine($"tma {Name}: stopped at a bad row of {dataPath}; nothing was written (--skip-bad-rows skips and counts bad rows)");
                return ExitCodes.BadInput;
            }

            var reference = compiled.Reference;
            error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"tma {Name}: {summary.Rows} rows predicted by {reference.Id} {reference.Version} ({reference.ContentHash}) to {outPath}") +
                (summary.BadRows > 0 ? string.Create(CultureInfo.InvariantCulture, $"; {summary.BadRows} bad rows skipped") : ""));
            return ExitCodes.Ok;
        }
    }

    private static Predictor.Summary Write(DatasetReader reader, IRiskModel model, IPredictionWriter writer)
    {
        using (writer)
        {
            var summary = Predictor.Run(reader, model, writer);
            if (!summary.Stopped)
            {
                writer.Complete();
            }

            return summary;
        }
    }

    // Nothing half-written: the rows go to a temporary file next to the output, renamed over it only when complete.
    private static Predictor.Summary WriteFile(string path, string kind, Func<Stream, IPredictionWriter> open, Func<IPredictionWriter, Predictor.Summary> write)
    {
        var temporary = path + ".tmp-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        try
        {
            Predictor.Summary summary;
            using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16))
            {
                summary = write(open(stream));
            }

            if (!summary.Stopped)
            {
                File.Move(temporary, path, overwrite: true);
            }

            return summary;
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }

    private static Dictionary<string, string> Metadata(ModelReference model) => new(StringComparer.Ordinal)
    {
        ["tma.model.id"] = model.Id,
        ["tma.model.version"] = model.Version,
        ["tma.model.contentHash"] = model.ContentHash,
    };
}
