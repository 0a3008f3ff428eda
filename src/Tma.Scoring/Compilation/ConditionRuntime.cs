namespace Tma.Scoring.Compilation;

/// <summary>
/// The only methods compiled conditions may call. Null stands for unknown; truth values follow Kleene's
/// three-valued logic so that an unknown input never makes an indicator fire by accident.
/// </summary>
internal static class ConditionRuntime
{
    public static bool? And(bool? left, bool? right) =>
        left == false || right == false ? false : left == true && right == true ? true : null;

    public static bool? Or(bool? left, bool? right) =>
        left == true || right == true ? true : left == false && right == false ? false : null;

    public static bool? Not(bool? value) => value is null ? null : !value.Value;

    public static bool IsTrue(bool? value) => value == true;

    public static bool? IsKnown(double? value) => value.HasValue;

    public static bool? IsUnknown(double? value) => !value.HasValue;

    public static double? Score(double? index, double[] scores) =>
        index is { } i ? scores[(int)i] : null;

    public static bool? Truth(double? value) => value is { } v ? v >= 1 : null;

    public static double? Divide(double? left, double? right) =>
        left is { } l && right is { } r && r != 0 ? l / r : null;

    public static bool? In(double? value, double[] members, bool negated)
    {
        if (value is not { } v)
        {
            return null;
        }

        var found = Array.IndexOf(members, v) >= 0;
        return negated ? !found : found;
    }

    public static double CountAtLeast(double?[] values, int[] items, int[] thresholds)
    {
        var count = 0;
        for (var i = 0; i < items.Length; i++)
        {
            if (values[items[i]] is { } v && v >= thresholds[i])
            {
                count++;
            }
        }

        return count;
    }

    public static bool? AnyAtLeast(double?[] values, int[] items, int[] thresholds)
    {
        var unknown = false;
        for (var i = 0; i < items.Length; i++)
        {
            if (values[items[i]] is not { } v)
            {
                unknown = true;
            }
            else if (v >= thresholds[i])
            {
                return true;
            }
        }

        return unknown ? null : false;
    }

    public static bool? AllAtLeast(double?[] values, int[] items, int[] thresholds)
    {
        var unknown = false;
        for (var i = 0; i < items.Length; i++)
        {
            if (values[items[i]] is not { } v)
            {
                unknown = true;
            }
            else if (v < thresholds[i])
            {
                return false;
            }
        }

        return unknown ? null : true;
    }

    public static double CountKnown(double?[] values, int[] items)
    {
        var count = 0;
        foreach (var item in items)
        {
            if (values[item] is not null)
            {
                count++;
            }
        }

        return count;
    }

    public static double CountUnknown(double?[] values, int[] items) => items.Length - CountKnown(values, items);

    /// <summary>One step of <c>max(…)</c>: the larger of the running maximum and a value; unknown values are skipped.</summary>
    public static double? MaxStep(double? max, double? value) =>
        value is { } v && (max is null || v > max) ? v : max;

    /// <summary>One step of <c>min(…)</c>: the smaller of the running minimum and a value; unknown values are skipped.</summary>
    public static double? MinStep(double? min, double? value) =>
        value is { } v && (min is null || v < min) ? v : min;
}
