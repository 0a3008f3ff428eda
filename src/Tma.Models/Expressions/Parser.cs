namespace Tma.Models.Expressions;

/// <summary>
/// Recursive-descent parser for the condition language. Grammar (lowest precedence first):
/// <code>
/// or      := and ('or' and)*
/// and     := not ('and' not)*
/// not     := 'not' not | compare
/// compare := sum (('=='|'!='|'&lt;'|'&lt;='|'&gt;'|'&gt;=') sum | 'not'? 'in' '[' item (',' item)* ']')?
/// sum     := product (('+'|'-') product)*
/// product := unary (('*'|'/') unary)*
/// unary   := '-' unary | primary
/// primary := number | 'true' | 'false' | 'quoted' | @group | name ('.' name)? | name '(' args ')' | '(' or ')'
/// </code>
/// </summary>
internal sealed class Parser
{
    private readonly List<Token> _tokens;
    private int _index;
    private int _depth;

    private Parser(List<Token> tokens) => _tokens = tokens;

    public static (Syntax? Tree, ExpressionError? Error) Parse(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return (null, new ExpressionError(0, "the condition is empty"));
        }

        // The lexer stops after MaxTokens tokens, so a 10,000-term expression costs a few hundred tokens and gets the
        // more useful token-limit message; the length limit then catches long texts with few tokens.
        var (tokens, lexError) = Lexer.Tokenize(text);
        if (lexError is not null)
        {
            return (null, lexError);
        }

        if (text.Length > ExpressionLimits.MaxLength)
        {
            return (null, new ExpressionError(0, $"the condition is {text.Length} characters long; the limit is {ExpressionLimits.MaxLength}"));
        }

        var parser = new Parser(tokens);
        try
        {
            var tree = parser.ParseOr();
            if (parser.Current.Kind != TokenKind.End)
            {
                throw parser.Fail($"unexpected `{parser.Current.Text}` after a complete condition; combine conditions with `and` / `or`");
            }

            return (tree, null);
        }
        catch (ParseFailure failure)
        {
            return (null, failure.Error);
        }
    }

    private Token Current => _tokens[_index];

    private Token Advance() => _tokens[_index++];

    private bool Accept(TokenKind kind)
    {
        if (Current.Kind != kind)
        {
            return false;
        }

        _index++;
        return true;
    }

    private Token Expect(TokenKind kind, string what)
    {
        if (Current.Kind != kind)
        {
            throw Fail(Current.Kind == TokenKind.End ? $"the condition ends where {what} was expected" : $"expected {what} but found `{Current.Text}`");
        }

        return Advance();
    }

    private ParseFailure Fail(string message) => new(new ExpressionError(Current.Position, message));

    private void Enter()
    {
        if (++_depth > ExpressionLimits.MaxDepth)
        {
            throw Fail($"the condition is nested more than {ExpressionLimits.MaxDepth} levels deep");
        }
    }

    private void Leave() => _depth--;

    private Syntax ParseOr()
    {
        Enter();
        var left = ParseAnd();
        while (Current.Kind == TokenKind.Or)
        {
            var op = Advance();
            left = new BinarySyntax(op.Position, TokenKind.Or, left, ParseAnd());
        }

        Leave();
        return left;
    }

    private Syntax ParseAnd()
    {
        var left = ParseNot();
        while (Current.Kind == TokenKind.And)
        {
            var op = Advance();
            left = new BinarySyntax(op.Position, TokenKind.And, left, ParseNot());
        }

        return left;
    }

    private Syntax ParseNot()
    {
        if (Current.Kind == TokenKind.Not && _tokens[_index + 1].Kind != TokenKind.In)
        {
            var op = Advance();
            Enter();
            var operand = ParseNot();
            Leave();
            return new UnarySyntax(op.Position, TokenKind.Not, operand);
        }

        return ParseCompare();
    }

    private Syntax ParseCompare()
    {
        var left = ParseSum();
        switch (Current.Kind)
        {
            case TokenKind.Equal or TokenKind.NotEqual or TokenKind.Less or TokenKind.LessOrEqual or TokenKind.Greater or TokenKind.GreaterOrEqual:
                var op = Advance();
                var right = ParseSum();
                if (Current.Kind is TokenKind.Equal or TokenKind.NotEqual or TokenKind.Less or TokenKind.LessOrEqual or TokenKind.Greater or TokenKind.GreaterOrEqual)
                {
                    throw Fail("comparisons cannot be chained; write `a < b and b < c`");
                }

                return new BinarySyntax(op.Position, op.Kind, left, right);
            case TokenKind.In:
                return ParseIn(left, Advance().Position, negated: false);
            case TokenKind.Not when _tokens[_index + 1].Kind == TokenKind.In:
                var notToken = Advance();
                Advance();
                return ParseIn(left, notToken.Position, negated: true);
            default:
                return left;
        }
    }

    private InSyntax ParseIn(Syntax value, int position, bool negated)
    {
        Expect(TokenKind.LeftBracket, "`[` starting the list of levels");
        var items = new List<Syntax>();
        do
        {
            items.Add(ParsePrimary());
        }
        while (Accept(TokenKind.Comma));

        Expect(TokenKind.RightBracket, "`]` closing the list");
        return new InSyntax(position, value, items, negated);
    }

    private Syntax ParseSum()
    {
        var left = ParseProduct();
        while (Current.Kind is TokenKind.Plus or TokenKind.Minus)
        {
            var op = Advance();
            left = new BinarySyntax(op.Position, op.Kind, left, ParseProduct());
        }

        return left;
    }

    private Syntax ParseProduct()
    {
        var left = ParseUnary();
        while (Current.Kind is TokenKind.Star or TokenKind.Slash)
        {
            var op = Advance();
            left = new BinarySyntax(op.Position, op.Kind, left, ParseUnary());
        }

        return left;
    }

    private Syntax ParseUnary()
    {
        if (Current.Kind == TokenKind.Minus)
        {
            var op = Advance();
            Enter();
            var operand = ParseUnary();
            Leave();
            return new UnarySyntax(op.Position, TokenKind.Minus, operand);
        }

        return ParsePrimary();
    }

    private Syntax ParsePrimary()
    {
        var token = Current;
        switch (token.Kind)
        {
            case TokenKind.Number:
                Advance();
                return new NumberSyntax(token.Position, token.Number);
            case TokenKind.True or TokenKind.False:
                Advance();
                return new BoolSyntax(token.Position, token.Kind == TokenKind.True);
            case TokenKind.String:
                Advance();
                return new QuotedSyntax(token.Position, token.Text);
            case TokenKind.GroupRef:
                Advance();
                return new GroupSyntax(token.Position, token.Text);
            case TokenKind.LeftParen:
                Advance();
                Enter();
                var inner = ParseOr();
                Leave();
                Expect(TokenKind.RightParen, "`)`");
                return inner;
            case TokenKind.Identifier:
                Advance();
                if (Current.Kind == TokenKind.LeftParen)
                {
                    return ParseCall(token);
                }

                var name = new NameSyntax(token.Position, token.Text);
                if (Accept(TokenKind.Dot))
                {
                    var member = Expect(TokenKind.Identifier, "a member name such as `relevance`");
                    return new MemberSyntax(token.Position, name, member.Text);
                }

                return name;
            case TokenKind.End:
                throw Fail("the condition ends where a value was expected");
            default:
                throw Fail($"expected a value but found `{token.Text}`");
        }
    }

    private CallSyntax ParseCall(Token name)
    {
        Advance();
        Enter();
        var arguments = new List<Syntax>();
        if (Current.Kind != TokenKind.RightParen)
        {
            do
            {
                arguments.Add(ParseOr());
            }
            while (Accept(TokenKind.Comma));
        }

        Expect(TokenKind.RightParen, "`)` closing the call");
        Leave();
        return new CallSyntax(name.Position, name.Text, arguments);
    }

    private sealed class ParseFailure(ExpressionError error) : Exception(error.Message)
    {
        public ExpressionError Error { get; } = error;
    }
}
