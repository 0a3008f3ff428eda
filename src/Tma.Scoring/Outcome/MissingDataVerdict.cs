using Tma.Models.Definitions;
using Tma.Scoring.Assessments;

namespace Tma.Scoring.Outcome;

/// <summary>How a kind uses a required input that is unknown when it computes its score.</summary>
internal enum UnknownReading
{
    /// <summary>A points model: an unknown item adds no points (or, under <c>prorate</c>, the score is scaled up).</summary>
    CountsAsAbsent,

    /// <summary>A classifier: the trained pipeline imputes the unknown feature.</summary>
    Imputed,
}

/// <summary>
/// The missing-data verdict for every kind: how many required inputs are unknown, whether the model's policy still
/// supports a result, and the sentence that says so. Verdicts and sentences are computed once per omitted count.
/// </summary>
internal sealed class MissingDataVerdict
{
    private readonly ModelDefinition _model;
    private readonly int[] _required;
    private readonly string _policyName;
    private readonly Validity[] _validity;
    private readonly string[] _messages;
    private readonly MissingInformation _nothingMissing;

    public MissingDataVerdict(ModelDefinition model, UnknownReading reading)
    {
        _model = model;
        var texts = OutcomeTexts.For(model.Language);
        _required = [.. Enumerable.Range(0, model.Inputs.Count).Where(i => model.Inputs[i].Required)];
        var policy = model.MissingData;
        _policyName = policy.Mode switch
        {
            MissingDataMode.MaxOmitted => "max-omitted",
            MissingDataMode.Prorate => "prorate",
            _ => "insufficient",
        };
        Allowed = policy.Mode == MissingDataMode.Insufficient ? 0 : policy.MaxOmitted;
        var r = _required.Length;
        _validity = new Validity[r + 1];
        _messages = new string[r + 1];
        for (var m = 0; m <= r; m++)
        {
            (_validity[m], _messages[m]) = m switch
            {
                0 => (Validity.Valid, texts.AllKnown),
                _ when m > Allowed => (Validity.Insufficient, texts.TooManyUnknown(m, r, Allowed)),
                _ when reading == UnknownReading.Imputed => (Validity.Valid, texts.ClassifierImputes(m, r, Allowed)),
                // Nothing known: a prorated score would be 0 × R / 0. Not an assessment, whatever the allowance.
                _ when policy.Mode == MissingDataMode.Prorate && m == r => (Validity.Insufficient, texts.NothingToProrate(r)),
                _ when policy.Mode == MissingDataMode.Prorate => (Validity.Prorated, texts.Prorated(m, r, Allowed)),
                _ => (Validity.Valid, texts.UnknownCountAsAbsent(m, r, Allowed)),
            };
        }

        _nothingMissing = new MissingInformation([], Allowed, _policyName, Validity.Valid, _messages[0]);
    }

    /// <summary>How many required inputs may be unknown.</summary>
    public int Allowed { get; }

    /// <summary>The number of required inputs.</summary>
    public int RequiredCount => _required.Length;

    /// <summary>How many required inputs are unknown in <paramref name="values"/>.</summary>
    public int CountOmitted(ReadOnlySpan<double?> values)
    {
        var omitted = 0;
        foreach (var i in _required)
        {
            if (values[i] is null)
            {
                omitted++;
            }
        }

        return omitted;
    }

    /// <summary>The validity with <paramref name="omitted"/> required inputs unknown (no allocation).</summary>
    public Validity ValidityFor(int omitted) => _validity[omitted];

    /// <summary>The verdict for <paramref name="values"/>, naming the unknown required inputs.</summary>
    public MissingInformation For(ReadOnlySpan<double?> values) => For(values, CountOmitted(values));

    /// <summary>The verdict when <paramref name="omitted"/> (already counted) required inputs are unknown.</summary>
    public MissingInformation For(ReadOnlySpan<double?> values, int omitted)
    {
        if (omitted == 0)
        {
            return _nothingMissing;
        }

        var ids = new string[omitted];
        var k = 0;
        foreach (var i in _required)
        {
            if (values[i] is null)
            {
                ids[k++] = _model.Inputs[i].Id;
            }
        }

        return new MissingInformation(ids, Allowed, _policyName, _validity[omitted], _messages[omitted]);
    }
}
