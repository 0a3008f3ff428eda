using System.CommandLine;
using System.Globalization;
using Tma.Models.Diagnostics;
using Tma.Models.Packaging;
using Tma.Research.Datasets;
using Tma.Research.Synthesis;

namespace Tma.Cli.Commands;

/// <summary><c>tma synth --model &lt;package&gt; --rows N --seed S --out data.csv</c>: synthetic data with known truth.</summary>
internal static class SynthCommand
{
    public static Command Create()
    {
        var defaults = new SyntheticOptions();
        var model = PathOptions.FileOrFolder("--model", "-m", "Model package folder or its model.yaml whose inputs are generated.", mustExist: true, required: true);
        var rows = new Option<int>("--rows", "-n") { Description = "Number of rows.", Required = true };
        var seed = new Option<int>("--seed", "-s") { Description = "Random seed; the same seed gives a byte-identical file.", Required = true };
        var output = PathOptions.Output("--out", "-o", "CSV file to write; the truth goes to <out>.truth.json. - writes the CSV to standard output and the truth summary to standard error.", required: true, standardStream: true);
        var baseRate = new Option<double>("--base-rate") { Description = "Target share of outcome 1.", DefaultValueFactory = _ => defaults.BaseRate };
        var beta = new Option<double>("--beta") { Description = "Slope of the outcome's log-odds in the latent risk θ.", DefaultValueFactory = _ => defaults.Beta };
        var groupShift = new Option<double>("--group-shift") { Description = "Shift of θ in the last site of group:site.", DefaultValueFactory = _ => defaults.GroupShift };
        var groups = new Option<int>("--groups") { Description = "Number of sites in group:site (2 or 3).", DefaultValueFactory = _ => defaults.GroupCount };
        var followUp = new Option<double?>("--follow-up") { Description = "Also write a follow-up time column `time` for time-to-event evaluation (tma evaluate --time time): event rows get an exponential event time within this window, the others are censored at its end." };
        var missing = new Option<double>("--missing") { Description = "Probability that an input cell is empty (missing completely at random).", DefaultValueFactory = _ => defaults.MissingRate };
        var command = new Command("synth", """
            Generate a synthetic dataset for a model from a documented latent-risk process (docs/datasets.md),
            and print its known truth: the base rate and the AUC of the latent risk θ. Synthetic data is for
            tests, benchmarks and demonstrations only; it describes no real person.

            Example:
              tma synth --model models/warning-behaviours-triage --rows 100000 --seed 42 --out data.csv
              tma synth -m models/bullying-naqr -n 5000 -s 7 -o naq.csv --base-rate 0.1 --beta 2 --missing 0.05
              tma synth -m models/workplace-violence-screening -n 5000 -s 7 -o followup.csv --follow-up 730
            """);
        foreach (var option in new Option[] { model, rows, seed, output, baseRate, beta, groupShift, groups, missing, followUp })
        {
            command.Options.Add(option);
        }

        command.SetAction(parse => Run(
            parse.GetValue(model)!,
            parse.GetValue(output)!,
            new SyntheticOptions
            {
                Rows = parse.GetValue(rows),
                Seed = parse.GetValue(seed),
                BaseRate = parse.GetValue(baseRate),
                Beta = parse.GetValue(beta),
                GroupShift = parse.GetValue(groupShift),
                GroupCount = parse.GetValue(groups),
                MissingRate = parse.GetValue(missing),
                FollowUp = parse.GetValue(followUp),
            },
            parse.InvocationConfiguration.Output,
            parse.InvocationConfiguration.Error));
        return command;
    }

    private static int Run(CommandLinePath modelPath, CommandLinePath outPath, SyntheticOptions options, TextWriter output, TextWriter error)
    {
        var problems = options.Validate();
        if (problems.Count > 0)
        {
            foreach (var problem in problems)
            {
                error.WriteLine($"tma synth: {problem}");
            }

            return ExitCodes.BadInput;
        }

        var package = ModelPackage.Load(modelPath.Full);
        if (package.Value is null)
        {
            foreach (var diagnostic in package.Diagnostics)
            {
                error.WriteLine(diagnostic);
            }

            error.WriteLine($"tma synth: the model package {modelPath} has errors (run `tma validate {modelPath}`)");
            return ExitCodes.BadInput;
        }

        var definition = package.Value.Definition;
        if (outPath.IsStandardStream)
        {
            // The CSV is the output: the summary moves to stderr, and there is no file to name the truth after.
            SyntheticTruth streamed;
            using (var buffered = new BufferedTextWriter(output))
            {
                streamed = SyntheticDataset.Write(definition, options, buffered);
            }

            error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"wrote {options.Rows} synthetic rows for {definition.Id} {definition.Version} to standard output; true base rate {streamed.BaseRate:F4}, true AUC of θ {streamed.ThetaAuc:F4}"));
            error.WriteLine("Synthetic data: for tests, benchmarks and demonstrations only.");
            return ExitCodes.Ok;
        }

        SyntheticTruth truth;
        string fingerprint;
        var truthPath = outPath.WithSuffix(".truth.json");
        try
        {
            truth = SyntheticDataset.WriteFile(definition, options, outPath.Full);
            fingerprint = DatasetFingerprint.Compute(outPath.Full);
            File.WriteAllText(truthPath.Full, SyntheticTruthJson.Serialize(truth, options, definition, fingerprint));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            error.WriteLine(new Diagnostic(DatasetDiagnosticCodes.File, Severity.Error, SourceLocation.WholeFile(outPath.Full), $"cannot write the dataset: {ex.Message}"));
            return ExitCodes.BadInput;
        }

        var invariant = CultureInfo.InvariantCulture;
        output.WriteLine(string.Create(invariant, $"wrote {options.Rows} synthetic rows for {definition.Id} {definition.Version} to {outPath}"));
        output.WriteLine($"dataset:          {fingerprint}");
        output.WriteLine(string.Create(invariant, $"true base rate:   {truth.BaseRate:F4}"));
        output.WriteLine(string.Create(invariant, $"true AUC of θ:    {truth.ThetaAuc:F4}"));
        output.WriteLine(string.Create(invariant, $"process:          α = {truth.Alpha:F4}, β = {truth.Beta:G4}, {truth.GroupCount} sites, shift {truth.GroupShift:G4}, missing {options.MissingRate:G4}"));
        output.WriteLine($"truth:            {truthPath}");
        output.WriteLine("Synthetic data: for tests, benchmarks and demonstrations only.");
        return ExitCodes.Ok;
    }
}
