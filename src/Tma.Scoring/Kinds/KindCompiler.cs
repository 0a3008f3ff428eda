using Tma.Models.Definitions;
using Tma.Models.Diagnostics;
using Tma.Scoring.Assessments;
using Tma.Scoring.Composite;

namespace Tma.Scoring.Kinds;

/// <summary>Compiles the kinds that need more than their definition: classifiers (their model file) and composites (their components).</summary>
internal static class KindCompiler
{
    /// <summary>Compiles a classifier or composite package whose files are in <paramref name="directory"/>.</summary>
    /// <exception cref="ModelLoadException">The model file or a component is missing, tampered with or does not fit.</exception>
    public static IRiskModel Compile(ModelDefinition definition, string contentHash, string directory, TimeProvider time, RiskModelOptions? options) =>
        Compile(definition, contentHash, directory, time, options, []);

    private static IRiskModel Compile(ModelDefinition definition, string contentHash, string directory, TimeProvider time, RiskModelOptions? options, IReadOnlyList<string> chain)
    {
        EngineInfo.EnsureCompatible(definition);
        definition = RiskModelCompiler.InLanguage(definition, options);
        var reference = new ModelReference(definition.Id, definition.Version.ToString(), contentHash, RiskModelCompiler.KindName(definition.Kind), definition.Title);
        switch (definition.Kind)
        {
            case ModelKind.Composite:
                var within = chain.Append(definition.Id).ToArray();
                var resolved = ComponentResolver.Resolve(definition, Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory)))!, within);
                if (resolved.Value is null)
                {
                    throw new ModelLoadException(resolved.Diagnostics);
                }

                var components = new List<(ComponentDefinition, IRiskModel)>();
                var problems = new List<Diagnostic>();
                foreach (var (component, package) in resolved.Value.Items)
                {
                    try
                    {
                        components.Add((component, package.Definition.Kind == ModelKind.Rules
                            ? RiskModelCompiler.Compile(package, time, options)
                            : Compile(package.Definition, package.ContentHash, package.Directory, time, options, within)));
                    }
                    catch (ModelLoadException ex)
                    {
                        problems.AddRange(ex.Diagnostics);
                    }
                }

                if (problems.Count > 0)
                {
                    throw new ModelLoadException(problems);
                }

                return CompositeRiskModel.Create(definition, reference, components, time);
            case ModelKind.Rules:
                throw new NotSupportedException($"Model kind {definition.Kind} is compiled by {nameof(RiskModelCompiler)}.");
            default:
                return Installed(definition, options).Compile(new ModelKindContext(definition, reference, directory, time));
        }
    }

    /// <summary>The registered compiler of a kind that is not built in, or a located error naming the package that adds it.</summary>
    private static IModelKind Installed(ModelDefinition definition, RiskModelOptions? options)
    {
        if ((options ?? RiskModelOptions.Default).Kinds.FirstOrDefault(k => k.Kind == definition.Kind) is { } kind)
        {
            return kind;
        }

        var name = RiskModelCompiler.KindName(definition.Kind);
        var package = definition.Kind == ModelKind.Classifier ? "Tma.Scoring.Classifiers (RiskModelOptions.WithClassifiers())" : "the package that adds it";
        throw new ModelLoadException([new Diagnostic(DiagnosticCodes.KindNotInstalled, Severity.Error, definition.Location,
            $"model `{definition.Id}` is a {name} model, and this application has no compiler for that kind; add {package}")]);
    }
}
