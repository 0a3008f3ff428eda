namespace Tma.Models.Definitions;

/// <summary>The measurement scale of an input.</summary>
public enum InputType
{
    /// <summary>Two levels, <c>no</c> &lt; <c>yes</c>.</summary>
    Binary,

    /// <summary>Named levels in a declared order.</summary>
    Ordinal,

    /// <summary>A number within a declared range, with a unit.</summary>
    Numeric,

    /// <summary>Named categories without an order.</summary>
    Categorical,

    /// <summary>A frequency scale (by default never, now and then, monthly, weekly, daily, scored 1–5 as in the NAQ-R).</summary>
    Frequency,

    /// <summary>Presence coding (by default absent, possible, present), optionally with a second relevance axis (low, moderate, high).</summary>
    Presence,
}
