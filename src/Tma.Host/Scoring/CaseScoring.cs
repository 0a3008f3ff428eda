using System.Globalization;
using System.Text.Json;
using Tma.CaseStore;
using Tma.Models.Cases;
using Tma.Scoring;
using Tma.Scoring.Assessments;

namespace Tma.Host;

/// <summary>
/// Runs a compiled model on a case's current observations and stores the result: the bridge between the store and
/// the engine. The stored record holds the package id, version and content hash, the exact observations the model
/// saw, and the full assessment in its stable JSON form.
/// </summary>
public static class CaseScoring
{
    /// <summary>The level stored for an assessment that concluded nothing (the stored JSON holds the full conclusion).</summary>
    public const string UnassessableLevel = "unassessable";

    /// <summary>
    /// Assesses the case's current (non-superseded) observations with <paramref name="model"/> and stores the
    /// assessment (marked as challenger when <paramref name="isChallenger"/>). Reading the observations and writing the
    /// assessment are both access-checked and audited under <paramref name="caller"/>.
    /// </summary>
    /// <param name="store">The store.</param>
    /// <param name="caller">Who asks; needs read and write access to the case.</param>
    /// <param name="caseId">The case.</param>
    /// <param name="model">A compiled model.</param>
    /// <param name="isChallenger">True to record a challenger assessment that is not shown as the result.</param>
    /// <param name="asOf">Assess as of this date (later observations are ignored); default: now, from the model's clock, so that evidence past its validity window no longer counts.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <exception cref="InvalidCaseException">The case's observations do not fit the model (names the fields).</exception>
    public static async Task<(AssessmentRecord Record, Assessment Assessment)> AssessAndStoreAsync(
        this Store store,
        Caller caller,
        Guid caseId,
        IRiskModel model,
        bool isChallenger = false,
        DateTimeOffset? asOf = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(model);
        var observations = await store.GetObservationsAsync(caller, caseId, includeSuperseded: false, cancellationToken).ConfigureAwait(false);
        var data = ToCaseData(observations, asOf);
        var assessment = model.Assess(data);
        var record = await store.AddAssessmentAsync(
            caller,
            caseId,
            new NewAssessment(
                assessment.Model.Id,
                assessment.Model.Version,
                assessment.Model.ContentHash,
                // The level id, or `unassessable` (the stored JSON holds the full conclusion, e.g. a lower bound).
                assessment.Level ?? UnassessableLevel,
                assessment.Score,
                isChallenger,
                InputsJson(data),
                AssessmentJson.Serialize(assessment),
                assessment.AssessedAt,
                assessment.AsOf)
            {
                ReviewBy = SuggestedReview(model, data, assessment),
            },
            cancellationToken).ConfigureAwait(false);
        HostMetrics.AssessmentStored(assessment.Model.Id, isChallenger, assessable: assessment.Level is not null);
        return (record, assessment);
    }

    /// <summary>
    /// The model's suggestion for the case's next review: the first date a report the assessment could use (observed
    /// by its as-of date and still inside its input's validity window, <c>valid_for</c>) leaves that window — from then
    /// on the facts the assessment rests on change (an input goes stale, a contradiction resolves). Models carry no
    /// explicit review interval; null when no such report has a window (the team then schedules reviews alone).
    /// </summary>
    private static DateTimeOffset? SuggestedReview(IRiskModel model, CaseData data, Assessment assessment)
    {
        var windows = model.Definition.Inputs.Where(i => i.ValidFor is not null).ToDictionary(i => i.Id, i => i.ValidFor!.Value, StringComparer.Ordinal);
        var asOf = assessment.AsOf ?? assessment.AssessedAt;
        DateTimeOffset? first = null;
        foreach (var observation in data.Observations)
        {
            if (observation.ObservedAt > asOf || !windows.TryGetValue(observation.InputId, out var window))
            {
                continue;
            }

            var expires = window.After(observation.ObservedAt);
            if (expires > asOf && (first is null || expires < first))
            {
                first = expires;
            }
        }

        return first;
    }

    /// <summary>Reads back the full assessment of a stored record.</summary>
    public static Assessment ReadAssessment(this AssessmentRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return AssessmentJson.Deserialize(record.Assessment.AssessmentJson);
    }

    /// <summary>
    /// Turns stored observations into engine facts. A stored value is a level or category id, a number, or
    /// <c>level/relevance</c> for presence inputs coded on the relevance axis (e.g. <c>present/high</c>).
    /// </summary>
    public static CaseData ToCaseData(IEnumerable<ObservationRecord> observations, DateTimeOffset? asOf = null)
    {
        ArgumentNullException.ThrowIfNull(observations);
        return new CaseData
        {
            AsOf = asOf,
            Observations = [.. observations
                .OrderBy(o => o.ObservedAt)
                .ThenBy(o => o.EnteredAt)
                .Select(o => new Observation(o.InputId, ParseValue(o.Value), o.ObservedAt, o.RaterId, o.Source, o.Reliability))],
        };
    }

    /// <summary>Parses a stored observation value.</summary>
    public static CaseValue ParseValue(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            return CaseValue.Of(number);
        }

        var slash = value.IndexOf('/', StringComparison.Ordinal);
        return slash > 0 ? CaseValue.Level(value[..slash], value[(slash + 1)..]) : CaseValue.Level(value);
    }

    private static string InputsJson(CaseData data) => JsonSerializer.Serialize(new
    {
        asOf = data.AsOf,
        observations = data.Observations.Select(o => new
        {
            input = o.InputId,
            value = o.Value.Number is { } n ? n.ToString(CultureInfo.InvariantCulture) : o.Value.Relevance is { } r ? $"{o.Value.Text}/{r}" : o.Value.Text,
            observedAt = o.ObservedAt,
            reliability = o.Reliability is { } reliability ? SourceReliabilityNames.Of(reliability) : null,
        }),
    });
}
