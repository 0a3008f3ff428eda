using Tma.Models.Cases;
using Tma.Models.Definitions;

namespace Tma.Scoring;

/// <summary>How every kind takes a raw case: resolved against the model as of the case date, or refused whole.</summary>
internal static class CaseIntake
{
    /// <summary>The case resolved against <paramref name="model"/>.</summary>
    /// <exception cref="InvalidCaseException">The case does not fit the model; every problem is listed.</exception>
    public static ResolvedCase Resolve(ModelDefinition model, CaseData data, TimeProvider time)
    {
        // Without a case date the assessment is as of now: evidence past its validity window no longer counts.
        var resolved = CaseResolver.Resolve(model, data, time.GetUtcNow());
        return resolved.Value ?? throw new InvalidCaseException(resolved.Diagnostics);
    }
}
