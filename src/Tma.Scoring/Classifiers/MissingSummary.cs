using System.Globalization;
using Tma.Models.Definitions;
using Tma.Scoring.Assessments;

namespace Tma.Scoring.Classifiers;

/// <summary>The missing-data verdict of a classifier case: the same policy rules and wording as for rules models.</summary>
internal sealed class MissingSummary
{
    private readonly ModelDefinition _model;
    private readonly int[] _required;
    private readonly int _allowed;
    private readonly string _policy;

    public MissingSummary(ModelDefinition model)
    {
        _model = model;
        _required = [.. Enumerable.Range(0, model.Inputs.Count).Where(i => model.Inputs[i].Required)];
        _allowed = model.MissingData.Mode == MissingDataMode.Insufficient ? 0 : model.MissingData.MaxOmitted;
        _policy = model.MissingData.Mode == MissingDataMode.MaxOmitted ? "max-omitted" : "insufficient";
    }

    public MissingInformation For(IReadOnlyList<double?> values)
    {
        var omitted = _required.Where(i => values[i] is null).Select(i => _model.Inputs[i].Id).ToArray();
        var m = omitted.Length;
        var r = _required.Length;
        var (validity, message) = m switch
        {
            0 => (Validity.Valid, "All required inputs are known."),
            _ when m > _allowed => (Validity.Insufficient, string.Create(CultureInfo.InvariantCulture,
                $"Insufficient information: {m} of {r} required inputs are unknown and the model accepts {_allowed}. The level shown is a lower bound, not an assessment; gather the missing information.")),
            _ => (Validity.Valid, string.Create(CultureInfo.InvariantCulture,
                $"{m} of {r} required inputs are unknown (the model accepts {_allowed}); the classifier's features handle them as declared (indicator column or imputation).")),
        };
        return new MissingInformation(omitted, _allowed, _policy, validity, message);
    }
}
