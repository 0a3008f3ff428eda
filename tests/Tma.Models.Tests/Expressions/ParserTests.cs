using Tma.Models.Expressions;

namespace Tma.Models.Tests.Expressions;

public sealed class ParserTests
{
    [Theory]
    [InlineData("a or b and c", "(or a (and b c))")]
    [InlineData("a and b or c", "(or (and a b) c)")]
    [InlineData("a or b or c", "(or (or a b) c)")]
    [InlineData("not a and b", "(and (not a) b)")]
    [InlineData("not not a", "(not (not a))")]
    [InlineData("not a >= present", "(not (>= a present))")]
    [InlineData("a >= present and b < 2", "(and (>= a present) (< b 2))")]
    [InlineData("1 + 2 * 3", "(+ 1 (* 2 3))")]
    [InlineData("(1 + 2) * 3", "(* (+ 1 2) 3)")]
    [InlineData("8 - 4 - 2", "(- (- 8 4) 2)")]
    [InlineData("8 / 4 / 2", "(/ (/ 8 4) 2)")]
    [InlineData("-a * b", "(* (- a) b)")]
    [InlineData("- -a", "(- (- a))")]
    [InlineData("a + b >= c * 2", "(>= (+ a b) (* c 2))")]
    [InlineData("x in [a, 'b c']", "(in x [a 'b c'])")]
    [InlineData("x not in [a]", "(not-in x [a])")]
    [InlineData("not x in [a]", "(not (in x [a]))")]
    [InlineData("leakage.relevance >= high", "(>= leakage.relevance high)")]
    [InlineData("count_at_least(present, @proximal, grievance) >= 2", "(>= (count_at_least present @proximal grievance) 2)")]
    [InlineData("max(a, b + 1) > .5", "(> (max a (+ b 1)) 0.5)")]
    [InlineData("known(a) == true", "(== (known a) true)")]
    [InlineData("f()", "(f)")]
    public void Operators_bind_by_precedence_lowest_or_then_and_not_comparison_sum_product_unary(string text, string tree) =>
        Assert.Equal(tree, SyntaxPrinter.Parse(text));

    [Theory]
    [InlineData("", 0, "the condition is empty")]
    [InlineData("   ", 0, "the condition is empty")]
    [InlineData("a < b < c", 6, "comparisons cannot be chained")]
    [InlineData("a = b", 2, "write `==` to compare")]
    [InlineData("a && b", 2, "write `and`")]
    [InlineData("a || b", 2, "write `or`")]
    [InlineData("!a", 0, "write `not`")]
    [InlineData("a >= 'present", 5, "unterminated quoted level name")]
    [InlineData("(a and b", 8, "the condition ends where `)` was expected")]
    [InlineData("a b", 2, "unexpected `b` after a complete condition")]
    [InlineData("a >=", 4, "the condition ends where a value was expected")]
    [InlineData("a in b", 5, "expected `[` starting the list of levels but found `b`")]
    [InlineData("a in [b", 7, "`]` closing the list")]
    [InlineData("1.2.3 > a", 0, "`1.2.3` is not a number")]
    [InlineData("@ > 1", 0, "`@` must be followed by a group name")]
    [InlineData("a.", 2, "a member name such as `relevance`")]
    [InlineData("a >= #", 5, "unexpected character `#`")]
    public void Syntax_errors_carry_the_offset_where_reading_stopped(string text, int position, string fragment)
    {
        var (tree, error) = Parser.Parse(text);
        Assert.Null(tree);
        Assert.NotNull(error);
        Assert.Equal(position, error.Position);
        Assert.Contains(fragment, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Nesting_deeper_than_the_limit_is_refused_without_overflowing_the_stack()
    {
        var text = new string('(', ExpressionLimits.MaxDepth + 1) + "a" + new string(')', ExpressionLimits.MaxDepth + 1);
        var (_, error) = Parser.Parse(text);
        Assert.NotNull(error);
        Assert.Contains($"nested more than {ExpressionLimits.MaxDepth} levels deep", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Each_pair_of_parentheses_counts_twice_towards_the_depth_limit()
    {
        // The condition itself is one level; a parenthesis opens a group and the condition inside it.
        var deepest = (ExpressionLimits.MaxDepth - 1) / 2;
        Assert.Equal("a", SyntaxPrinter.Parse(new string('(', deepest) + "a" + new string(')', deepest)));
        var (_, error) = Parser.Parse(new string('(', deepest + 1) + "a" + new string(')', deepest + 1));
        Assert.NotNull(error);
    }

    [Fact]
    public void Many_unary_minus_signs_hit_the_depth_limit_too()
    {
        var (_, error) = Parser.Parse(new string('-', 100) + "1");
        Assert.NotNull(error);
        Assert.Contains("nested more than", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_ten_thousand_term_expression_stops_at_the_token_limit()
    {
        var text = string.Join(" or ", Enumerable.Repeat("a", 10_000));
        var (tree, error) = Parser.Parse(text);
        Assert.Null(tree);
        Assert.NotNull(error);
        Assert.Equal($"the condition has more than {ExpressionLimits.MaxTokens} tokens; split it into several indicators", error.Message);
        Assert.Equal(5 * (ExpressionLimits.MaxTokens / 2), error.Position);
    }

    [Fact]
    public void A_long_condition_with_few_tokens_is_refused_by_its_length()
    {
        var text = "a == '" + new string('x', ExpressionLimits.MaxLength) + "'";
        var (_, error) = Parser.Parse(text);
        Assert.NotNull(error);
        Assert.Equal($"the condition is {text.Length} characters long; the limit is {ExpressionLimits.MaxLength}", error.Message);
    }
}
