using Tma.CaseStore;

namespace Tma.Host;

/// <summary>
/// Checks a decision's structured professional judgement against the judgement fields of the model whose assessment
/// it responds to, before it is stored: the ratings are exported for inter-rater agreement, so a typo (`hgih`) must be
/// refused now rather than counted later as disagreement.
/// </summary>
internal static class JudgementCheck
{
    /// <returns>A 400 problem naming every faulty field, or null when the judgement fits (or cannot be checked).</returns>
    public static async Task<IResult?> ProblemAsync(Store store, IModelCatalog models, Caller caller, Guid caseId, RecordDecisionRequest body, CancellationToken ct)
    {
        // Only a case manager may decide; anyone else is refused (and audited) by the store itself.
        if (body.Judgement is not { Count: > 0 } judgement || body.AssessmentId is not { } assessmentId || caller.Role != CallerRole.CaseManager)
        {
            return null;
        }

        var assessment = (await store.GetAssessmentsAsync(caller, caseId, ct).ConfigureAwait(false)).FirstOrDefault(a => a.Id == assessmentId);
        if (assessment is null)
        {
            return null; // the store refuses an assessment that is not the case's
        }

        var reference = $"{assessment.Assessment.PackageId}@{assessment.Assessment.PackageVersion}";
        Tma.Scoring.IRiskModel model;
        try
        {
            model = models.Resolve(reference);
        }
        catch (ModelNotAvailableException)
        {
            return null; // a retired version: the store's own checks still apply, and the decision must remain possible
        }

        var problems = model.Definition.Judgement is { } fields
            ? fields.Check(judgement)
            : [$"judgement: model `{assessment.Assessment.PackageId}` declares no judgement fields; record the decision without one"];
        return problems.Count == 0
            ? null
            : Problems.Of(StatusCodes.Status400BadRequest, "invalid-input", "Invalid input: " + string.Join("; ", problems), new Dictionary<string, object?> { ["errors"] = problems });
    }
}
