using System.Globalization;

namespace Tma.Models.Expressions;

/// <summary>Splits a condition into tokens. Stops at the first error, which is reported with its position.</summary>
internal static class Lexer
{
    public static (List<Token> Tokens, ExpressionError? Error) Tokenize(string text)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (true)
        {
            while (i < text.Length && char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            if (tokens.Count >= ExpressionLimits.MaxTokens)
            {
                return (tokens, new ExpressionError(i, $"the condition has more than {ExpressionLimits.MaxTokens} tokens; split it into several indicators"));
            }

            if (i >= text.Length)
            {
                tokens.Add(new Token(TokenKind.End, "", i));
                return (tokens, null);
            }

            var start = i;
            var c = text[i];
            if (char.IsAsciiDigit(c) || (c == '.' && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1])))
            {
                while (i < text.Length && (char.IsAsciiDigit(text[i]) || text[i] == '.'))
                {
                    i++;
                }

                var literal = text[start..i];
                if (!double.TryParse(literal, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
                {
                    return (tokens, new ExpressionError(start, $"`{literal}` is not a number"));
                }

                tokens.Add(new Token(TokenKind.Number, literal, start, value));
                continue;
            }

            if (IsIdentifierStart(c) || c == '@')
            {
                i++;
                while (i < text.Length && IsIdentifierPart(text[i]))
                {
                    i++;
                }

                var word = text[start..i];
                if (c == '@')
                {
                    if (word.Length == 1)
                    {
                        return (tokens, new ExpressionError(start, "`@` must be followed by a group name, e.g. `@proximal`"));
                    }

                    tokens.Add(new Token(TokenKind.GroupRef, word[1..], start));
                    continue;
                }

                tokens.Add(new Token(Keyword(word), word, start));
                continue;
            }

            if (c is '\'' or '"')
            {
                i++;
                while (i < text.Length && text[i] != c)
                {
                    i++;
                }

                if (i >= text.Length)
                {
                    return (tokens, new ExpressionError(start, "unterminated quoted level name"));
                }

                tokens.Add(new Token(TokenKind.String, text[(start + 1)..i], start));
                i++;
                continue;
            }

            var (kind, length) = Operator(text, i);
            if (kind is null)
            {
                var hint = c == '=' ? "; write `==` to compare" : c == '&' ? "; write `and`" : c == '|' ? "; write `or`" : c == '!' ? "; write `not`" : "";
                return (tokens, new ExpressionError(start, $"unexpected character `{c}`{hint}"));
            }

            tokens.Add(new Token(kind.Value, text.Substring(start, length), start));
            i += length;
        }
    }

    private static bool IsIdentifierStart(char c) => char.IsAsciiLetter(c) || c == '_';

    private static bool IsIdentifierPart(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';

    private static TokenKind Keyword(string word) => word switch
    {
        "and" => TokenKind.And,
        "or" => TokenKind.Or,
        "not" => TokenKind.Not,
        "in" => TokenKind.In,
        "true" => TokenKind.True,
        "false" => TokenKind.False,
        _ => TokenKind.Identifier,
    };

    private static (TokenKind? Kind, int Length) Operator(string text, int i)
    {
        var next = i + 1 < text.Length ? text[i + 1] : '\0';
        return text[i] switch
        {
            '(' => (TokenKind.LeftParen, 1),
            ')' => (TokenKind.RightParen, 1),
            '[' => (TokenKind.LeftBracket, 1),
            ']' => (TokenKind.RightBracket, 1),
            ',' => (TokenKind.Comma, 1),
            '.' => (TokenKind.Dot, 1),
            '+' => (TokenKind.Plus, 1),
            '-' => (TokenKind.Minus, 1),
            '*' => (TokenKind.Star, 1),
            '/' => (TokenKind.Slash, 1),
            '=' when next == '=' => (TokenKind.Equal, 2),
            '!' when next == '=' => (TokenKind.NotEqual, 2),
            '<' when next == '=' => (TokenKind.LessOrEqual, 2),
            '<' => (TokenKind.Less, 1),
            '>' when next == '=' => (TokenKind.GreaterOrEqual, 2),
            '>' => (TokenKind.Greater, 1),
            _ => (null, 0),
        };
    }
}
