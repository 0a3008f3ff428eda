using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Tma.Models.Definitions;
using Tma.Models.Expressions;
using Tma.Models.Tests.Expressions;

namespace Tma.Models.Tests.Properties;

/// <summary>Invariants of the condition language, checked on generated input.</summary>
public sealed class ExpressionProperties
{
    private static readonly ModelDefinition Model = TestModels.LoadBase();

    private static readonly string[] Fragments =
    [
        "(", ")", "[", "]", ",", ".", "-", "+", "*", "/", "==", "!=", "<", "<=", ">", ">=", "=", "!", "&", "and", "or", "not", "in",
        "true", "false", "fixation", "leakage", "leakage.relevance", "insults", "relationship", "age", "weapon_access", "present",
        "possible", "'present'", "'present", "\"daily\"", "@proximal", "@", "@nope", "1", "2.5", "1.2.3", ".5", "count_at_least(",
        "any_at_least(", "all_at_least(", "known(", "unknown(", "count_known(", "sum(", "max(", "min(", "abs(", "rose_within(",
        "observed_within(", "nope(", "#", "\t", "é",
    ];

    /// <summary>Strings made of the language's own tokens, so that the parser gets far rather than stopping at the first character.</summary>
    private static Arbitrary<string> TokenSoup() =>
        Gen.Elements(Fragments).ListOf().Select(parts => string.Join(' ', parts)).ToArbitrary();

    private static bool Outcome((BoundExpression? Expression, IReadOnlyList<ExpressionError> Errors) result, string text) =>
        (result.Expression is null) == (result.Errors.Count > 0)
        && result.Errors.All(e => e.Position >= 0 && e.Position <= text.Length && e.Message.Length > 0);

    [Property(MaxTest = 1000)]
    public bool The_parser_never_throws_on_any_string(string? text)
    {
        text ??= "";
        var (tree, error) = Parser.Parse(text);
        return (tree is null) != (error is null) && (error is null || (error.Position >= 0 && error.Position <= text.Length));
    }

    [Property(MaxTest = 1000)]
    public bool The_binder_never_throws_on_any_string(string? text)
    {
        text ??= "";
        return Outcome(new ExpressionBinder(Model.Inputs).Bind(text, ValueKind.Bool), text);
    }

    [Property(MaxTest = 2000)]
    public Property The_binder_returns_an_expression_or_located_errors_for_any_token_soup() =>
        Prop.ForAll(TokenSoup(), text =>
            Outcome(new ExpressionBinder(Model.Inputs).Bind(text, ValueKind.Bool), text)
            && Outcome(new ExpressionBinder(Model.Inputs).Bind(text, ValueKind.Number), text));

    [Property(MaxTest = 1000)]
    public Property Every_well_formed_condition_over_the_declared_inputs_binds_without_errors() =>
        Prop.ForAll(WellFormed.Conditions(), text =>
        {
            var (bound, errors) = new ExpressionBinder(Model.Inputs).Bind(text, ValueKind.Bool);
            return (errors.Count == 0 && bound is { Kind: ValueKind.Bool })
                .Label($"`{text}` gave: {string.Join("; ", errors.Select(e => e.Message))}");
        });

    [Property(MaxTest = 500)]
    public Property Parentheses_and_whitespace_around_a_condition_do_not_change_its_tree() =>
        Prop.ForAll(WellFormed.Conditions(), text =>
            SyntaxPrinter.Parse(text) == SyntaxPrinter.Parse($"  ( {text} )  ")
            && SyntaxPrinter.Parse($"not ({text})") == $"(not {SyntaxPrinter.Parse(text)})");

    [Property(MaxTest = 500)]
    public Property A_bound_condition_reads_only_declared_inputs() =>
        Prop.ForAll(WellFormed.Conditions(), text =>
            new ExpressionBinder(Model.Inputs).Bind(text, ValueKind.Bool).Expression!.InputsRead()
                .All(i => Model.InputIndex(i.Input.Id) == i.InputIndex));

    /// <summary>Generates conditions that are correct by construction for the corpus base model.</summary>
    private static class WellFormed
    {
        private static readonly string[] Presence = ["fixation", "leakage", "grievance"];
        private static readonly string[] PresenceLevels = ["absent", "possible", "present", "'possible'"];
        private static readonly string[] FrequencyLevels = ["never", "now_and_then", "monthly", "weekly", "'daily'"];
        private static readonly string[] Categories = ["colleague", "supervisor", "'customer'"];
        private static readonly string[] Operators = ["==", "!=", "<", "<=", ">", ">="];
        private static readonly string[] AllInputs = ["fixation", "leakage", "grievance", "insults", "weapon_access", "relationship", "age"];

        private static Gen<string> Atom()
        {
            var op = Gen.Elements(Operators);
            var number = Gen.Choose(0, 120).Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture));
            return Gen.OneOf(
                from p in Gen.Elements(Presence) from o in op from l in Gen.Elements(PresenceLevels) select $"{p} {o} {l}",
                from o in op from l in Gen.Elements(FrequencyLevels) select $"insults {o} {l}",
                from o in op from l in Gen.Elements(PresenceLevels) select $"{l} {o} fixation",
                from eq in Gen.Elements("==", "!=") from c in Gen.Elements(Categories) select $"relationship {eq} {c}",
                from neg in Gen.Elements("", "not ") from a in Gen.Elements(Categories) from b in Gen.Elements(Categories) select $"relationship {neg}in [{a}, {b}]",
                from o in op from n in number select $"age {o} {n}",
                from o in op from n in number select $"insults + fixation * 2 - age / 10 {o} {n}",
                Gen.Constant("weapon_access"),
                Gen.Elements("true", "false", "weapon_access == yes", "weapon_access != false"),
                from h in Gen.Elements("known", "unknown") from i in Gen.Elements(AllInputs) select $"{h}({i})",
                from h in Gen.Elements("any_at_least", "all_at_least") from l in Gen.Elements(PresenceLevels) from g in Gen.Elements("@proximal", "@distal", "fixation, grievance") select $"{h}({l}, {g})",
                from l in Gen.Elements(PresenceLevels) from o in op from n in Gen.Choose(0, 3) select $"count_at_least({l}, @proximal, grievance) {o} {n}",
                from h in Gen.Elements("count_known", "count_unknown") from o in op from n in Gen.Choose(0, 3) select $"{h}(@proximal, age, relationship) {o} {n}",
                from h in Gen.Elements("sum", "max", "min") from o in op from n in number select $"{h}(@proximal, insults, age) {o} {n}",
                from o in op from n in number select $"abs(age - 40) {o} {n}",
                from o in op from l in Gen.Elements("low", "moderate", "'high'") select $"leakage.relevance {o} {l}");
        }

        private static Gen<string> Condition(int depth) =>
            depth <= 0
                ? Atom()
                : Gen.OneOf(
                    Atom(),
                    from a in Condition(depth - 1) from b in Condition(depth - 1) from op in Gen.Elements("and", "or") select $"({a}) {op} ({b})",
                    from a in Condition(depth - 1) select $"not ({a})");

        public static Arbitrary<string> Conditions() => Gen.Sized(size => Condition(Math.Min(size / 20, 4))).ToArbitrary();
    }
}
