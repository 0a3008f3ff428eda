namespace Tma.Models.Expressions;

/// <summary>A problem in a condition, at a 0-based character position inside the condition text.</summary>
/// <param name="Position">0-based offset into the condition text.</param>
/// <param name="Message">Plain-language message.</param>
public sealed record ExpressionError(int Position, string Message);
