using Tma.Scoring.Assessments;

namespace Tma.Scoring.Hosting;

/// <summary>
/// A case scored by a champion and a challenger version. <see cref="Champion"/> is the assessment to show and act
/// on; <see cref="Challenger"/> is recorded for comparison only and never changes what is shown. A failing challenger
/// never fails the call: <see cref="Challenger"/> is then null and <see cref="ChallengerFailure"/> says why.
/// </summary>
/// <param name="Champion">The champion's assessment: the one shown.</param>
/// <param name="Challenger">The challenger's assessment, marked as such by this property (not to be shown); null when it failed.</param>
/// <param name="ChallengerFailure">Why the challenger produced no assessment (exception type and message), or null.</param>
public sealed record ChampionChallengerAssessment(Assessment Champion, Assessment? Challenger, string? ChallengerFailure)
{
    /// <summary>The assessment to show: always <see cref="Champion"/>.</summary>
    public Assessment Shown => Champion;
}
