using Tma.Models.Definitions;
using Tma.Models.Diagnostics;
using Tma.Models.Packages;
using Tma.Scoring.Assessments;
using Tma.Scoring.Classifiers;
using Tma.Scoring.FastPath;

namespace Tma.Scoring.Composite;

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
            case ModelKind.Classifier:
                return ClassifierRiskModel.Load(definition, reference, directory, time);
            case ModelKind.Composite:
                var within = chain.Append(definition.Id).ToArray();
                var resolved = ComponentResolver.Resolve(definition, Path.GetDirectoryName(Path.GetFullPath(directory))!, within);
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
            default:
                throw new NotSupportedException($"Model kind {definition.Kind} is compiled by {nameof(RiskModelCompiler)}.");
        }
    }
}
