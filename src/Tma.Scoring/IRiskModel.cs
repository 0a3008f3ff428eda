using Tma.Models.Cases;
using Tma.Models.Definitions;
using Tma.Scoring.Assessments;

namespace Tma.Scoring;

/// <summary>
/// A compiled model: immutable and safe to share between threads. Compile once with
/// <see cref="RiskModelCompiler"/>, then assess as many cases as needed.
/// </summary>
public interface IRiskModel
{
    /// <summary>Which package this model was compiled from.</summary>
    ModelReference Reference { get; }

    /// <summary>The validated definition.</summary>
    ModelDefinition Definition { get; }

    /// <summary>Assesses a case.</summary>
    /// <exception cref="InvalidCaseException">The case names unknown inputs, levels that do not exist or numbers out of range.</exception>
    Assessment Assess(CaseData data);

    /// <summary>Assesses a case that was already resolved against this model.</summary>
    Assessment Assess(ResolvedCase data);
}
