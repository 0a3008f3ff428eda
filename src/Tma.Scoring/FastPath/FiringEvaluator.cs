using System.Linq.Expressions;
using Tma.Models.Definitions;
using Tma.Scoring.Compilation;

namespace Tma.Scoring.FastPath;

/// <summary>
/// Every indicator condition of a model compiled into one delegate over the dense value arrays:
/// <c>(values, relevance, fired) =&gt; { fired[0] = …; fired[1] = …; … }</c>.
/// </summary>
/// <remarks>
/// Each indicator is compiled exactly as <see cref="Rules.IndicatorRuleBuilder"/> builds its NRules pattern: the
/// non-temporal top-level conjuncts, folded left to right with Kleene <c>and</c> by the same
/// <see cref="ConditionCompiler"/>, and the indicator fires when that is true. A temporal helper can only be a top-level
/// conjunct (the loader refuses it elsewhere) and NRules matches it as a join over observation facts; without
/// observations such a join never matches, so here an indicator with a temporal conjunct never fires. That is exactly
/// the NRules result for a case without observations, and only such cases (dataset rows, or single cases of models
/// without temporal helpers) are evaluated here.
/// </remarks>
internal sealed class FiringEvaluator
{
    private readonly Action<double?[], double?[], bool[]> _evaluate;

    public FiringEvaluator(ModelDefinition model)
    {
        var values = Expression.Parameter(typeof(double?[]), "values");
        var relevance = Expression.Parameter(typeof(double?[]), "relevance");
        var fired = Expression.Parameter(typeof(bool[]), "fired");
        var compiler = new ConditionCompiler(values, relevance);
        var and = typeof(ConditionRuntime).GetMethod(nameof(ConditionRuntime.And))!;
        var isTrue = typeof(ConditionRuntime).GetMethod(nameof(ConditionRuntime.IsTrue))!;
        var body = new List<Expression>(model.Indicators.Count);
        var temporal = new List<string>();
        for (var i = 0; i < model.Indicators.Count; i++)
        {
            var indicator = model.Indicators[i];
            var conjuncts = indicator.Condition.Conjuncts().ToList();
            Expression fires;
            if (conjuncts.Any(c => c is BoundTemporal))
            {
                temporal.Add(indicator.Id);
                fires = Expression.Constant(false);
            }
            else
            {
                var condition = compiler.Truth(conjuncts[0]);
                for (var k = 1; k < conjuncts.Count; k++)
                {
                    condition = Expression.Call(and, condition, compiler.Truth(conjuncts[k]));
                }

                fires = Expression.Call(isTrue, condition);
            }

            body.Add(Expression.Assign(Expression.ArrayAccess(fired, Expression.Constant(i)), fires));
        }

        body.Add(Expression.Empty());
        _evaluate = Expression.Lambda<Action<double?[], double?[], bool[]>>(Expression.Block(body), values, relevance, fired).Compile();
        IndicatorCount = model.Indicators.Count;
        TemporalIndicators = temporal;
    }

    /// <summary>Number of indicators, the length of the <c>fired</c> array.</summary>
    public int IndicatorCount { get; }

    /// <summary>Ids of indicators with a temporal conjunct (never fired here).</summary>
    public IReadOnlyList<string> TemporalIndicators { get; }

    /// <summary>Writes, per indicator, whether it fires for the values.</summary>
    public void Evaluate(double?[] values, double?[] relevance, bool[] fired) => _evaluate(values, relevance, fired);
}
