namespace Tma.Research.Gate;

/// <summary>A closed interval [<paramref name="Low"/>, <paramref name="High"/>].</summary>
/// <param name="Low">Lower end, included.</param>
/// <param name="High">Upper end, included.</param>
public sealed record GateRange(double Low, double High)
{
    /// <summary>True when <paramref name="value"/> lies within the interval, ends included.</summary>
    /// <param name="value">The value.</param>
    public bool Contains(double value) => value >= Low && value <= High;
}
