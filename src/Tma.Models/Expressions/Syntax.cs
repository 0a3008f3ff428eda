namespace Tma.Models.Expressions;

/// <summary>Untyped syntax tree of a condition, as written. Positions are 0-based offsets into the text.</summary>
internal abstract record Syntax(int Position);

internal sealed record NumberSyntax(int Position, double Value) : Syntax(Position);

internal sealed record BoolSyntax(int Position, bool Value) : Syntax(Position);

/// <summary>A bare name: an input id, or a level name where a level is expected.</summary>
internal sealed record NameSyntax(int Position, string Name) : Syntax(Position);

/// <summary>A quoted name: always a level name.</summary>
internal sealed record QuotedSyntax(int Position, string Name) : Syntax(Position);

/// <summary><c>input.relevance</c>.</summary>
internal sealed record MemberSyntax(int Position, NameSyntax Target, string Member) : Syntax(Position);

/// <summary><c>@group</c>: every input of a group, only inside helper calls.</summary>
internal sealed record GroupSyntax(int Position, string Group) : Syntax(Position);

internal sealed record UnarySyntax(int Position, TokenKind Operator, Syntax Operand) : Syntax(Position);

internal sealed record BinarySyntax(int Position, TokenKind Operator, Syntax Left, Syntax Right) : Syntax(Position);

internal sealed record InSyntax(int Position, Syntax Value, IReadOnlyList<Syntax> Set, bool Negated) : Syntax(Position);

internal sealed record CallSyntax(int Position, string Function, IReadOnlyList<Syntax> Arguments) : Syntax(Position);
