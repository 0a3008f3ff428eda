using System.Globalization;
using System.Text;

namespace Tma.Models.Definitions;

/// <summary>
/// A calendar period in ISO 8601 form (<c>P90D</c>, <c>P3M</c>, <c>P1Y6M</c>, <c>P2W</c>): how long an observation
/// stays current, or how close in time two reports must be to contradict each other. Months and years are calendar
/// months and years (three months back from 31 May is 28 or 29 February), not fixed numbers of days, because that is
/// how the instruments word their look-back windows ("in the last three months").
/// </summary>
/// <param name="Years">Whole years.</param>
/// <param name="Months">Whole months.</param>
/// <param name="Days">Whole days (weeks are stored as seven days each).</param>
public readonly record struct IsoPeriod(int Years, int Months, int Days)
{
    /// <summary>Largest accepted value of one component, so that date arithmetic never overflows.</summary>
    public const int MaxComponent = 36_500;

    /// <summary>The instant <paramref name="time"/> minus this period.</summary>
    public DateTimeOffset Before(DateTimeOffset time) => time.AddYears(-Years).AddMonths(-Months).AddDays(-Days);

    /// <summary>The instant <paramref name="time"/> plus this period.</summary>
    public DateTimeOffset After(DateTimeOffset time) => time.AddYears(Years).AddMonths(Months).AddDays(Days);

    /// <summary>Parses <c>PnYnMnWnD</c> (each part optional, at least one present, no time part).</summary>
    /// <param name="text">The text, e.g. <c>P90D</c>.</param>
    /// <param name="period">The period when the text is valid.</param>
    /// <param name="error">Why the text is not a period, when it is not.</param>
    public static bool TryParse(string? text, out IsoPeriod period, out string? error)
    {
        period = default;
        error = null;
        if (string.IsNullOrEmpty(text) || text[0] != 'P' || text.Length < 3)
        {
            error = "a period is written `P` followed by numbers with units, e.g. `P90D`, `P3M`, `P1Y`, `P2W`";
            return false;
        }

        if (text.Contains('T', StringComparison.Ordinal))
        {
            error = "give the period in days, weeks, months or years (no hours or minutes: `T…` is not accepted)";
            return false;
        }

        int years = 0, months = 0, days = 0;
        var lastUnit = -1;
        var i = 1;
        while (i < text.Length)
        {
            var start = i;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
            }

            if (i == start || i == text.Length)
            {
                error = $"`{text}` is not a period: every number needs a unit (Y, M, W, D), e.g. `P90D`";
                return false;
            }

            if (!int.TryParse(text.AsSpan(start, i - start), NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value > MaxComponent)
            {
                error = $"`{text}`: each part of a period must be at most {MaxComponent}";
                return false;
            }

            var unit = "YMWD".IndexOf(text[i], StringComparison.Ordinal);
            if (unit < 0 || unit <= lastUnit)
            {
                error = unit < 0
                    ? $"`{text}`: unknown unit `{text[i]}` (Y years, M months, W weeks, D days)"
                    : $"`{text}`: write the parts in the order Y, M, W, D, each once";
                return false;
            }

            lastUnit = unit;
            switch (unit)
            {
                case 0: years = value; break;
                case 1: months = value; break;
                case 2: days += value * 7; break;
                default: days += value; break;
            }

            i++;
        }

        if (years == 0 && months == 0 && days == 0)
        {
            error = $"`{text}` is an empty period; give a length greater than zero";
            return false;
        }

        period = new IsoPeriod(years, months, days);
        return true;
    }

    /// <summary>The ISO 8601 form (<c>P1Y3M10D</c>); weeks come out as days.</summary>
    public override string ToString()
    {
        var text = new StringBuilder("P");
        if (Years != 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"{Years}Y");
        }

        if (Months != 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"{Months}M");
        }

        if (Days != 0 || text.Length == 1)
        {
            text.Append(CultureInfo.InvariantCulture, $"{Days}D");
        }

        return text.ToString();
    }
}
