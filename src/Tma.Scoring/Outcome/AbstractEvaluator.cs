using Tma.Models.Cases;
using Tma.Models.Definitions;
using Tma.Scoring.Compilation;

namespace Tma.Scoring.Outcome;

/// <summary>
/// Evaluates a checked expression over every completion of a case at once (abstract interpretation): each input that is
/// unknown or stale may take any value of its scale or stay unknown, a contested input any value between its lowest and
/// highest report, and a known input only its value. The result contains every value a completion can produce (it may
/// contain more where the expression reads one input twice), so "cannot fire" and "must fire" are never claimed wrongly.
/// The semantics mirror <see cref="ConditionRuntime"/> operator by operator.
/// </summary>
internal sealed class AbstractEvaluator
{
    private readonly ModelDefinition _model;
    private readonly ResolvedCase _case;

    public AbstractEvaluator(ModelDefinition model, ResolvedCase data)
    {
        _model = model;
        _case = data;
    }

    /// <summary>True when input <paramref name="index"/> can still change: unknown, stale, or contested without a value in use.</summary>
    public bool IsOpen(int index) => IsOpen(_case, index);

    /// <summary>
    /// Whether an input of a case is open. A contested ordered input is scored with its more concerning report until
    /// the contradiction is resolved (the assessment says so), so it counts as known; a contested category or number
    /// has no more concerning report and stays open.
    /// </summary>
    /// <summary>Whether any input of the case is open (see <see cref="IsOpen(ResolvedCase, int)"/>).</summary>
    public static bool AnyOpen(ResolvedCase data)
    {
        for (var i = 0; i < data.Values.Count; i++)
        {
            if (IsOpen(data, i))
            {
                return true;
            }
        }

        return false;
    }

    public static bool IsOpen(ResolvedCase data, int index) => data.StateOf(index).Status switch
    {
        InputStatus.Unknown or InputStatus.Stale => true,
        InputStatus.Contested => data.Values[index] is null,
        _ => false,
    };

    public TruthSet Truth(BoundExpression node) => node switch
    {
        BoundBool b => TruthSets.Of(b.Value),
        BoundTruth truth => TruthOf(Input(truth.Value)),
        BoundComparison comparison => Compare(comparison.Operator, Number(comparison.Left), Number(comparison.Right)),
        BoundLogical logical => TruthSets.Combine(Truth(logical.Left), Truth(logical.Right), logical.IsAnd ? ConditionRuntime.And : ConditionRuntime.Or),
        BoundNot not => TruthSets.Map(Truth(not.Operand), ConditionRuntime.Not),
        BoundMembership membership => Membership(membership),
        BoundKnown known => Known(Input(known.Value), known.WantKnown),
        BoundItemCount { Helper: ItemCountKind.AnyAtLeast } any => AnyAtLeast(any),
        BoundItemCount { Helper: ItemCountKind.AllAtLeast } all => AllAtLeast(all),
        BoundTemporal temporal => Temporal(temporal),
        _ => throw new InvalidOperationException($"{node.GetType().Name} is not a truth value."),
    };

    public NumberRange Number(BoundExpression node) => node switch
    {
        BoundNumber n => NumberRange.Point(n.Value),
        BoundLevel level => NumberRange.Point(level.LevelIndex),
        BoundInput input => Input(input),
        BoundScore score => Score(score),
        BoundArithmetic arithmetic => Arithmetic(arithmetic.Operator, Number(arithmetic.Left), Number(arithmetic.Right)),
        BoundNegate negate => Lift(Number(negate.Operand), static r => (-r.Hi, -r.Lo)),
        BoundAbs abs => Lift(Number(abs.Operand), static r => r.Lo >= 0 ? (r.Lo, r.Hi) : r.Hi <= 0 ? (-r.Hi, -r.Lo) : (0, Math.Max(-r.Lo, r.Hi))),
        BoundItemCount count => Count(count),
        BoundAggregate aggregate => Aggregate(aggregate),
        _ => throw new InvalidOperationException($"{node.GetType().Name} is not a number."),
    };

    /// <summary>The values input <paramref name="input"/> (or its relevance axis) can take.</summary>
    public NumberRange Input(BoundInput input)
    {
        var index = input.InputIndex;
        var state = _case.StateOf(index);
        if (input.Relevance)
        {
            // The relevance axis is answered with the value; while unknown it may take any of its levels.
            return _case.Relevance[index] is { } r && state.Status is InputStatus.Given or InputStatus.Observed
                ? NumberRange.Point(r)
                : Free(input);
        }

        return state.Status switch
        {
            InputStatus.Unknown or InputStatus.Stale => Free(input),
            InputStatus.Contested when _case.Values[index] is { } used => NumberRange.Point(used),
            InputStatus.Contested when state.Low is { } low && state.High is { } high => new NumberRange(low, high, true, false),
            InputStatus.Contested => Free(input),
            _ => _case.Values[index] is { } v ? NumberRange.Point(v) : Free(input),
        };
    }

    private static NumberRange Free(BoundInput input)
    {
        if (input.Input.Type == InputType.Numeric && !input.Relevance)
        {
            return new NumberRange(input.Input.Minimum ?? double.NegativeInfinity, input.Input.Maximum ?? double.PositiveInfinity, true, true);
        }

        return new NumberRange(0, input.Scale.Count - 1, true, true);
    }

    private NumberRange Score(BoundScore score)
    {
        var index = Input(score.Value);
        if (!index.MayKnown)
        {
            return NumberRange.UnknownOnly;
        }

        var scale = score.Value.Scale;
        var lo = double.PositiveInfinity;
        var hi = double.NegativeInfinity;
        for (var l = (int)index.Lo; l <= (int)index.Hi; l++)
        {
            lo = Math.Min(lo, scale[l].Score);
            hi = Math.Max(hi, scale[l].Score);
        }

        return new NumberRange(lo, hi, true, index.MayUnknown);
    }

    private static NumberRange Lift(NumberRange value, Func<NumberRange, (double Lo, double Hi)> map)
    {
        if (!value.MayKnown)
        {
            return NumberRange.UnknownOnly;
        }

        var (lo, hi) = map(value);
        return new NumberRange(lo, hi, true, value.MayUnknown);
    }

    private static NumberRange Arithmetic(ArithmeticOperator op, NumberRange left, NumberRange right)
    {
        if (!left.MayKnown || !right.MayKnown)
        {
            return NumberRange.UnknownOnly;
        }

        var mayUnknown = left.MayUnknown || right.MayUnknown;
        switch (op)
        {
            case ArithmeticOperator.Add:
                return new NumberRange(left.Lo + right.Lo, left.Hi + right.Hi, true, mayUnknown);
            case ArithmeticOperator.Subtract:
                return new NumberRange(left.Lo - right.Hi, left.Hi - right.Lo, true, mayUnknown);
            case ArithmeticOperator.Multiply:
                return Corners(left, right, Product, mayUnknown);
            default:
                if (right.Lo == 0 && right.Hi == 0)
                {
                    return NumberRange.UnknownOnly;
                }

                // Division by zero gives unknown; a divisor range that touches or spans 0 makes the quotient unbounded.
                return right.Lo <= 0 && right.Hi >= 0
                    ? new NumberRange(double.NegativeInfinity, double.PositiveInfinity, true, true)
                    : Corners(left, right, static (a, b) => a / b, mayUnknown);
        }
    }

    // 0 × ∞ is 0 here: an unbounded input multiplied by a zero weight contributes nothing.
    private static double Product(double a, double b) => a == 0 || b == 0 ? 0 : a * b;

    private static NumberRange Corners(NumberRange left, NumberRange right, Func<double, double, double> op, bool mayUnknown)
    {
        double[] corners = [op(left.Lo, right.Lo), op(left.Lo, right.Hi), op(left.Hi, right.Lo), op(left.Hi, right.Hi)];
        if (corners.Any(double.IsNaN))
        {
            // ∞ / ∞: the quotient of two unbounded inputs is unbounded.
            return new NumberRange(double.NegativeInfinity, double.PositiveInfinity, true, mayUnknown);
        }

        return new NumberRange(corners.Min(), corners.Max(), true, mayUnknown);
    }

    private NumberRange Count(BoundItemCount count)
    {
        var definite = 0;
        var possible = 0;
        for (var k = 0; k < count.Items.Count; k++)
        {
            var item = Input(count.Items[k]);
            switch (count.Helper)
            {
                case ItemCountKind.CountAtLeast:
                    var threshold = count.Thresholds[k];
                    definite += item.IsDefinitelyKnown && item.Lo >= threshold ? 1 : 0;
                    possible += item.MayKnown && item.Hi >= threshold ? 1 : 0;
                    break;
                case ItemCountKind.CountKnown:
                    definite += item.IsDefinitelyKnown ? 1 : 0;
                    possible += item.MayKnown ? 1 : 0;
                    break;
                default:
                    definite += item.MayKnown ? 0 : 1;
                    possible += item.MayUnknown ? 1 : 0;
                    break;
            }
        }

        return new NumberRange(definite, possible, true, false);
    }

    private NumberRange Aggregate(BoundAggregate aggregate)
    {
        var arguments = aggregate.Arguments.Select(Number).ToArray();
        if (aggregate.Helper == AggregateKind.Sum)
        {
            // Unknown arguments count 0, as in the runtime.
            var lo = 0.0;
            var hi = 0.0;
            foreach (var argument in arguments)
            {
                var known = argument.UnknownAs(0);
                lo += known.Lo;
                hi += known.Hi;
            }

            return new NumberRange(lo, hi, true, false);
        }

        // max/min skip unknown arguments and are unknown when none is known.
        var possible = arguments.Where(a => a.MayKnown).ToArray();
        if (possible.Length == 0)
        {
            return NumberRange.UnknownOnly;
        }

        var definite = possible.Where(a => !a.MayUnknown).ToArray();
        var isMax = aggregate.Helper == AggregateKind.Max;
        var low = isMax
            ? definite.Length > 0 ? definite.Max(a => a.Lo) : possible.Min(a => a.Lo)
            : possible.Min(a => a.Lo);
        var high = isMax
            ? possible.Max(a => a.Hi)
            : definite.Length > 0 ? definite.Min(a => a.Hi) : possible.Max(a => a.Hi);
        return new NumberRange(low, high, true, definite.Length == 0);
    }

    private static TruthSet TruthOf(NumberRange value)
    {
        var result = value.MayUnknown ? TruthSet.Unknown : TruthSet.None;
        if (value.MayKnown)
        {
            result |= value.Hi >= 1 ? TruthSet.True : TruthSet.None;
            result |= value.Lo < 1 ? TruthSet.False : TruthSet.None;
        }

        return result;
    }

    private static TruthSet Compare(ComparisonOperator op, NumberRange left, NumberRange right)
    {
        var result = left.MayUnknown || right.MayUnknown ? TruthSet.Unknown : TruthSet.None;
        if (!left.MayKnown || !right.MayKnown)
        {
            return result;
        }

        var (canTrue, canFalse) = op switch
        {
            ComparisonOperator.Equal => (Overlap(left, right), !SamePoint(left, right)),
            ComparisonOperator.NotEqual => (!SamePoint(left, right), Overlap(left, right)),
            ComparisonOperator.Less => (left.Lo < right.Hi, left.Hi >= right.Lo),
            ComparisonOperator.LessOrEqual => (left.Lo <= right.Hi, left.Hi > right.Lo),
            ComparisonOperator.Greater => (left.Hi > right.Lo, left.Lo <= right.Hi),
            _ => (left.Hi >= right.Lo, left.Lo < right.Hi),
        };
        return result | (canTrue ? TruthSet.True : TruthSet.None) | (canFalse ? TruthSet.False : TruthSet.None);

        static bool Overlap(NumberRange a, NumberRange b) => a.Lo <= b.Hi && b.Lo <= a.Hi;

        static bool SamePoint(NumberRange a, NumberRange b) => a.Lo == a.Hi && b.Lo == b.Hi && a.Lo == b.Lo;
    }

    private TruthSet Membership(BoundMembership membership)
    {
        var value = Number(membership.Value);
        var result = value.MayUnknown ? TruthSet.Unknown : TruthSet.None;
        if (!value.MayKnown)
        {
            return result;
        }

        var found = membership.Members.Any(m => m >= value.Lo && m <= value.Hi);
        bool notFound;
        if (membership.Value.Kind is ValueKind.Level or ValueKind.Category)
        {
            // Positions are whole numbers: some position in the range is not a member.
            notFound = false;
            for (var p = value.Lo; p <= value.Hi && !notFound; p++)
            {
                notFound = !membership.Members.Contains(p);
            }
        }
        else
        {
            notFound = !(value.Lo == value.Hi && membership.Members.Contains(value.Lo));
        }

        var (canTrue, canFalse) = membership.Negated ? (notFound, found) : (found, notFound);
        return result | (canTrue ? TruthSet.True : TruthSet.None) | (canFalse ? TruthSet.False : TruthSet.None);
    }

    private static TruthSet Known(NumberRange value, bool wantKnown)
    {
        var (canKnown, canUnknown) = (value.MayKnown, value.MayUnknown);
        var (canTrue, canFalse) = wantKnown ? (canKnown, canUnknown) : (canUnknown, canKnown);
        return (canTrue ? TruthSet.True : TruthSet.None) | (canFalse ? TruthSet.False : TruthSet.None);
    }

    // any_at_least: true if a known item reaches its level; otherwise unknown if an item is unknown; otherwise false.
    private TruthSet AnyAtLeast(BoundItemCount count)
    {
        var items = count.Items.Select(Input).ToArray();
        var canTrue = false;
        var someMet = false;
        var someMayUnknown = false;
        var allCanMiss = true;
        for (var k = 0; k < items.Length; k++)
        {
            var (item, threshold) = (items[k], count.Thresholds[k]);
            canTrue |= item.MayKnown && item.Hi >= threshold;
            someMet |= item.IsDefinitelyKnown && item.Lo >= threshold;
            someMayUnknown |= item.MayUnknown;
            allCanMiss &= item.MayKnown && item.Lo < threshold;
        }

        return (canTrue ? TruthSet.True : TruthSet.None)
            | (!someMet && someMayUnknown ? TruthSet.Unknown : TruthSet.None)
            | (allCanMiss ? TruthSet.False : TruthSet.None);
    }

    // all_at_least: false if a known item is below its level; otherwise unknown if an item is unknown; otherwise true.
    private TruthSet AllAtLeast(BoundItemCount count)
    {
        var items = count.Items.Select(Input).ToArray();
        var canFalse = false;
        var someFailed = false;
        var someMayUnknown = false;
        var allCanMeet = true;
        for (var k = 0; k < items.Length; k++)
        {
            var (item, threshold) = (items[k], count.Thresholds[k]);
            canFalse |= item.MayKnown && item.Lo < threshold;
            someFailed |= item.IsDefinitelyKnown && item.Hi < threshold;
            someMayUnknown |= item.MayUnknown;
            allCanMeet &= item.MayKnown && item.Hi >= threshold;
        }

        return (canFalse ? TruthSet.False : TruthSet.None)
            | (!someFailed && someMayUnknown ? TruthSet.Unknown : TruthSet.None)
            | (allCanMeet ? TruthSet.True : TruthSet.None);
    }

    // Helpers over observations: exact on the recorded history; a fresh answer to an open item could still make them true.
    private TruthSet Temporal(BoundTemporal temporal)
    {
        if (TemporalTruth.Evaluate(temporal, _case.Observations, _case.AsOf))
        {
            return TruthSet.True;
        }

        return IsOpen(temporal.Item.InputIndex) ? TruthSet.True | TruthSet.False : TruthSet.False;
    }
}
