namespace Tma.Models.Expressions;

internal enum TokenKind
{
    End,
    Number,
    Identifier,
    String,
    GroupRef,
    LeftParen,
    RightParen,
    LeftBracket,
    RightBracket,
    Comma,
    Dot,
    Plus,
    Minus,
    Star,
    Slash,
    Equal,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
    And,
    Or,
    Not,
    In,
    True,
    False,
}

/// <summary>A token with its 0-based position in the condition text.</summary>
internal readonly record struct Token(TokenKind Kind, string Text, int Position, double Number = 0);
