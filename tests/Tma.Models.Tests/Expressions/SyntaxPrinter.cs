using System.Globalization;
using Tma.Models.Expressions;

namespace Tma.Models.Tests.Expressions;

/// <summary>Prints a syntax tree fully parenthesised, e.g. <c>(or a (and b c))</c>, so that tests can state its shape.</summary>
internal static class SyntaxPrinter
{
    public static string Print(Syntax syntax) => syntax switch
    {
        NumberSyntax n => n.Value.ToString(CultureInfo.InvariantCulture),
        BoolSyntax b => b.Value ? "true" : "false",
        NameSyntax n => n.Name,
        QuotedSyntax q => $"'{q.Name}'",
        MemberSyntax m => $"{m.Target.Name}.{m.Member}",
        GroupSyntax g => "@" + g.Group,
        UnarySyntax u => $"({Op(u.Operator)} {Print(u.Operand)})",
        BinarySyntax b => $"({Op(b.Operator)} {Print(b.Left)} {Print(b.Right)})",
        InSyntax i => $"({(i.Negated ? "not-in" : "in")} {Print(i.Value)} [{string.Join(" ", i.Set.Select(Print))}])",
        CallSyntax c => $"({c.Function}{string.Concat(c.Arguments.Select(a => " " + Print(a)))})",
        _ => throw new ArgumentOutOfRangeException(nameof(syntax)),
    };

    public static string Parse(string text)
    {
        var (tree, error) = Parser.Parse(text);
        Assert.True(error is null, $"`{text}` should parse: {error?.Message}");
        return Print(tree!);
    }

    private static string Op(TokenKind kind) => kind switch
    {
        TokenKind.And => "and",
        TokenKind.Or => "or",
        TokenKind.Not => "not",
        TokenKind.Plus => "+",
        TokenKind.Minus => "-",
        TokenKind.Star => "*",
        TokenKind.Slash => "/",
        TokenKind.Equal => "==",
        TokenKind.NotEqual => "!=",
        TokenKind.Less => "<",
        TokenKind.LessOrEqual => "<=",
        TokenKind.Greater => ">",
        TokenKind.GreaterOrEqual => ">=",
        _ => kind.ToString(),
    };
}
