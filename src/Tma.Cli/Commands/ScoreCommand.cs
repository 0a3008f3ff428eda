using System.CommandLine;
using Tma.Cli.Rendering;
using Tma.Models.Cases;
using Tma.Models.Diagnostics;
using Tma.Models.Packaging;
using Tma.Scoring;
using Tma.Scoring.Assessments;
using Tma.Scoring.Classifiers;
using Tma.Scoring.FastPath;

namespace Tma.Cli.Commands;

/// <summary><c>tma score --model &lt;package&gt; --case &lt;case.yaml|case.json&gt;</c>.</summary>
internal static class ScoreCommand
{
    public static Command Create(TextReader input)
    {
        var model = PathOptions.FileOrFolder("--model", "-m", "Model package folder or its model.yaml.", mustExist: true, required: true);
        var caseFile = PathOptions.File("--case", "-c", "Case file (YAML or JSON): inputs and/or dated observations; - reads standard input.", mustExist: true, required: true, standardStream: true);
        var format = new Option<string>("--format", "-f") { Description = "Output format: text (a readable summary) or json (the full assessment).", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        var norm = new Option<string?>("--norm") { Description = "Norm (band set) to use when the model has several; overrides the case's `norm`." };
        var language = new Option<string?>("--language", "-l") { Description = "Language of the assessment (ISO 639-1, one of the model's languages, e.g. de); default: the model's primary language." };
        var command = new Command("score", """
            Score one case with one model package and explain the result. The result is advisory:
            a professional decides.

            Example:
              tma score --model models/warning-behaviours-triage --case models/warning-behaviours-triage/examples/proximal-leakage.yaml
              tma score -m models/bullying-naqr -c case.json --format json --language de
            """);
        command.Options.Add(model);
        command.Options.Add(caseFile);
        command.Options.Add(format);
        command.Options.Add(norm);
        command.Options.Add(language);
        command.SetAction(parse => Run(
            parse.GetValue(model)!,
            parse.GetValue(caseFile)!,
            parse.GetValue(format)!,
            parse.GetValue(norm),
            parse.GetValue(language),
            input,
            parse.InvocationConfiguration.Output,
            parse.InvocationConfiguration.Error));
        return command;
    }

    private static int Run(CommandLinePath modelPath, CommandLinePath casePath, string format, string? norm, string? language, TextReader input, TextWriter output, TextWriter error)
    {
        var package = ModelPackage.Load(modelPath.Full);
        if (package.Value is null)
        {
            return Fail(error, package.Diagnostics, $"the model package {modelPath} has errors (run `tma validate {modelPath}`)");
        }

        var caseData = casePath.IsStandardStream ? ReadStandardInput(input) : CaseReader.ReadFile(casePath.Full);
        if (caseData.Value is null)
        {
            return Fail(error, caseData.Diagnostics, $"the case file {casePath} cannot be read");
        }

        if (language is not null && !package.Value.Definition.Languages.Contains(language))
        {
            error.WriteLine($"tma score: --language: model {package.Value.Definition.Id} has no texts in `{language}`; its languages are {string.Join(", ", package.Value.Definition.Languages)}");
            return ExitCodes.BadInput;
        }

        var data = norm is null ? caseData.Value : caseData.Value with { Norm = norm };

        // Compiled first: a composite's inputs are its components' inputs, known only once they are resolved.
        IRiskModel model;
        try
        {
            model = RiskModelCompiler.Compile(package.Value, options: new RiskModelOptions { Language = language }.WithClassifiers());
        }
        catch (ModelLoadException ex)
        {
            // A package whose files do not fit its definition (a component that cannot be found, a replaced model
            // file): the user's input, located, never an internal error.
            return Fail(error, ex.Diagnostics, $"model {package.Value.Definition.Id} cannot be compiled");
        }

        // Without a case date the case is assessed as of now: evidence past its validity window no longer counts.
        var resolved = CaseResolver.Resolve(model.Definition, data, TimeProvider.System.GetUtcNow());
        if (resolved.Value is null)
        {
            return Fail(error, [.. resolved.Diagnostics.Select(d => d.Location.Line == 0 ? d with { Location = SourceLocation.WholeFile(casePath.IsStandardStream ? StandardInput.Label : casePath.Full) } : d)], $"the case does not fit model {package.Value.Definition.Id}");
        }

        var assessment = model.Assess(resolved.Value);
        output.WriteLine(format == "json" ? AssessmentJson.Serialize(assessment) : AssessmentText.Render(assessment, model.Definition));
        return ExitCodes.Ok;
    }

    // A case is small (CaseReader.MaxFileBytes): read whole, one character past the limit to tell "too large" apart.
    private static LoadResult<CaseData> ReadStandardInput(TextReader input)
    {
        var buffer = new char[CaseReader.MaxFileBytes + 1];
        var length = 0;
        int read;
        while (length < buffer.Length && (read = input.Read(buffer, length, buffer.Length - length)) > 0)
        {
            length += read;
        }

        if (length > CaseReader.MaxFileBytes)
        {
            var bag = new DiagnosticBag();
            bag.Error(DiagnosticCodes.FileTooLarge, SourceLocation.WholeFile(StandardInput.Label), string.Create(System.Globalization.CultureInfo.InvariantCulture, $"cases are limited to {CaseReader.MaxFileBytes / 1024} KB"));
            return LoadResult<CaseData>.From(null, bag);
        }

        return CaseReader.ReadText(new string(buffer, 0, length), StandardInput.Label);
    }

    private static int Fail(TextWriter error, IReadOnlyList<Diagnostic> diagnostics, string summary)
    {
        foreach (var diagnostic in diagnostics)
        {
            error.WriteLine(diagnostic);
        }

        error.WriteLine($"tma score: {summary}");
        return ExitCodes.BadInput;
    }
}
