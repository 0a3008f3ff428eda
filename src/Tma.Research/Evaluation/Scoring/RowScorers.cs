using Tma.Models.Definitions;
using Tma.Models.Packaging;
using Tma.Scoring.Classifiers;

namespace Tma.Research.Evaluation.Scoring;

/// <summary>Chooses how the evaluator scores a package's rows. The only place that knows the engine's scoring APIs.</summary>
internal static class RowScorers
{
    /// <summary>
    /// A scorer for the package, or the reason it cannot be evaluated: rules packages through the compiled batch path
    /// (<see cref="RiskModelCompiler.CompileBatch(ModelPackage, RiskModelOptions?)"/>), classifiers through their
    /// ML.NET dataset path (<see cref="IDatasetScorer"/>), other kinds row by row through <see cref="IRiskModel.Assess(Tma.Models.Cases.ResolvedCase)"/>.
    /// </summary>
    public static (IRowScorer? Scorer, string? Problem) For(ModelPackage package)
    {
        ArgumentNullException.ThrowIfNull(package);
        var definition = package.Definition;
        if (definition.Inputs.Count == 0)
        {
            return (null, $"model `{definition.Id}` is a {definition.Kind.ToString().ToLowerInvariant()} package that declares no inputs of its own, so a dataset cannot be read against it; " +
                "evaluate its component packages, or score the cases with it and evaluate the scores as a column (--score-column)");
        }

        try
        {
            if (definition.Kind == ModelKind.Rules)
            {
                return (new BatchRowScorer(RiskModelCompiler.CompileBatch(package)), null);
            }

            var model = RiskModelCompiler.Compile(package, options: RiskModelOptions.Default.WithClassifiers());
            return DatasetScorers.For(model) is { } dataset ? (new ClassifierRowScorer(model, dataset), null) : (new AssessRowScorer(model), null);
        }
        catch (Exception ex) when (ex is NotSupportedException or InvalidOperationException or IOException or Tma.Models.Diagnostics.ModelLoadException)
        {
            return (null, $"model `{definition.Id}` {definition.Version} cannot be evaluated by this engine: {ex.Message}");
        }
    }
}
