using Tma.Models.Definitions;
using Tma.Models.Packaging;
using Tma.Scoring.Assessments;
using Tma.Scoring.FastPath;
using Tma.Scoring.Rules;

namespace Tma.Scoring;

/// <summary>
/// Compiles validated model packages into <see cref="IRiskModel"/>s (one case at a time) and
/// <see cref="IBatchScorer"/>s (many dataset rows). By default (<see cref="EvaluationPath.Auto"/>) the fastest path
/// that gives exactly the reference result is chosen: the compiled path for models without temporal helpers, NRules
/// for models with them; <see cref="Assessment.Engine"/> says which one ran.
/// </summary>
public static class RiskModelCompiler
{
    /// <summary>Compiles a loaded package.</summary>
    /// <param name="package">A package from <see cref="ModelPackage.Load"/>.</param>
    /// <param name="time">Clock for <see cref="Assessment.AssessedAt"/>; defaults to <see cref="TimeProvider.System"/>.</param>
    /// <param name="options">How to compile; defaults to <see cref="RiskModelOptions.Default"/> (the automatic path).</param>
    /// <exception cref="NotSupportedException">The package's kind cannot be compiled by this engine version, or
    /// <see cref="EvaluationPath.Compiled"/> was forced for a model with temporal helpers.</exception>
    public static IRiskModel Compile(ModelPackage package, TimeProvider? time = null, RiskModelOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(package);
        if (package.Definition.Kind != ModelKind.Rules)
        {
            // Classifiers load their model file, composites their components, from the package's folder.
            return Kinds.KindCompiler.Compile(package.Definition, package.ContentHash, package.Directory, time ?? TimeProvider.System, options);
        }

        return Compile(package.Definition, package.ContentHash, time, options);
    }

    /// <summary>Compiles a definition that did not come from a package folder (tests, generated models, hosts that
    /// keep definitions elsewhere). <paramref name="contentHash"/> is recorded as the assessments' provenance.</summary>
    /// <param name="definition">A validated definition.</param>
    /// <param name="contentHash">The content hash recorded in every assessment.</param>
    /// <param name="time">Clock for <see cref="Assessment.AssessedAt"/>; defaults to <see cref="TimeProvider.System"/>.</param>
    /// <param name="options">How to compile; defaults to <see cref="RiskModelOptions.Default"/> (the automatic path).</param>
    /// <exception cref="NotSupportedException">The kind cannot be compiled by this engine version, or
    /// <see cref="EvaluationPath.Compiled"/> was forced for a model with temporal helpers.</exception>
    public static IRiskModel Compile(ModelDefinition definition, string contentHash, TimeProvider? time = null, RiskModelOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(definition);
        definition = InLanguage(definition, options);
        if (definition.Kind != ModelKind.Rules)
        {
            // Classifiers and composites need their package folder: the folder of the definition's model.yaml.
            return Kinds.KindCompiler.Compile(definition, contentHash, Path.GetDirectoryName(Path.GetFullPath(definition.SourceFile))!, time ?? TimeProvider.System, options);
        }

        var reference = Reference(definition, contentHash);
        var clock = time ?? TimeProvider.System;
        return ChoosePath(definition, options) switch
        {
            EvaluationPath.Compiled => new CompiledRiskModel(definition, reference, clock),
            _ => new RuleRiskModel(definition, reference, clock),
        };
    }

    /// <summary>Loads and compiles the package at <paramref name="path"/> (folder or <c>model.yaml</c>).</summary>
    /// <param name="path">The package folder or its <c>model.yaml</c>.</param>
    /// <param name="time">Clock for <see cref="Assessment.AssessedAt"/>; defaults to <see cref="TimeProvider.System"/>.</param>
    /// <param name="options">How to compile; defaults to <see cref="RiskModelOptions.Default"/> (the automatic path).</param>
    /// <exception cref="Tma.Models.Diagnostics.ModelLoadException">The package has errors; the exception lists all of them.</exception>
    public static IRiskModel Load(string path, TimeProvider? time = null, RiskModelOptions? options = null) =>
        Compile(ModelPackage.Load(path).GetValueOrThrow(), time, options);

    /// <summary>
    /// Compiles a package for batch scoring of dataset rows. <see cref="EvaluationPath.Auto"/> and
    /// <see cref="EvaluationPath.Compiled"/> give the compiled scorer for every rules model (rows carry no
    /// observations, so temporal helpers are false, exactly as NRules finds them without observation facts);
    /// <see cref="EvaluationPath.NRules"/> gives a scorer that runs one NRules session per row (the reference, slow).
    /// </summary>
    /// <param name="package">A package from <see cref="ModelPackage.Load"/>.</param>
    /// <param name="options">How to compile; defaults to <see cref="RiskModelOptions.Default"/>.</param>
    /// <exception cref="NotSupportedException">The package's kind cannot be compiled by this engine version.</exception>
    public static IBatchScorer CompileBatch(ModelPackage package, RiskModelOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(package);
        return CompileBatch(package.Definition, package.ContentHash, options);
    }

    /// <summary>Compiles a definition for batch scoring; see <see cref="CompileBatch(ModelPackage, RiskModelOptions?)"/>.</summary>
    /// <param name="definition">A validated definition.</param>
    /// <param name="contentHash">The content hash the scorer reports as provenance.</param>
    /// <param name="options">How to compile; defaults to <see cref="RiskModelOptions.Default"/>.</param>
    /// <exception cref="NotSupportedException">The kind cannot be compiled by this engine version.</exception>
    public static IBatchScorer CompileBatch(ModelDefinition definition, string contentHash, RiskModelOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var reference = Reference(definition, contentHash);
        return (options ?? RiskModelOptions.Default).Path == EvaluationPath.NRules
            ? new NRulesBatchScorer(new RuleRiskModel(definition, reference, TimeProvider.System))
            : new CompiledBatchScorer(definition, reference);
    }

    /// <summary>
    /// The path <see cref="Compile(ModelDefinition, string, TimeProvider?, RiskModelOptions?)"/> takes for single cases:
    /// <see cref="EvaluationPath.NRules"/> or <see cref="EvaluationPath.Compiled"/>, never <see cref="EvaluationPath.Auto"/>.
    /// </summary>
    /// <param name="definition">A validated definition.</param>
    /// <param name="options">How to compile; defaults to <see cref="RiskModelOptions.Default"/>.</param>
    /// <exception cref="NotSupportedException">The kind cannot be compiled, or the compiled path was forced for a model with temporal helpers.</exception>
    public static EvaluationPath ChoosePath(ModelDefinition definition, RiskModelOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(definition);
        if (definition.Kind != ModelKind.Rules)
        {
            throw new NotSupportedException($"Model kind {definition.Kind} is not supported by this engine version.");
        }

        var temporal = definition.Indicators.Where(i => i.Condition.DescendantsAndSelf().Any(n => n is BoundTemporal)).Select(i => i.Id).ToList();
        return (options ?? RiskModelOptions.Default).Path switch
        {
            EvaluationPath.NRules => EvaluationPath.NRules,
            EvaluationPath.Compiled when temporal.Count > 0 => throw new NotSupportedException(
                $"Model {definition.Id} has indicators with temporal helpers ({string.Join(", ", temporal)}), which need the NRules path for single cases; use {nameof(EvaluationPath)}.{nameof(EvaluationPath.Auto)} or {nameof(EvaluationPath.NRules)}."),
            EvaluationPath.Compiled => EvaluationPath.Compiled,
            _ => temporal.Count > 0 ? EvaluationPath.NRules : EvaluationPath.Compiled,
        };
    }

    /// <summary>The definition with its texts in the language the options ask for (the primary language when they ask for none).</summary>
    /// <exception cref="ArgumentException">The model has no texts in that language.</exception>
    internal static ModelDefinition InLanguage(ModelDefinition definition, RiskModelOptions? options) =>
        options?.Language is { } language ? definition.InLanguage(language) : definition;

    internal static string KindName(ModelKind kind) => kind.ToString().ToLowerInvariant();

    private static ModelReference Reference(ModelDefinition definition, string contentHash)
    {
        if (definition.Kind != ModelKind.Rules)
        {
            throw new NotSupportedException($"Model kind {definition.Kind} is not supported by this engine version.");
        }

        // A package made for another engine version is refused here, on every compile path (IncompatibleEngineException).
        EngineInfo.EnsureCompatible(definition);
        return new ModelReference(definition.Id, definition.Version.ToString(), contentHash, KindName(definition.Kind), definition.Title);
    }
}
