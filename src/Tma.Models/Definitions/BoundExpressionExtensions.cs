namespace Tma.Models.Definitions;

/// <summary>Tree helpers over checked expressions.</summary>
public static class BoundExpressionExtensions
{
    /// <summary>The operands of the top-level <c>and</c> chain of a condition (the condition itself when it is no <c>and</c>).</summary>
    public static IEnumerable<BoundExpression> Conjuncts(this BoundExpression condition)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var pending = new Stack<BoundExpression>();
        pending.Push(condition);
        while (pending.Count > 0)
        {
            var node = pending.Pop();
            if (node is BoundLogical { IsAnd: true } and)
            {
                pending.Push(and.Right);
                pending.Push(and.Left);
            }
            else
            {
                yield return node;
            }
        }
    }

    /// <summary>The distinct inputs an expression reads, in order of first appearance.</summary>
    public static IReadOnlyList<BoundInput> InputsRead(this BoundExpression expression) =>
        [.. expression.DescendantsAndSelf().OfType<BoundInput>().DistinctBy(i => (i.InputIndex, i.Relevance))];
}
