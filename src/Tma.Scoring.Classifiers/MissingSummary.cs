using Tma.Models.Definitions;
using Tma.Scoring.Assessments;
using Tma.Scoring.Outcome;

namespace Tma.Scoring.Classifiers;

/// <summary>The missing-data verdict of a classifier case: the same policy rules and wording as for rules models.</summary>
internal sealed class MissingSummary
{
    private readonly ModelDefinition _model;
    private readonly int[] _required;
    private readonly int _allowed;
    private readonly string _policy;
    private readonly OutcomeTexts _texts;

    public MissingSummary(ModelDefinition model)
    {
        _model = model;
        _texts = OutcomeTexts.For(model.Language);
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
            0 => (Validity.Valid, _texts.AllKnown),
            _ when m > _allowed => (Validity.Insufficient, _texts.TooManyUnknown(m, r, _allowed)),
            _ => (Validity.Valid, _texts.ClassifierImputes(m, r, _allowed)),
        };
        return new MissingInformation(omitted, _allowed, _policy, validity, message);
    }
}
