namespace Tma.Models.Expressions;

/// <summary>
/// Hard limits on condition expressions. They keep a hostile or broken model file from exhausting memory or the
/// stack: a 10,000-term expression is refused after reading its first few hundred tokens.
/// </summary>
public static class ExpressionLimits
{
    /// <summary>Longest accepted condition, in characters.</summary>
    public const int MaxLength = 4_000;

    /// <summary>Most tokens in one condition.</summary>
    public const int MaxTokens = 400;

    /// <summary>Deepest nesting of parentheses, operators and calls.</summary>
    public const int MaxDepth = 32;

    /// <summary>Most arguments of one helper call (after expanding <c>@group</c> references).</summary>
    public const int MaxArguments = 200;
}
