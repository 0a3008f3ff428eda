using Tma.Models.Definitions;
using Tma.Scoring.Assessments;

namespace Tma.Scoring.Outcome;

/// <summary>
/// The order of an action plan for every kind: most urgent first (an immediate protective step is never pushed down),
/// the given order kept within one urgency; and the one spelling of an urgency in an assessment.
/// </summary>
internal static class ActionOrder
{
    private static readonly string[] Names = [.. Enum.GetValues<Urgency>().Select(u => u.ToString().ToLowerInvariant())];

    /// <summary>The urgency as an assessment spells it (<c>immediate</c>, <c>soon</c>, <c>routine</c>).</summary>
    public static string Name(Urgency urgency) => Names[(int)urgency];

    /// <summary>The urgency of an assessment's spelling; anything else reads as routine.</summary>
    public static Urgency Parse(string name)
    {
        for (var u = 0; u < Names.Length; u++)
        {
            if (string.Equals(Names[u], name, StringComparison.Ordinal))
            {
                return (Urgency)u;
            }
        }

        return Urgency.Routine;
    }

    /// <summary>
    /// Sorts <paramref name="order"/> (indices into <paramref name="urgencies"/>) most urgent first, stably. An
    /// insertion sort: a plan has a handful of actions, and the per-case path allocates nothing here.
    /// </summary>
    public static void Sort(Span<int> order, ReadOnlySpan<Urgency> urgencies)
    {
        for (var s = 1; s < order.Length; s++)
        {
            var current = order[s];
            var j = s;
            while (j > 0 && urgencies[order[j - 1]] < urgencies[current])
            {
                order[j] = order[j - 1];
                j--;
            }

            order[j] = current;
        }
    }

    /// <summary>The actions most urgent first, the given order kept within one urgency.</summary>
    public static RecommendedAction[] Sort(IReadOnlyList<RecommendedAction> actions)
    {
        var urgencies = new Urgency[actions.Count];
        var order = new int[actions.Count];
        for (var i = 0; i < actions.Count; i++)
        {
            urgencies[i] = Parse(actions[i].Urgency);
            order[i] = i;
        }

        Sort(order, urgencies);
        var result = new RecommendedAction[order.Length];
        for (var i = 0; i < order.Length; i++)
        {
            result[i] = actions[order[i]];
        }

        return result;
    }
}
