using System.Diagnostics;
using Tma.Models.Cases;
using Tma.Models.Definitions;
using Tma.Scoring.Assessments;

namespace Tma.Scoring.Hosting;

/// <summary>
/// A compiled model as the registry hands it out: the same model, with each assessment counted, timed and traced
/// (<see cref="TmaScoringTelemetry"/>). Immutable and thread-safe like the model it wraps.
/// </summary>
internal sealed class InstrumentedRiskModel : IRiskModel
{
    public const string RolePrimary = "primary";
    public const string RoleChampion = "champion";
    public const string RoleChallenger = "challenger";

    private readonly IRiskModel _inner;
    private readonly TimeProvider _time;

    public InstrumentedRiskModel(IRiskModel inner, TimeProvider time)
    {
        _inner = inner;
        _time = time;
    }

    public ModelReference Reference => _inner.Reference;

    public ModelDefinition Definition => _inner.Definition;

    public Assessment Assess(CaseData data) => Measure(RolePrimary, data, static (model, d) => model.Assess(d));

    public Assessment Assess(ResolvedCase data) => Measure(RolePrimary, data, static (model, d) => model.Assess(d));

    public Assessment Assess(CaseData data, string role) => Measure(role, data, static (model, d) => model.Assess(d));

    private Assessment Measure<T>(string role, T data, Func<IRiskModel, T, Assessment> assess)
    {
        using var activity = TmaScoringTelemetry.Source.StartActivity(TmaScoringTelemetry.AssessActivity);
        activity?.SetTag("tma.model.id", Reference.Id);
        activity?.SetTag("tma.model.version", Reference.Version);
        activity?.SetTag("tma.role", role);
        var start = _time.GetTimestamp();
        var outcome = "error";
        try
        {
            var assessment = assess(_inner, data);
            outcome = "ok";
            return assessment;
        }
        catch (Exception ex)
        {
            activity?.SetStatus(ActivityStatusCode.Error, ex.GetType().Name);
            throw;
        }
        finally
        {
            var tags = new TagList
            {
                { "tma.model.id", Reference.Id },
                { "tma.model.version", Reference.Version },
                { "tma.role", role },
                { "tma.outcome", outcome },
            };
            TmaScoringTelemetry.Assessments.Add(1, tags);
            TmaScoringTelemetry.AssessmentDuration.Record(_time.GetElapsedTime(start).TotalSeconds, tags);
        }
    }
}
