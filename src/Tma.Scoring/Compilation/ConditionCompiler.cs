using System.Linq.Expressions;
using System.Reflection;
using Tma.Models.Definitions;

namespace Tma.Scoring.Compilation;

/// <summary>
/// Compiles checked expressions into LINQ expression trees. Truth values become <c>bool?</c>, numbers
/// <c>double?</c> (null = unknown). How input values are reached is up to the caller: a rule-engine fact's
/// fields, or plain arrays.
/// </summary>
internal sealed class ConditionCompiler
{
    private static readonly Type Runtime = typeof(ConditionRuntime);
    private readonly Func<int, Expression> _value;
    private readonly Func<int, Expression> _relevance;
    private readonly Expression _valuesArray;

    /// <param name="values">Expression of type <c>double?[]</c> holding the current values.</param>
    /// <param name="relevance">Expression of type <c>double?[]</c> holding the relevance axis.</param>
    public ConditionCompiler(Expression values, Expression relevance)
    {
        _valuesArray = values;
        _value = i => Expression.ArrayIndex(values, Expression.Constant(i));
        _relevance = i => Expression.ArrayIndex(relevance, Expression.Constant(i));
    }

    /// <summary>Compiles a truth-valued expression to an expression of type <c>bool?</c>.</summary>
    public Expression Truth(BoundExpression node) => Compile(node);

    /// <summary>Compiles a number-valued expression to an expression of type <c>double?</c>.</summary>
    public Expression Number(BoundExpression node) => Compile(node);

    /// <summary>Compiles <paramref name="node"/> and wraps it as <c>(values, relevance) =&gt; …</c>.</summary>
    public static Func<double?[], double?[], double?> NumberDelegate(BoundExpression node)
    {
        var values = Expression.Parameter(typeof(double?[]), "values");
        var relevance = Expression.Parameter(typeof(double?[]), "relevance");
        var body = new ConditionCompiler(values, relevance).Number(node);
        return Expression.Lambda<Func<double?[], double?[], double?>>(body, values, relevance).Compile();
    }

    /// <summary>Compiles a condition as <c>(values, relevance) =&gt; bool?</c>.</summary>
    public static Func<double?[], double?[], bool?> TruthDelegate(BoundExpression node)
    {
        var values = Expression.Parameter(typeof(double?[]), "values");
        var relevance = Expression.Parameter(typeof(double?[]), "relevance");
        var body = new ConditionCompiler(values, relevance).Truth(node);
        return Expression.Lambda<Func<double?[], double?[], bool?>>(body, values, relevance).Compile();
    }

    private static MethodInfo Method(string name) =>
        Runtime.GetMethod(name, BindingFlags.Public | BindingFlags.Static) ?? throw new InvalidOperationException($"Missing runtime helper {name}.");

    private static Expression Call(string name, params Expression[] arguments) => Expression.Call(Method(name), arguments);

    private static Expression NullableNumber(double value) => Expression.Constant(value, typeof(double?));

    private Expression Compile(BoundExpression node) => node switch
    {
        BoundNumber n => NullableNumber(n.Value),
        BoundBool b => Expression.Constant(b.Value, typeof(bool?)),
        BoundInput input => input.Relevance ? _relevance(input.InputIndex) : _value(input.InputIndex),
        BoundLevel level => NullableNumber(level.LevelIndex),
        BoundScore score => Call(nameof(ConditionRuntime.Score), Compile(score.Value), Expression.Constant(score.Value.Scale.Select(l => l.Score).ToArray())),
        BoundTruth truth => Call(nameof(ConditionRuntime.Truth), Compile(truth.Value)),
        BoundComparison comparison => Comparison(comparison),
        BoundLogical logical => Call(logical.IsAnd ? nameof(ConditionRuntime.And) : nameof(ConditionRuntime.Or), Compile(logical.Left), Compile(logical.Right)),
        BoundNot not => Call(nameof(ConditionRuntime.Not), Compile(not.Operand)),
        BoundArithmetic arithmetic => Arithmetic(arithmetic),
        BoundNegate negate => Expression.Negate(Compile(negate.Operand)),
        BoundAbs abs => Expression.Call(typeof(ConditionCompiler).GetMethod(nameof(Abs), BindingFlags.NonPublic | BindingFlags.Static)!, Compile(abs.Operand)),
        BoundMembership membership => Call(nameof(ConditionRuntime.In), Compile(membership.Value), Expression.Constant(membership.Members.ToArray()), Expression.Constant(membership.Negated)),
        BoundKnown known => Known(known),
        BoundItemCount count => ItemCount(count),
        BoundAggregate aggregate => Aggregate(aggregate),
        BoundTemporal => throw new InvalidOperationException("Helpers over observations are compiled as rule joins, not as expressions."),
        _ => throw new InvalidOperationException($"Unsupported expression node {node.GetType().Name}."),
    };

    private static double? Abs(double? value) => value is { } v ? Math.Abs(v) : null;

    private Expression Comparison(BoundComparison comparison)
    {
        var left = Compile(comparison.Left);
        var right = Compile(comparison.Right);
        var type = comparison.Operator switch
        {
            ComparisonOperator.Equal => ExpressionType.Equal,
            ComparisonOperator.NotEqual => ExpressionType.NotEqual,
            ComparisonOperator.Less => ExpressionType.LessThan,
            ComparisonOperator.LessOrEqual => ExpressionType.LessThanOrEqual,
            ComparisonOperator.Greater => ExpressionType.GreaterThan,
            _ => ExpressionType.GreaterThanOrEqual,
        };

        // liftToNull: a comparison with an unknown side is unknown, not false.
        return Expression.MakeBinary(type, left, right, liftToNull: true, method: null);
    }

    private Expression Arithmetic(BoundArithmetic arithmetic)
    {
        var left = Compile(arithmetic.Left);
        var right = Compile(arithmetic.Right);
        return arithmetic.Operator switch
        {
            ArithmeticOperator.Add => Expression.Add(left, right),
            ArithmeticOperator.Subtract => Expression.Subtract(left, right),
            ArithmeticOperator.Multiply => Expression.Multiply(left, right),
            _ => Call(nameof(ConditionRuntime.Divide), left, right),
        };
    }

    // Rule-engine conditions cannot read members of array elements, so known()/unknown() go through helpers.
    private Expression Known(BoundKnown known) =>
        Call(known.WantKnown ? nameof(ConditionRuntime.IsKnown) : nameof(ConditionRuntime.IsUnknown), Compile(known.Value));

    private Expression ItemCount(BoundItemCount count)
    {
        var items = Expression.Constant(count.Items.Select(i => i.InputIndex).ToArray());
        var thresholds = Expression.Constant(count.Thresholds.ToArray());
        var result = count.Helper switch
        {
            ItemCountKind.CountAtLeast => Call(nameof(ConditionRuntime.CountAtLeast), _valuesArray, items, thresholds),
            ItemCountKind.AnyAtLeast => Call(nameof(ConditionRuntime.AnyAtLeast), _valuesArray, items, thresholds),
            ItemCountKind.AllAtLeast => Call(nameof(ConditionRuntime.AllAtLeast), _valuesArray, items, thresholds),
            ItemCountKind.CountKnown => Call(nameof(ConditionRuntime.CountKnown), _valuesArray, items),
            _ => Call(nameof(ConditionRuntime.CountUnknown), _valuesArray, items),
        };
        return result.Type == typeof(double) ? Expression.Convert(result, typeof(double?)) : result;
    }

    // sum/max/min are unrolled over their arguments (no array per evaluation), in argument order, exactly as the loop
    // definitions read: sum = ((0 + a₀) + a₁) + … with unknown counting 0; max/min fold from unknown.
    private Expression Aggregate(BoundAggregate aggregate)
    {
        if (aggregate.Helper == AggregateKind.Sum)
        {
            Expression sum = Expression.Constant(0.0);
            foreach (var argument in aggregate.Arguments)
            {
                sum = Expression.Add(sum, Expression.Coalesce(Compile(argument), Expression.Constant(0.0)));
            }

            return Expression.Convert(sum, typeof(double?));
        }

        var step = Method(aggregate.Helper == AggregateKind.Max ? nameof(ConditionRuntime.MaxStep) : nameof(ConditionRuntime.MinStep));
        Expression result = Expression.Constant(null, typeof(double?));
        foreach (var argument in aggregate.Arguments)
        {
            result = Expression.Call(step, result, Compile(argument));
        }

        return result;
    }
}
