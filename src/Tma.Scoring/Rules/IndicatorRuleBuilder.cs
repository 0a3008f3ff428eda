using System.Linq.Expressions;
using NRules.RuleModel;
using NRules.RuleModel.Builders;
using Tma.Models.Definitions;
using Tma.Scoring.Compilation;

namespace Tma.Scoring.Rules;

/// <summary>
/// Turns each indicator into an NRules rule built with <see cref="RuleBuilder"/> and expression trees:
/// a pattern on the case fact carries the (three-valued) condition, and every temporal helper becomes a join of
/// observation facts, so "rose by a level within 30 days" is matched by the rete network, not precomputed.
/// </summary>
internal static class IndicatorRuleBuilder
{
    public static IReadOnlyList<IRuleDefinition> Build(ModelDefinition model)
    {
        var rules = new List<IRuleDefinition>(model.Indicators.Count);
        for (var i = 0; i < model.Indicators.Count; i++)
        {
            rules.Add(BuildRule(model, i));
        }

        return rules;
    }

    private static IRuleDefinition BuildRule(ModelDefinition model, int index)
    {
        var indicator = model.Indicators[index];
        var builder = new RuleBuilder();
        builder.Name($"{model.Id}/{indicator.Id}");
        var lhs = builder.LeftHandSide();

        var c = Expression.Parameter(typeof(CaseFact), "c");
        var casePattern = lhs.Pattern(typeof(CaseFact), c.Name!);
        var conjuncts = indicator.Condition.Conjuncts().ToList();
        var plain = conjuncts.Where(x => x is not BoundTemporal).ToList();
        if (plain.Count > 0)
        {
            var compiler = new ConditionCompiler(Expression.Property(c, nameof(CaseFact.Values)), Expression.Property(c, nameof(CaseFact.Relevance)));
            var condition = plain.Skip(1).Aggregate(compiler.Truth(plain[0]), (acc, next) =>
                Expression.Call(typeof(ConditionRuntime).GetMethod(nameof(ConditionRuntime.And))!, acc, compiler.Truth(next)));
            var isTrue = Expression.Call(typeof(ConditionRuntime).GetMethod(nameof(ConditionRuntime.IsTrue))!, condition);
            casePattern.Condition(Expression.Lambda(isTrue, c));
        }

        var evidence = new List<ParameterExpression>();
        var temporal = conjuncts.OfType<BoundTemporal>().ToList();
        for (var k = 0; k < temporal.Count; k++)
        {
            evidence.AddRange(AddJoin(lhs, temporal[k], k, c));
        }

        var context = Expression.Parameter(typeof(NRules.RuleModel.IContext), "ctx");
        var fire = Expression.Call(
            Expression.Property(c, nameof(CaseFact.Collector)),
            typeof(FiringCollector).GetMethod(nameof(FiringCollector.Fire))!,
            Expression.Constant(index),
            Expression.NewArrayInit(typeof(ObservationFact), evidence));
        builder.RightHandSide().Action(Expression.Lambda(fire, [context, c, .. evidence]));
        return builder.Build();
    }

    private static IEnumerable<ParameterExpression> AddJoin(GroupBuilder lhs, BoundTemporal helper, int k, ParameterExpression c)
    {
        var input = Expression.Constant(helper.Item.InputIndex);
        if (helper.Helper == TemporalKind.RoseWithin)
        {
            // Two observations of the item, at most `days` apart, the later one higher by at least `levels`.
            var a = Expression.Parameter(typeof(ObservationFact), $"a{k}");
            var b = Expression.Parameter(typeof(ObservationFact), $"b{k}");
            lhs.Pattern(typeof(ObservationFact), a.Name!)
                .Condition(Expression.Lambda(Expression.Equal(Expression.Property(a, nameof(ObservationFact.InputIndex)), input), a));
            var bAt = Expression.Property(b, nameof(ObservationFact.ObservedAt));
            var aAt = Expression.Property(a, nameof(ObservationFact.ObservedAt));
            var window = Expression.Call(aAt, typeof(DateTimeOffset).GetMethod(nameof(DateTimeOffset.AddDays))!, Expression.Constant((double)helper.Days));
            var join = Expression.AndAlso(
                Expression.Equal(Expression.Property(b, nameof(ObservationFact.InputIndex)), input),
                Expression.AndAlso(
                    Expression.GreaterThan(bAt, aAt),
                    Expression.AndAlso(
                        Expression.LessThanOrEqual(bAt, window),
                        Expression.GreaterThanOrEqual(
                            Expression.Subtract(Expression.Property(b, nameof(ObservationFact.Value)), Expression.Property(a, nameof(ObservationFact.Value))),
                            Expression.Constant((double)helper.Amount)))));
            lhs.Pattern(typeof(ObservationFact), b.Name!).Condition(Expression.Lambda(join, a, b));
            return [a, b];
        }

        // An observation at or above the level within `days` before the case's reference date.
        var o = Expression.Parameter(typeof(ObservationFact), $"o{k}");
        var asOf = Expression.Property(c, nameof(CaseFact.AsOf));
        var asOfValue = Expression.Property(asOf, nameof(Nullable<>.Value));
        var at = Expression.Property(o, nameof(ObservationFact.ObservedAt));
        var since = Expression.Call(asOfValue, typeof(DateTimeOffset).GetMethod(nameof(DateTimeOffset.AddDays))!, Expression.Constant(-(double)helper.Days));
        var within = Expression.AndAlso(
            Expression.Equal(Expression.Property(o, nameof(ObservationFact.InputIndex)), input),
            Expression.AndAlso(
                Expression.GreaterThanOrEqual(Expression.Property(o, nameof(ObservationFact.Value)), Expression.Constant((double)helper.Amount)),
                Expression.AndAlso(
                    Expression.Property(asOf, nameof(Nullable<>.HasValue)),
                    Expression.AndAlso(Expression.LessThanOrEqual(at, asOfValue), Expression.GreaterThanOrEqual(at, since)))));
        lhs.Pattern(typeof(ObservationFact), o.Name!).Condition(Expression.Lambda(within, c, o));
        return [o];
    }
}
