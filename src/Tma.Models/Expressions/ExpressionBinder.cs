// One concern, kept in one file on purpose: type-checking the condition language against a model. Every node kind
// is one case of the same recursive walk with the same error mapping; splitting it would scatter that walk.
using Tma.Models.Definitions;
using Tma.Models.Diagnostics;

namespace Tma.Models.Expressions;

/// <summary>
/// Type-checks a parsed condition against a model's inputs: resolves input ids, level names and groups, and
/// reports every problem with its position. The result can reach nothing but the model's inputs and the helpers.
/// </summary>
public sealed class ExpressionBinder
{
    private static readonly string[] Functions =
    [
        "known", "unknown", "count_at_least", "any_at_least", "all_at_least", "count_known", "count_unknown",
        "sum", "max", "min", "abs", "rose_within", "observed_within",
    ];

    private readonly Dictionary<string, (InputDefinition Input, int Index)> _inputs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> _groups = new(StringComparer.Ordinal);
    private readonly List<ExpressionError> _errors = [];

    /// <summary>Creates a binder for the given inputs (in model order).</summary>
    public ExpressionBinder(IReadOnlyList<InputDefinition> inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        for (var i = 0; i < inputs.Count; i++)
        {
            _inputs.TryAdd(inputs[i].Id, (inputs[i], i));
            if (inputs[i].Group is { } group)
            {
                if (!_groups.TryGetValue(group, out var members))
                {
                    _groups[group] = members = [];
                }

                members.Add(inputs[i].Id);
            }
        }
    }

    /// <summary>Parses and checks <paramref name="text"/>, which must produce <paramref name="expected"/> (Bool or Number).</summary>
    /// <returns>The checked expression, or null with every error found.</returns>
    public (BoundExpression? Expression, IReadOnlyList<ExpressionError> Errors) Bind(string text, ValueKind expected)
    {
        _errors.Clear();
        var (tree, parseError) = Parser.Parse(text);
        if (parseError is not null || tree is null)
        {
            return (null, [parseError ?? new ExpressionError(0, "the condition could not be read")]);
        }

        var bound = BindNode(tree);
        if (bound is not null)
        {
            bound = expected == ValueKind.Bool ? ToBool(bound, tree) : ToNumber(bound, tree);
        }

        return _errors.Count > 0 || bound is null ? (null, [.. _errors]) : (bound, []);
    }

    private BoundExpression? Error(Syntax at, string message)
    {
        _errors.Add(new ExpressionError(at.Position, message));
        return null;
    }

    private BoundExpression? BindNode(Syntax syntax) => syntax switch
    {
        NumberSyntax n => new BoundNumber(n.Position, n.Value),
        BoolSyntax b => new BoundBool(b.Position, b.Value),
        NameSyntax name => BindName(name),
        MemberSyntax member => BindMember(member),
        QuotedSyntax q => Error(q, $"'{q.Name}' is a level name; compare an input with it, e.g. `item >= '{q.Name}'`"),
        GroupSyntax g => Error(g, $"`@{g.Group}` stands for several inputs and can only be used inside helpers such as `count_at_least(present, @{g.Group})`"),
        UnarySyntax { Operator: TokenKind.Not } u => BindNot(u),
        UnarySyntax u => BindNegate(u),
        BinarySyntax { Operator: TokenKind.And or TokenKind.Or } b => BindLogical(b),
        BinarySyntax { Operator: TokenKind.Plus or TokenKind.Minus or TokenKind.Star or TokenKind.Slash } b => BindArithmetic(b),
        BinarySyntax b => BindComparison(b),
        InSyntax i => BindMembership(i),
        CallSyntax c => BindCall(c),
        _ => Error(syntax, "unsupported expression"),
    };

    private BoundExpression? BindName(NameSyntax name)
    {
        if (_inputs.TryGetValue(name.Name, out var entry))
        {
            return new BoundInput(name.Position, entry.Input, entry.Index, Relevance: false);
        }

        if (Functions.Contains(name.Name))
        {
            return Error(name, $"`{name.Name}` is a helper; call it with arguments, e.g. `{name.Name}(...)`");
        }

        var levelOf = _inputs.Values.FirstOrDefault(e => e.Input.LevelIndex(name.Name) >= 0).Input;
        if (levelOf is not null)
        {
            return Error(name, $"`{name.Name}` is a level, not an input; compare an input with it, e.g. `{levelOf.Id} >= {name.Name}`");
        }

        return Error(name, $"unknown input `{name.Name}`{Suggestions.DidYouMean(name.Name, _inputs.Keys)}");
    }

    private BoundExpression? BindMember(MemberSyntax member)
    {
        if (BindName(member.Target) is not BoundInput input)
        {
            return null;
        }

        if (member.Member != "relevance")
        {
            return Error(member, $"`{input.Input.Id}.{member.Member}` does not exist; the only member is `.relevance`");
        }

        if (!input.Input.HasRelevance)
        {
            return Error(member, $"`{input.Input.Id}` is not coded for relevance; declare `relevance: true` on the input to use `{input.Input.Id}.relevance`");
        }

        return input with { Relevance = true, Position = member.Position };
    }

    private BoundExpression? BindNot(UnarySyntax u)
    {
        var operand = BindNode(u.Operand);
        return operand is null ? null : ToBool(operand, u.Operand) is { } b ? new BoundNot(u.Position, b) : null;
    }

    private BoundExpression? BindNegate(UnarySyntax u)
    {
        var operand = BindNode(u.Operand);
        return operand is null ? null : ToNumber(operand, u.Operand) is { } n ? new BoundNegate(u.Position, n) : null;
    }

    private BoundExpression? BindLogical(BinarySyntax b)
    {
        var left = BindNode(b.Left) is { } l ? ToBool(l, b.Left) : null;
        var right = BindNode(b.Right) is { } r ? ToBool(r, b.Right) : null;
        return left is null || right is null ? null : new BoundLogical(b.Position, b.Operator == TokenKind.And, left, right);
    }

    private BoundExpression? BindArithmetic(BinarySyntax b)
    {
        var left = BindNode(b.Left) is { } l ? ToNumber(l, b.Left) : null;
        var right = BindNode(b.Right) is { } r ? ToNumber(r, b.Right) : null;
        if (left is null || right is null)
        {
            return null;
        }

        var op = b.Operator switch
        {
            TokenKind.Plus => ArithmeticOperator.Add,
            TokenKind.Minus => ArithmeticOperator.Subtract,
            TokenKind.Star => ArithmeticOperator.Multiply,
            _ => ArithmeticOperator.Divide,
        };
        return new BoundArithmetic(b.Position, op, left, right);
    }

    private static bool IsLevelLike(Syntax syntax, Dictionary<string, (InputDefinition, int)> inputs) =>
        syntax is QuotedSyntax || (syntax is NameSyntax n && !inputs.ContainsKey(n.Name));

    private static string LevelName(Syntax syntax) => syntax is QuotedSyntax q ? q.Name : ((NameSyntax)syntax).Name;

    private BoundExpression? BindLevelOf(Syntax syntax, BoundInput partner)
    {
        var name = LevelName(syntax);
        var index = -1;
        for (var i = 0; i < partner.Scale.Count; i++)
        {
            if (partner.Scale[i].Id == name)
            {
                index = i;
            }
        }

        if (index >= 0)
        {
            return new BoundLevel(syntax.Position, name, index);
        }

        var levels = string.Join(", ", partner.Scale.Select(l => l.Id));
        var what = partner.Input.Type == InputType.Categorical ? "category" : "level";
        return Error(syntax, $"`{name}` is not a {what} of `{partner.Name}`{Suggestions.DidYouMean(name, partner.Scale.Select(l => l.Id))} ({what}s: {levels}); the comparison could never be true");
    }

    private (BoundExpression? Left, BoundExpression? Right) BindComparisonSides(Syntax leftSyntax, Syntax rightSyntax)
    {
        var leftIsLevel = IsLevelLike(leftSyntax, _inputs);
        var rightIsLevel = IsLevelLike(rightSyntax, _inputs);
        if (leftIsLevel && !rightIsLevel)
        {
            var right = BindNode(rightSyntax);
            return right is BoundInput { Kind: ValueKind.Level or ValueKind.Category } ri ? (BindLevelOf(leftSyntax, ri), right) : (BindNode(leftSyntax), right);
        }

        if (rightIsLevel && !leftIsLevel)
        {
            var left = BindNode(leftSyntax);
            return left is BoundInput { Kind: ValueKind.Level or ValueKind.Category } li ? (left, BindLevelOf(rightSyntax, li)) : (left, BindNode(rightSyntax));
        }

        if (leftIsLevel && rightIsLevel && leftSyntax is NameSyntax)
        {
            // `fixaton >= present`: the left name is a misspelled input; one message about it is enough.
            return (BindNode(leftSyntax), null);
        }

        return (BindNode(leftSyntax), BindNode(rightSyntax));
    }

    private BoundExpression? BindComparison(BinarySyntax b)
    {
        var op = b.Operator switch
        {
            TokenKind.Equal => ComparisonOperator.Equal,
            TokenKind.NotEqual => ComparisonOperator.NotEqual,
            TokenKind.Less => ComparisonOperator.Less,
            TokenKind.LessOrEqual => ComparisonOperator.LessOrEqual,
            TokenKind.Greater => ComparisonOperator.Greater,
            _ => ComparisonOperator.GreaterOrEqual,
        };
        var (left, right) = BindComparisonSides(b.Left, b.Right);
        if (left is null || right is null)
        {
            return null;
        }

        var ordering = op is not (ComparisonOperator.Equal or ComparisonOperator.NotEqual);
        switch (left, right)
        {
            case (BoundInput { Kind: ValueKind.Category }, BoundLevel) or (BoundLevel, BoundInput { Kind: ValueKind.Category })
                when ordering:
                var category = left as BoundInput ?? (BoundInput)right;
                return Error(b, $"`{category.Name}` is categorical: its categories have no order, so only `==`, `!=` and `in` apply");
            case (BoundInput { Kind: ValueKind.Level or ValueKind.Category }, BoundLevel) or (BoundLevel, BoundInput { Kind: ValueKind.Level or ValueKind.Category }):
                return new BoundComparison(b.Position, op, left, right);
            case (BoundInput { Kind: ValueKind.Category } lc, BoundInput { Kind: ValueKind.Category } rc):
                if (ordering || !SameScale(lc, rc))
                {
                    return Error(b, $"`{lc.Name}` and `{rc.Name}` cannot be compared: {(ordering ? "categories have no order" : "they have different categories")}");
                }

                return new BoundComparison(b.Position, op, left, right);
            case (BoundInput { Kind: ValueKind.Level } ll, BoundInput { Kind: ValueKind.Level } rl) when SameScale(ll, rl):
                return new BoundComparison(b.Position, op, left, right);
            case (BoundLevel, BoundLevel):
                return Error(b, "two level names are compared with each other; compare an input with a level");
            case (_, _) when left.Kind == ValueKind.Bool || right.Kind == ValueKind.Bool:
                if (ordering)
                {
                    return Error(b, "truth values can only be compared with `==` or `!=`");
                }

                var lb = ToBool(left, b.Left);
                var rb = ToBool(right, b.Right);
                return lb is null || rb is null ? null : new BoundComparison(b.Position, op, lb, rb);
            default:
                var ln = ToNumber(left, b.Left);
                var rn = ToNumber(right, b.Right);
                return ln is null || rn is null ? null : new BoundComparison(b.Position, op, ln, rn);
        }
    }

    private static bool SameScale(BoundInput a, BoundInput b) =>
        a.Scale.Select(l => l.Id).SequenceEqual(b.Scale.Select(l => l.Id), StringComparer.Ordinal);

    private BoundExpression? BindMembership(InSyntax syntax)
    {
        var value = BindNode(syntax.Value);
        if (value is null)
        {
            return null;
        }

        var members = new List<double>();
        foreach (var item in syntax.Set)
        {
            switch (value, item)
            {
                case (BoundInput { Kind: ValueKind.Level or ValueKind.Category } input, QuotedSyntax or NameSyntax):
                    if (BindLevelOf(item, input) is BoundLevel level)
                    {
                        members.Add(level.LevelIndex);
                    }

                    break;
                case (_, NumberSyntax number) when value.Kind == ValueKind.Number:
                    members.Add(number.Value);
                    break;
                default:
                    Error(item, "`in` lists level names of an input (e.g. `relationship in [supervisor, colleague]`) or numbers for a number");
                    break;
            }
        }

        return members.Count == syntax.Set.Count ? new BoundMembership(syntax.Position, value, members, syntax.Negated) : null;
    }

    private BoundExpression? BindCall(CallSyntax call)
    {
        var args = call.Arguments;
        switch (call.Function)
        {
            case "known" or "unknown":
                if (args.Count != 1 || BindNode(args[0]) is not { } target)
                {
                    return args.Count != 1 ? Error(call, $"`{call.Function}` takes exactly one input") : null;
                }

                return target is BoundInput input
                    ? new BoundKnown(call.Position, input, call.Function == "known")
                    : Error(args[0], $"`{call.Function}` takes an input, e.g. `{call.Function}(fixation)`");
            case "count_at_least" or "any_at_least" or "all_at_least":
                return BindLevelCount(call);
            case "count_known" or "count_unknown":
                var items = BindItems(call, args);
                return items is null ? null : new BoundItemCount(call.Position, call.Function == "count_known" ? ItemCountKind.CountKnown : ItemCountKind.CountUnknown, items, [], null);
            case "sum" or "max" or "min":
                return BindAggregate(call);
            case "abs":
                if (args.Count != 1)
                {
                    return Error(call, "`abs` takes exactly one number");
                }

                return BindNode(args[0]) is { } a && ToNumber(a, args[0]) is { } n ? new BoundAbs(call.Position, n) : null;
            case "rose_within" or "observed_within":
                return BindTemporal(call);
            default:
                return Error(call, $"unknown helper `{call.Function}`{Suggestions.DidYouMean(call.Function, Functions)} (helpers: {string.Join(", ", Functions)})");
        }
    }

    private List<BoundInput>? BindItems(CallSyntax call, IEnumerable<Syntax> syntaxes)
    {
        var items = new List<BoundInput>();
        var ok = true;
        foreach (var syntax in syntaxes)
        {
            switch (syntax)
            {
                case GroupSyntax group when _groups.TryGetValue(group.Group, out var members):
                    items.AddRange(members.Select(m => new BoundInput(group.Position, _inputs[m].Input, _inputs[m].Index, false)));
                    break;
                case GroupSyntax group:
                    Error(group, $"unknown group `@{group.Group}`{Suggestions.DidYouMean(group.Group, _groups.Keys)}");
                    ok = false;
                    break;
                default:
                    if (BindNode(syntax) is BoundInput input)
                    {
                        items.Add(input);
                    }
                    else
                    {
                        ok = false;
                        if (syntax is not NameSyntax and not MemberSyntax)
                        {
                            Error(syntax, $"`{call.Function}` counts inputs or `@group`s, not expressions");
                        }
                    }

                    break;
            }
        }

        if (ok && items.Count == 0)
        {
            Error(call, $"`{call.Function}` needs at least one input or `@group`");
            return null;
        }

        if (items.Count > ExpressionLimits.MaxArguments)
        {
            Error(call, $"`{call.Function}` has {items.Count} items; the limit is {ExpressionLimits.MaxArguments}");
            return null;
        }

        return ok ? items : null;
    }

    private BoundExpression? BindLevelCount(CallSyntax call)
    {
        if (call.Arguments.Count < 2 || call.Arguments[0] is not (NameSyntax or QuotedSyntax))
        {
            return Error(call, $"`{call.Function}` takes a level and then inputs or groups, e.g. `{call.Function}(present, @proximal)`");
        }

        var levelId = LevelName(call.Arguments[0]);
        var items = BindItems(call, call.Arguments.Skip(1));
        if (items is null)
        {
            return null;
        }

        var thresholds = new List<int>();
        foreach (var item in items)
        {
            if (!item.Input.IsOrdered)
            {
                Error(call.Arguments[0], $"`{item.Name}` has no ordered levels, so `{call.Function}` cannot count it");
                continue;
            }

            var index = item.Input.LevelIndex(levelId);
            if (index < 0)
            {
                Error(call.Arguments[0], $"`{levelId}` is not a level of `{item.Name}`{Suggestions.DidYouMean(levelId, item.Scale.Select(l => l.Id))} (levels: {string.Join(", ", item.Scale.Select(l => l.Id))}); the count could never include it");
                continue;
            }

            thresholds.Add(index);
        }

        if (thresholds.Count != items.Count)
        {
            return null;
        }

        var helper = call.Function switch
        {
            "count_at_least" => ItemCountKind.CountAtLeast,
            "any_at_least" => ItemCountKind.AnyAtLeast,
            _ => ItemCountKind.AllAtLeast,
        };
        return new BoundItemCount(call.Position, helper, items, thresholds, levelId);
    }

    private BoundExpression? BindAggregate(CallSyntax call)
    {
        var arguments = new List<BoundExpression>();
        var ok = call.Arguments.Count > 0;
        foreach (var syntax in call.Arguments)
        {
            if (syntax is GroupSyntax)
            {
                var items = BindItems(call, [syntax]);
                if (items is null)
                {
                    ok = false;
                    continue;
                }

                foreach (var item in items)
                {
                    if (ToNumber(item, syntax) is { } n)
                    {
                        arguments.Add(n);
                    }
                    else
                    {
                        ok = false;
                    }
                }

                continue;
            }

            if (BindNode(syntax) is { } bound && ToNumber(bound, syntax) is { } number)
            {
                arguments.Add(number);
            }
            else
            {
                ok = false;
            }
        }

        if (call.Arguments.Count == 0)
        {
            return Error(call, $"`{call.Function}` needs at least one value");
        }

        if (arguments.Count > ExpressionLimits.MaxArguments)
        {
            return Error(call, $"`{call.Function}` has {arguments.Count} values; the limit is {ExpressionLimits.MaxArguments}");
        }

        var helper = call.Function switch
        {
            "sum" => AggregateKind.Sum,
            "max" => AggregateKind.Max,
            _ => AggregateKind.Min,
        };
        return ok ? new BoundAggregate(call.Position, helper, arguments) : null;
    }

    private BoundExpression? BindTemporal(CallSyntax call)
    {
        var rose = call.Function == "rose_within";
        var usage = rose ? "`rose_within(item, levels, days)`, e.g. `rose_within(threats, 1, 30)`" : "`observed_within(item, level, days)`, e.g. `observed_within(threats, present, 14)`";
        if (call.Arguments.Count != 3 || call.Arguments[2] is not NumberSyntax days || days.Value < 1 || days.Value != Math.Floor(days.Value) || days.Value > 3650)
        {
            return Error(call, $"write {usage}; days is a whole number from 1 to 3650");
        }

        if (BindNode(call.Arguments[0]) is not BoundInput item)
        {
            return call.Arguments[0] is NameSyntax ? null : Error(call.Arguments[0], $"the first argument of `{call.Function}` is an input");
        }

        if (!item.Input.IsOrdered || item.Relevance)
        {
            return Error(call.Arguments[0], $"`{item.Name}` has no ordered levels to follow over time");
        }

        if (rose)
        {
            if (call.Arguments[1] is not NumberSyntax levels || levels.Value < 1 || levels.Value != Math.Floor(levels.Value))
            {
                return Error(call.Arguments[1], $"the number of levels is a whole number of at least 1; write {usage}");
            }

            return new BoundTemporal(call.Position, TemporalKind.RoseWithin, item, (int)levels.Value, (int)days.Value);
        }

        if (call.Arguments[1] is not (NameSyntax or QuotedSyntax))
        {
            return Error(call.Arguments[1], $"the second argument is a level name; write {usage}");
        }

        return BindLevelOf(call.Arguments[1], item) is BoundLevel level
            ? new BoundTemporal(call.Position, TemporalKind.ObservedWithin, item, level.LevelIndex, (int)days.Value)
            : null;
    }

    private BoundExpression? ToBool(BoundExpression bound, Syntax at) => bound switch
    {
        { Kind: ValueKind.Bool } => bound,
        BoundInput { Input.Type: InputType.Binary, Relevance: false } input => new BoundTruth(bound.Position, input),
        BoundInput input => Error(at, $"`{input.Name}` is not a truth value; compare it, e.g. `{input.Name} {(input.Kind == ValueKind.Number ? ">= 1" : input.Kind == ValueKind.Category ? "== " + input.Scale[0].Id : ">= " + input.Scale[^1].Id)}`"),
        _ => Error(at, "a truth value (a comparison, `and`, `or`, `not` or a helper such as `any_at_least`) is needed here, not a number"),
    };

    private BoundExpression? ToNumber(BoundExpression bound, Syntax at) => bound switch
    {
        { Kind: ValueKind.Number } => bound,
        BoundInput { Kind: ValueKind.Level } input => new BoundScore(bound.Position, input),
        BoundInput { Kind: ValueKind.Category } input => Error(at, $"`{input.Name}` is categorical and has no numeric value"),
        BoundLevel level => Error(at, $"`{level.LevelId}` is a level; compare an input with it"),
        _ => Error(at, "a number is needed here, not a truth value"),
    };
}
