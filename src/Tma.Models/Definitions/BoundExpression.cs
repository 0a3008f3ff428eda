namespace Tma.Models.Definitions;

/// <summary>What a checked expression produces.</summary>
public enum ValueKind
{
    /// <summary>true / false / unknown.</summary>
    Bool,

    /// <summary>A number, or unknown.</summary>
    Number,

    /// <summary>A position on an ordered scale, or unknown.</summary>
    Level,

    /// <summary>A category of an unordered scale, or unknown.</summary>
    Category,
}

/// <summary>Comparison operators.</summary>
public enum ComparisonOperator
{
    /// <summary><c>==</c></summary>
    Equal,

    /// <summary><c>!=</c></summary>
    NotEqual,

    /// <summary><c>&lt;</c></summary>
    Less,

    /// <summary><c>&lt;=</c></summary>
    LessOrEqual,

    /// <summary><c>&gt;</c></summary>
    Greater,

    /// <summary><c>&gt;=</c></summary>
    GreaterOrEqual,
}

/// <summary>Arithmetic operators.</summary>
public enum ArithmeticOperator
{
    /// <summary><c>+</c></summary>
    Add,

    /// <summary><c>-</c></summary>
    Subtract,

    /// <summary><c>*</c></summary>
    Multiply,

    /// <summary><c>/</c> (division by zero gives unknown)</summary>
    Divide,
}

/// <summary>Counting helpers over a list of items.</summary>
public enum ItemCountKind
{
    /// <summary><c>count_at_least(level, items…)</c>: number of known items at or above the level.</summary>
    CountAtLeast,

    /// <summary><c>any_at_least(level, items…)</c>: three-valued "some item is at or above the level".</summary>
    AnyAtLeast,

    /// <summary><c>all_at_least(level, items…)</c>: three-valued "every item is at or above the level".</summary>
    AllAtLeast,

    /// <summary><c>count_known(items…)</c>.</summary>
    CountKnown,

    /// <summary><c>count_unknown(items…)</c>.</summary>
    CountUnknown,
}

/// <summary>Numeric aggregates over a list of values.</summary>
public enum AggregateKind
{
    /// <summary><c>sum(…)</c> of the known values (0 when none is known).</summary>
    Sum,

    /// <summary><c>max(…)</c> of the known values (unknown when none is known).</summary>
    Max,

    /// <summary><c>min(…)</c> of the known values (unknown when none is known).</summary>
    Min,
}

/// <summary>Helpers over dated observations.</summary>
public enum TemporalKind
{
    /// <summary><c>rose_within(item, levels, days)</c>: two observations at most <c>days</c> apart, the later higher by at least <c>levels</c>.</summary>
    RoseWithin,

    /// <summary><c>observed_within(item, level, days)</c>: an observation at or above the level in the <c>days</c> before the case date.</summary>
    ObservedWithin,
}

/// <summary>
/// A type-checked condition or score expression, bound to a model's inputs. It can reach nothing but the model's
/// inputs and the helpers defined here; it is compiled to LINQ expression trees by the engine.
/// </summary>
/// <param name="Position">0-based offset into the source text.</param>
public abstract record BoundExpression(int Position)
{
    /// <summary>What the expression produces.</summary>
    public abstract ValueKind Kind { get; }

    /// <summary>Direct children, for tree walks.</summary>
    public virtual IEnumerable<BoundExpression> Children => [];

    /// <summary>This node and every node below it, depth first.</summary>
    public IEnumerable<BoundExpression> DescendantsAndSelf()
    {
        yield return this;
        foreach (var child in Children)
        {
            foreach (var node in child.DescendantsAndSelf())
            {
                yield return node;
            }
        }
    }
}

/// <summary>A number literal.</summary>
public sealed record BoundNumber(int Position, double Value) : BoundExpression(Position)
{
    /// <inheritdoc />
    public override ValueKind Kind => ValueKind.Number;
}

/// <summary><c>true</c> or <c>false</c>.</summary>
public sealed record BoundBool(int Position, bool Value) : BoundExpression(Position)
{
    /// <inheritdoc />
    public override ValueKind Kind => ValueKind.Bool;
}

/// <summary>The current value of an input (its level position, category position or number), or its relevance axis.</summary>
/// <param name="Position">Source offset.</param>
/// <param name="Input">The input.</param>
/// <param name="InputIndex">Index of the input in the model's input list.</param>
/// <param name="Relevance">True for <c>input.relevance</c>.</param>
public sealed record BoundInput(int Position, InputDefinition Input, int InputIndex, bool Relevance) : BoundExpression(Position)
{
    /// <inheritdoc />
    public override ValueKind Kind => Input.Type switch
    {
        InputType.Numeric => ValueKind.Number,
        InputType.Categorical => ValueKind.Category,
        _ => ValueKind.Level,
    };

    /// <summary>The levels this value is a position on.</summary>
    public IReadOnlyList<ScaleLevel> Scale => Relevance ? Input.RelevanceLevels : Input.Levels;

    /// <summary>How the input is written in a condition.</summary>
    public string Name => Relevance ? Input.Id + ".relevance" : Input.Id;
}

/// <summary>A named level, resolved to its position on the scale it is compared with.</summary>
public sealed record BoundLevel(int Position, string LevelId, int LevelIndex) : BoundExpression(Position)
{
    /// <inheritdoc />
    public override ValueKind Kind => ValueKind.Level;
}

/// <summary>The score of an input's current level (used in arithmetic and in comparisons with numbers).</summary>
public sealed record BoundScore(int Position, BoundInput Value) : BoundExpression(Position)
{
    /// <inheritdoc />
    public override ValueKind Kind => ValueKind.Number;

    /// <inheritdoc />
    public override IEnumerable<BoundExpression> Children => [Value];
}

/// <summary>A binary input used as a truth value: <c>yes</c> is true, <c>no</c> false, unknown unknown.</summary>
public sealed record BoundTruth(int Position, BoundInput Value) : BoundExpression(Position)
{
    /// <inheritdoc />
    public override ValueKind Kind => ValueKind.Bool;

    /// <inheritdoc />
    public override IEnumerable<BoundExpression> Children => [Value];
}

/// <summary>A comparison; unknown when either side is unknown.</summary>
public sealed record BoundComparison(int Position, ComparisonOperator Operator, BoundExpression Left, BoundExpression Right) : BoundExpression(Position)
{
    /// <inheritdoc />
    public override ValueKind Kind => ValueKind.Bool;

    /// <inheritdoc />
    public override IEnumerable<BoundExpression> Children => [Left, Right];
}

/// <summary><c>and</c> / <c>or</c> with three-valued (Kleene) logic.</summary>
public sealed record BoundLogical(int Position, bool IsAnd, BoundExpression Left, BoundExpression Right) : BoundExpression(Position)
{
    /// <inheritdoc />
    public override ValueKind Kind => ValueKind.Bool;

    /// <inheritdoc />
    public override IEnumerable<BoundExpression> Children => [Left, Right];
}

/// <summary><c>not</c>; unknown stays unknown.</summary>
public sealed record BoundNot(int Position, BoundExpression Operand) : BoundExpression(Position)
{
    /// <inheritdoc />
    public override ValueKind Kind => ValueKind.Bool;

    /// <inheritdoc />
    public override IEnumerable<BoundExpression> Children => [Operand];
}

/// <summary>Arithmetic; unknown when either side is unknown.</summary>
public sealed record BoundArithmetic(int Position, ArithmeticOperator Operator, BoundExpression Left, BoundExpression Right) : BoundExpression(Position)
{
    /// <inheritdoc />
    public override ValueKind Kind => ValueKind.Number;

    /// <inheritdoc />
    public override IEnumerable<BoundExpression> Children => [Left, Right];
}

/// <summary>Unary minus.</summary>
public sealed record BoundNegate(int Position, BoundExpression Operand) : BoundExpression(Position)
{
    /// <inheritdoc />
    public override ValueKind Kind => ValueKind.Number;

    /// <inheritdoc />
    public override IEnumerable<BoundExpression> Children => [Operand];
}

/// <summary><c>abs(x)</c>.</summary>
public sealed record BoundAbs(int Position, BoundExpression Operand) : BoundExpression(Position)
{
    /// <inheritdoc />
    public override ValueKind Kind => ValueKind.Number;

    /// <inheritdoc />
    public override IEnumerable<BoundExpression> Children => [Operand];
}

/// <summary><c>x in [a, b]</c> / <c>x not in [a, b]</c>; members are level/category positions or numbers.</summary>
public sealed record BoundMembership(int Position, BoundExpression Value, IReadOnlyList<double> Members, bool Negated) : BoundExpression(Position)
{
    /// <inheritdoc />
    public override ValueKind Kind => ValueKind.Bool;

    /// <inheritdoc />
    public override IEnumerable<BoundExpression> Children => [Value];
}

/// <summary><c>known(x)</c> / <c>unknown(x)</c>; never unknown itself.</summary>
public sealed record BoundKnown(int Position, BoundInput Value, bool WantKnown) : BoundExpression(Position)
{
    /// <inheritdoc />
    public override ValueKind Kind => ValueKind.Bool;

    /// <inheritdoc />
    public override IEnumerable<BoundExpression> Children => [Value];
}

/// <summary>A counting helper over items; <see cref="Thresholds"/> holds the level position per item (empty for count_known / count_unknown).</summary>
public sealed record BoundItemCount(int Position, ItemCountKind Helper, IReadOnlyList<BoundInput> Items, IReadOnlyList<int> Thresholds, string? LevelId) : BoundExpression(Position)
{
    /// <inheritdoc />
    public override ValueKind Kind => Helper is ItemCountKind.AnyAtLeast or ItemCountKind.AllAtLeast ? ValueKind.Bool : ValueKind.Number;

    /// <inheritdoc />
    public override IEnumerable<BoundExpression> Children => Items;
}

/// <summary><c>sum</c>, <c>max</c> or <c>min</c> over numeric arguments (inputs contribute their scores).</summary>
public sealed record BoundAggregate(int Position, AggregateKind Helper, IReadOnlyList<BoundExpression> Arguments) : BoundExpression(Position)
{
    /// <inheritdoc />
    public override ValueKind Kind => ValueKind.Number;

    /// <inheritdoc />
    public override IEnumerable<BoundExpression> Children => Arguments;
}

/// <summary>A helper over dated observations. For <see cref="TemporalKind.RoseWithin"/> <see cref="Amount"/> is a number of levels;
/// for <see cref="TemporalKind.ObservedWithin"/> it is the level position.</summary>
public sealed record BoundTemporal(int Position, TemporalKind Helper, BoundInput Item, int Amount, int Days) : BoundExpression(Position)
{
    /// <inheritdoc />
    public override ValueKind Kind => ValueKind.Bool;

    /// <inheritdoc />
    public override IEnumerable<BoundExpression> Children => [Item];
}
