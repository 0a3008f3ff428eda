namespace Tma.Scoring.Outcome;

/// <summary>
/// Every number an expression can take over the completions of a case: an interval, and whether the value can be
/// known and whether it can be unknown. Intervals are closed; infinite ends stand for unbounded numeric inputs.
/// </summary>
internal readonly record struct NumberRange(double Lo, double Hi, bool MayKnown, bool MayUnknown)
{
    public static NumberRange Point(double value) => new(value, value, true, false);

    public static NumberRange UnknownOnly { get; } = new(0, 0, false, true);

    public bool IsDefinitelyKnown => MayKnown && !MayUnknown;

    /// <summary>The range when an unknown value is read as <paramref name="fallback"/> (e.g. points of 0).</summary>
    public NumberRange UnknownAs(double fallback)
    {
        if (!MayUnknown)
        {
            return this;
        }

        return MayKnown
            ? new NumberRange(Math.Min(Lo, fallback), Math.Max(Hi, fallback), true, false)
            : Point(fallback);
    }
}

/// <summary>The truth values a condition can take over the completions of a case (Kleene's three values).</summary>
[Flags]
internal enum TruthSet
{
    None = 0,
    True = 1,
    False = 2,
    Unknown = 4,
    Any = True | False | Unknown,
}

internal static class TruthSets
{
    public static TruthSet Of(bool? value) => value switch
    {
        true => TruthSet.True,
        false => TruthSet.False,
        null => TruthSet.Unknown,
    };

    public static bool Has(this TruthSet set, TruthSet value) => (set & value) != 0;

    /// <summary>Applies a three-valued operator to every pair of possible operands.</summary>
    public static TruthSet Combine(TruthSet left, TruthSet right, Func<bool?, bool?, bool?> op)
    {
        var result = TruthSet.None;
        foreach (var l in Values(left))
        {
            foreach (var r in Values(right))
            {
                result |= Of(op(l, r));
            }
        }

        return result;
    }

    public static TruthSet Map(TruthSet set, Func<bool?, bool?> op)
    {
        var result = TruthSet.None;
        foreach (var v in Values(set))
        {
            result |= Of(op(v));
        }

        return result;
    }

    private static IEnumerable<bool?> Values(TruthSet set)
    {
        if (set.Has(TruthSet.True))
        {
            yield return true;
        }

        if (set.Has(TruthSet.False))
        {
            yield return false;
        }

        if (set.Has(TruthSet.Unknown))
        {
            yield return null;
        }
    }
}
