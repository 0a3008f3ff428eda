using System.CommandLine;
using System.Globalization;
using Tma.Models.Diagnostics;
using Tma.Research.Datasets;
using Tma.Research.Evaluation.Statistics;
using Tma.Research.Training;
using Tma.Scoring.Classifiers;

namespace Tma.Cli.Commands;

/// <summary><c>tma train --spec &lt;train.yaml&gt; --data &lt;csv&gt; --out &lt;package-dir&gt;</c>: trains a classifier package.</summary>
internal static class TrainCommand
{
    public static Command Create(TextReader input)
    {
        var spec = PathOptions.File("--spec", null, "Training spec (YAML): the classifier package's model part and a `training:` section (docs/training.md).", mustExist: true, required: true);
        var data = PathOptions.File("--data", "-d", "Anonymized dataset (CSV, docs/datasets.md) with the spec's outcome column; - reads standard input.", mustExist: true, required: true, standardStream: true);
        var output = PathOptions.Output("--out", "-o", "Package folder to write model.yaml, model.zip and MODEL_CARD.md into (other files there are kept).", required: true);
        var force = new Option<bool>("--force") { Description = "Replace the package files when the folder already has a model.yaml." };
        var skip = new Option<bool>("--skip-bad-rows") { Description = "Skip and count bad dataset rows instead of stopping at the first one." };
        var validate = new Option<int>("--validate-bootstrap") { HelpName = "B", Description = "Also validate the whole training by the optimism bootstrap (Harrell's validate) with this many resamples (1–2000; each is a full training): apparent, optimism and corrected AUC, calibration slope and intercept, Brier score, written to the output and the model card; 0 = none.", DefaultValueFactory = _ => 0 };
        var command = new Command("train", """
            Train a classifier package with ML.NET: k-fold cross-validated AUC and Brier score from seeded,
            stratified folds, the final model on every row, and a complete package (model file with its
            SHA-256, model.yaml, model card with the figures). Deterministic for a fixed seed. The package is
            only as good as its data: evaluate it and pass the release gate before any real use.

            Example:
              tma synth --model models/workplace-violence-classifier --rows 20000 --seed 20261126 --out wv.csv
              tma train --spec models/workplace-violence-classifier/train.yaml --data wv.csv --out models/workplace-violence-classifier --force
            """);
        foreach (var option in new Option[] { spec, data, output, force, skip, validate })
        {
            command.Options.Add(option);
        }

        command.SetAction(parse => Run(
            parse.GetValue(spec)!,
            parse.GetValue(data)!,
            parse.GetValue(output)!,
            parse.GetValue(force),
            parse.GetValue(skip),
            parse.GetValue(validate),
            input,
            parse.InvocationConfiguration.Output,
            parse.InvocationConfiguration.Error));
        return command;
    }

    private static int Run(CommandLinePath specPath, CommandLinePath dataPath, CommandLinePath outPath, bool force, bool skipBadRows, int validationResamples, TextReader input, TextWriter output, TextWriter error)
    {
        if (validationResamples is < 0 or > OptimismBootstrap.MaxResamples)
        {
            error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"tma train: --validate-bootstrap must be 0 (off) to {OptimismBootstrap.MaxResamples}, not {validationResamples}"));
            return ExitCodes.BadInput;
        }

        // The trainer reads the dataset by path (once per fold): standard input is copied to a temporary file first,
        // and every message names it <stdin>.
        using var stdin = dataPath.IsStandardStream ? StandardInput.Copy(input) : null;
        if (stdin is not null)
        {
            output = new RelabellingWriter(output, stdin);
            error = new RelabellingWriter(error, stdin);
        }

        var spec = TrainingSpecReader.ReadFile(specPath.Full);
        if (spec.Value is null)
        {
            return Fail(error, spec.Diagnostics, $"the training spec {specPath} has errors");
        }

        var trained = ClassifierTrainer.Train(spec.Value, stdin?.Path ?? dataPath.Full, new DatasetReadOptions { SkipBadRows = skipBadRows }, validationResamples);
        if (trained.Value is not { } model)
        {
            return Fail(error, trained.Diagnostics, $"cannot train on {(stdin is null ? dataPath.Given : StandardInput.Label)}");
        }

        foreach (var warning in trained.Diagnostics)
        {
            output.WriteLine(warning);
        }

        LoadResult<Tma.Models.Packaging.ModelPackage> written;
        try
        {
            written = model.WritePackage(outPath.Full, force);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            error.WriteLine(new Diagnostic(DatasetDiagnosticCodes.File, Severity.Error, SourceLocation.WholeFile(outPath.Full), $"cannot write the package: {ex.Message}"));
            return ExitCodes.BadInput;
        }

        if (written.Value is not { } package)
        {
            return Fail(error, written.Diagnostics, $"the package was not written to {outPath}");
        }

        var e = model.Classifier.Evaluation!;
        var invariant = CultureInfo.InvariantCulture;
        output.WriteLine($"trained {package.Definition.Id} {package.Definition.Version} ({model.Classifier.Trainer.Name}, calibration {model.Classifier.Calibration.ToString().ToLowerInvariant()}, seed {model.Classifier.Seed})");
        output.WriteLine(string.Create(invariant, $"rows:             {model.Rows} ({model.Positives} with outcome 1)"));
        output.WriteLine(string.Create(invariant, $"AUC ({e.Folds}-fold CV):  {e.AucMean:F4} ± {e.AucSd:F4} (pooled out-of-fold {e.AucPooled:F4})"));
        output.WriteLine(string.Create(invariant, $"Brier score:      {e.Brier:F4}"));
        if (model.ConstantColumns.Count > 0)
        {
            output.WriteLine($"constant columns: {string.Join(", ", model.ConstantColumns)}");
        }

        if (model.Validation is { } validation)
        {
            output.WriteLine(string.Create(invariant, $"optimism bootstrap ({validation.ResamplesRequested} resamples{(validation.FailedFits > 0 ? $", {validation.FailedFits} not trainable" : "")}):"));
            output.WriteLine($"  {"index",-22} {"apparent",9} {"training",9} {"test",9} {"optimism",9} {"corrected",9} {"n",5}");
            foreach (var i in validation.Indices)
            {
                output.WriteLine(string.Create(invariant, $"  {Reports.InternalValidationSection.Label(i.Name),-22} {i.Apparent,9:F4} {i.Training,9:F4} {i.Test,9:F4} {i.Optimism,9:F4} {i.Corrected,9:F4} {i.Resamples,5}"));
            }

            foreach (var s in validation.Skipped)
            {
                output.WriteLine($"  {Reports.InternalValidationSection.Label(s.Figure)} not computed: {s.Reason}");
            }
        }

        output.WriteLine($"model file:       sha256 {model.Classifier.Sha256}");
        output.WriteLine($"package:          {outPath} {package.ContentHash}");
        output.WriteLine("Evaluate the package and pass the release gate before any use on real cases.");
        return ExitCodes.Ok;
    }

    private static int Fail(TextWriter error, IReadOnlyList<Diagnostic> diagnostics, string summary)
    {
        foreach (var diagnostic in diagnostics)
        {
            error.WriteLine(diagnostic);
        }

        error.WriteLine($"tma train: {summary}");
        return ExitCodes.BadInput;
    }
}
