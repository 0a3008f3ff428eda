// One concern, kept in one file on purpose: the generator of random models and cases for the differential tests. Its
// parts (inputs, conditions, scoring, bands) must stay consistent with each other, which one file keeps visible.
using System.Globalization;
using System.Text;
using Tma.Models.Cases;
using Tma.Models.Definitions;
using Tma.Models.Loading;

namespace Tma.Scoring.Tests.FastPath;

/// <summary>
/// Writes random but valid <c>model.yaml</c> texts from a seed: inputs of every type (binary, presence with and without
/// relevance, frequency, ordinal with own scores, categorical, numeric), conditions drawn from the whole grammar
/// (comparisons with levels, numbers and inputs, membership, arithmetic, known/unknown, counting helpers over items and
/// groups, sum/max/min/abs, nested and/or/not, optionally temporal conjuncts), every policy, score and domain
/// expressions, bands or several norms, overrides, reason-code groups, actions and every missing-data policy.
/// </summary>
internal sealed class RandomModels(int seed, bool temporal)
{
    private static readonly string[] Presence = ["absent", "possible", "present"];
    private static readonly string[] Frequency = ["never", "now_and_then", "monthly", "weekly", "daily"];
    private static readonly string[] Relevance = ["low", "moderate", "high"];
    private static readonly string[] Ordinal = ["lv_a", "lv_b", "lv_c", "lv_d"];
    private static readonly string[] Categories = ["ca", "cb", "cc", "cd"];
    private static readonly string[] Comparisons = ["==", "!=", "<", "<=", ">", ">="];

    private readonly Random _random = new(seed);
    private readonly List<Input> _inputs = [];
    private readonly List<string> _levels = [];
    private readonly List<string> _actions = [];

    private enum Kind
    {
        Binary,
        Presence,
        Frequency,
        Ordinal,
        Categorical,
        Numeric,
    }

    /// <summary>Generates a model and loads it; a generated model that does not load is a bug of the generator.</summary>
    public ModelDefinition Definition()
    {
        var yaml = Yaml();
        var result = ModelReader.ReadText(yaml, $"random-{seed}.yaml");
        Assert.True(result.Succeeded, $"seed {seed}:{Environment.NewLine}{string.Join(Environment.NewLine, result.Diagnostics)}{Environment.NewLine}{yaml}");
        return result.Value!;
    }

    public string Yaml()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"id: random-{(uint)seed}\nversion: 1.0.0\ntitle: Random model\nkind: rules\ninputs:\n");
        var inputCount = _random.Next(3, 10);
        for (var i = 0; i < inputCount; i++)
        {
            var kind = (Kind)_random.Next(6);
            var input = new Input($"{kind.ToString().ToLowerInvariant()[..3]}{i}", kind, kind == Kind.Presence && Chance(0.4));
            _inputs.Add(input);
            text.Append(CultureInfo.InvariantCulture, $"  - {{ id: {input.Id}, type: {TypeName(kind)}");
            if (input.HasRelevance)
            {
                text.Append(", relevance: true");
            }

            if (kind == Kind.Ordinal)
            {
                input.Scores = [0, 1.5, 2, 4];
                text.Append(", levels: [ { id: lv_a, score: 0 }, { id: lv_b, score: 1.5 }, { id: lv_c, score: 2 }, { id: lv_d, score: 4 } ]");
            }
            else if (kind == Kind.Categorical)
            {
                text.Append(", categories: [ca, cb, cc, cd]");
            }
            else if (kind == Kind.Numeric)
            {
                text.Append(", range: [-5, 10], unit: points");
            }

            input.Group = kind switch
            {
                Kind.Presence when Chance(0.6) => "g_presence",
                Kind.Frequency when Chance(0.6) => "g_frequency",
                Kind.Numeric or Kind.Ordinal or Kind.Binary when Chance(0.5) => "g_numbers",
                _ => null,
            };
            if (input.Group is not null)
            {
                text.Append(", group: ").Append(input.Group);
            }

            if (Chance(0.25))
            {
                input.Required = false;
                text.Append(", required: false");
            }

            text.Append(" }\n");
        }

        var levelCount = _random.Next(2, 5);
        var actionCount = _random.Next(0, 5);
        for (var a = 0; a < actionCount; a++)
        {
            _actions.Add($"act-{a}");
        }

        text.Append("levels:\n");
        for (var l = 0; l < levelCount; l++)
        {
            _levels.Add($"r{l}");
            text.Append(CultureInfo.InvariantCulture, $"  - {{ id: r{l}{ActionList(0.4)} }}\n");
        }

        var policy = Pick("sum", "weighted", "count", "highest-level");
        var domains = Chance(0.5);
        text.Append("indicators:\n");
        var indicatorCount = _random.Next(1, 9);
        for (var i = 0; i < indicatorCount; i++)
        {
            var when = Condition();
            if (temporal && Chance(0.3))
            {
                when = Chance(0.3) ? Temporal() : $"{Temporal()} and ({when})";
            }

            text.Append(CultureInfo.InvariantCulture, $"  - id: ind-{i}\n    when: \"{when}\"\n    reason: Reason {i}\n");
            var minimum = Chance(0.3) ? Pick([.. _levels]) : null;
            if (minimum is not null)
            {
                text.Append("    minimum_level: ").Append(minimum).Append('\n');
            }

            if (policy is "sum" or "weighted" && (minimum is null || Chance(0.7)) || Chance(0.1))
            {
                text.Append("    points: ").Append(Chance(0.6) ? Literal(allowNegative: true) : $"\"{Number(2)}\"").Append('\n');
            }

            if (policy == "weighted" && Chance(0.7))
            {
                text.Append("    weight: ").Append(Pick("0.5", "1", "1.5", "2", "3")).Append('\n');
            }

            if (policy == "highest-level" && (minimum is null || Chance(0.5)))
            {
                text.Append("    level: ").Append(Pick([.. _levels])).Append('\n');
            }

            if (Chance(0.6))
            {
                text.Append("    domain: ").Append(Pick("d0", "d1")).Append('\n');
            }

            if (Chance(0.5))
            {
                text.Append("    reason_code: ").Append(Pick("RC-A", "RC-B", "RC-C")).Append('\n');
            }

            var actions = ActionList(0.5);
            if (actions.Length > 0)
            {
                text.Append("    ").Append(actions[2..]).Append('\n');
            }
        }

        text.Append("scoring:\n  policy: ").Append(policy).Append('\n');
        if (policy is "sum" or "weighted" && Chance(0.25))
        {
            text.Append("  score: \"").Append(Number(2)).Append("\"\n");
        }

        if (domains)
        {
            text.Append("  domains:\n    - { id: d0, label: Domain zero }\n    - { id: d1");
            if (Chance(0.4))
            {
                text.Append(", score: \"").Append(Number(1)).Append('"');
            }

            text.Append(" }\n");
        }

        if (policy != "highest-level")
        {
            if (Chance(0.7))
            {
                text.Append("  bands: ").Append(Bands()).Append('\n');
            }
            else
            {
                text.Append("  norms:\n    default: n1\n    sets:\n");
                text.Append("      - { id: n0, bands: ").Append(Bands()).Append(" }\n");
                text.Append("      - { id: n1, bands: ").Append(Bands()).Append(" }\n");
            }
        }

        if (Chance(0.5))
        {
            text.Append(CultureInfo.InvariantCulture, $"  max_reason_codes: {_random.Next(0, 6)}\n");
        }

        switch (_random.Next(4))
        {
            case 0:
                text.Append("missing_data: { policy: insufficient }\n");
                break;
            case 1:
                text.Append(CultureInfo.InvariantCulture, $"missing_data: {{ policy: max-omitted, max_omitted: {_random.Next(0, 4)} }}\n");
                break;
            case 2:
                text.Append(CultureInfo.InvariantCulture, $"missing_data: {{ policy: prorate, max_omitted: {_random.Next(0, 4)} }}\n");
                break;
        }

        if (_actions.Count > 0)
        {
            text.Append("actions:\n");
            foreach (var action in _actions)
            {
                text.Append(CultureInfo.InvariantCulture, $"  - {{ id: {action}, step: Do {action}., experts: [{string.Join(", ", Subset(["hr", "police", "security", "psychologist"], 0.4))}], urgency: {Pick("routine", "soon", "immediate")} }}\n");
            }
        }

        return text.ToString();
    }

    /// <summary>A random resolved case for <paramref name="model"/>: each input unknown or a random level or number,
    /// relevance only next to a known value, no observations, a random norm.</summary>
    public static ResolvedCase Case(ModelDefinition model, Random random)
    {
        var values = new double?[model.Inputs.Count];
        var relevance = new double?[model.Inputs.Count];
        for (var i = 0; i < values.Length; i++)
        {
            var input = model.Inputs[i];
            if (random.NextDouble() < 0.2)
            {
                continue;
            }

            values[i] = input.Type == InputType.Numeric
                ? random.Next(4) switch
                {
                    0 => input.Minimum,
                    1 => input.Maximum,
                    2 => random.Next((int)input.Minimum!.Value * 2, ((int)input.Maximum!.Value * 2) + 1) / 2.0,
                    _ => Math.Round(input.Minimum!.Value + (random.NextDouble() * (input.Maximum!.Value - input.Minimum.Value)), 3),
                }
                : random.Next(input.Levels.Count);
            if (input.HasRelevance && random.NextDouble() < 0.7)
            {
                relevance[i] = random.Next(input.RelevanceLevels.Count);
            }
        }

        var norms = model.Scoring?.Norms ?? [];
        var norm = norms.Count > 1 && random.NextDouble() < 0.5 ? norms[random.Next(norms.Count)].Id : null;
        return new ResolvedCase(values, relevance, [], asOf: null, norm);
    }

    private static string TypeName(Kind kind) => kind.ToString().ToLowerInvariant();

    private bool Chance(double p) => _random.NextDouble() < p;

    private string Pick(params string[] options) => options[_random.Next(options.Length)];

    private List<string> Subset(string[] options, double p) => [.. options.Where(_ => Chance(p))];

    private Input PickInput(Func<Input, bool> where) =>
        _inputs.Where(where).ToList() is { Count: > 0 } candidates ? candidates[_random.Next(candidates.Count)] : null!;

    private string ActionList(double p)
    {
        var chosen = _actions.Where(_ => Chance(p)).ToList();
        if (chosen.Count > 0 && Chance(0.2))
        {
            chosen.Add(chosen[0]);
        }

        return chosen.Count == 0 ? "" : $", actions: [{string.Join(", ", chosen)}]";
    }

    private string Literal(bool allowNegative = false)
    {
        var value = _random.Next(0, 21) / 2.0;
        var text = value.ToString("0.#", CultureInfo.InvariantCulture);
        return allowNegative && Chance(0.15) ? "-" + text : text;
    }

    private string Bands()
    {
        var count = _random.Next(1, _levels.Count + 1);
        var ranks = Enumerable.Range(0, count).Select(_ => _random.Next(_levels.Count)).Order().ToList();
        var cuts = new SortedSet<double>();
        while (cuts.Count < count - 1)
        {
            cuts.Add(_random.Next(-4, 40) / 2.0);
        }

        var bounds = cuts.ToList();
        var bands = new List<string>();
        for (var b = 0; b < count; b++)
        {
            var from = b == 0 ? "" : $", from: {bounds[b - 1].ToString(CultureInfo.InvariantCulture)}";
            var to = b == count - 1 ? "" : $", to: {bounds[b].ToString(CultureInfo.InvariantCulture)}";
            bands.Add($"{{ level: {_levels[ranks[b]]}{from}{to} }}");
        }

        return $"[ {string.Join(", ", bands)} ]";
    }

    private string Temporal()
    {
        var item = PickInput(i => i.IsOrdered);
        if (item is null)
        {
            return "true";
        }

        return Chance(0.5)
            ? $"rose_within({item.Id}, {_random.Next(1, 3)}, {_random.Next(1, 60)})"
            : $"observed_within({item.Id}, {Pick(item.Levels)}, {_random.Next(1, 60)})";
    }

    /// <summary>A truth-valued expression.</summary>
    private string Condition(int depth = 3)
    {
        var choice = _random.Next(depth > 0 ? 16 : 12);
        switch (choice)
        {
            case 0:
            case 1:
            {
                var x = PickInput(i => i.IsOrdered);
                return x is null ? "true" : $"{x.Id} {Pick(Comparisons)} {Pick(x.Levels)}";
            }

            case 2:
                return $"{Number(depth - 1)} {Pick(Comparisons)} {Literal()}";
            case 3:
            {
                var c = PickInput(i => i.Kind == Kind.Categorical);
                if (c is null)
                {
                    return "false";
                }

                var other = PickInput(i => i.Kind == Kind.Categorical && i != c);
                return _random.Next(4) switch
                {
                    0 => $"{c.Id} {Pick("==", "!=")} {Pick(Categories)}",
                    1 when other is not null => $"{c.Id} {Pick("==", "!=")} {other.Id}",
                    _ => $"{c.Id} {Pick("in", "not in")} [{string.Join(", ", Subset(Categories, 0.5).DefaultIfEmpty("cb"))}]",
                };
            }

            case 4:
            {
                var x = PickInput(i => i.IsOrdered || i.Kind == Kind.Numeric);
                if (x is null)
                {
                    return "true";
                }

                var members = x.Kind == Kind.Numeric
                    ? Enumerable.Range(0, _random.Next(1, 4)).Select(_ => Literal())
                    : Subset(x.Levels, 0.5).DefaultIfEmpty(x.Levels[0]);
                return $"{x.Id} {Pick("in", "not in")} [{string.Join(", ", members)}]";
            }

            case 5:
            {
                var b = PickInput(i => i.Kind == Kind.Binary);
                return b is null ? "true" : _random.Next(3) switch
                {
                    0 => b.Id,
                    1 => $"{b.Id} == {Pick("yes", "no")}",
                    _ => $"{b.Id} {Pick(Comparisons)} no",
                };
            }

            case 6:
            {
                var r = PickInput(i => i.HasRelevance);
                return r is null ? "false" : $"{r.Id}.relevance {Pick(Comparisons)} {Pick(Relevance)}";
            }

            case 7:
                return $"{Pick("known", "unknown")}({_inputs[_random.Next(_inputs.Count)].Id})";
            case 8:
            {
                var (level, items) = LevelItems();
                return items is null ? "true" : $"{Pick("any_at_least", "all_at_least")}({level}, {items})";
            }

            case 9:
            {
                var (level, items) = LevelItems();
                if (items is null)
                {
                    return "false";
                }

                return Chance(0.5)
                    ? $"count_at_least({level}, {items}) {Pick(Comparisons)} {_random.Next(0, 4)}"
                    : $"{Pick("count_known", "count_unknown")}({AnyItems()}) {Pick(Comparisons)} {_random.Next(0, 4)}";
            }

            case 10:
            {
                var x = PickInput(i => i.IsOrdered);
                var y = x is null ? null : PickInput(i => i.IsOrdered && i.SameScale(x));
                return y is null ? Pick("true", "false") : $"{x!.Id} {Pick(Comparisons)} {y.Id}";
            }

            case 11:
                return Pick("true", "false");
            case 12:
            case 13:
                return $"({Condition(depth - 1)}) {Pick("and", "or")} ({Condition(depth - 1)})";
            case 14:
                return $"not ({Condition(depth - 1)})";
            default:
                return $"{Condition(depth - 1)} and {Condition(depth - 1)}";
        }
    }

    /// <summary>A number-valued expression.</summary>
    private string Number(int depth)
    {
        var choice = _random.Next(depth > 0 ? 11 : 4);
        switch (choice)
        {
            case 0:
                return Literal();
            case 1:
            {
                var x = PickInput(i => i.Kind != Kind.Categorical);
                return x is null ? Literal() : x.Id;
            }

            case 2:
            {
                var r = PickInput(i => i.HasRelevance);
                return r is null ? Literal() : r.Id + ".relevance";
            }

            case 3:
            {
                var (level, items) = LevelItems();
                return items is null ? $"count_known({AnyItems()})" : $"count_at_least({level}, {items})";
            }

            case 4:
            case 5:
            {
                var arguments = Enumerable.Range(0, _random.Next(1, 4)).Select(_ => Chance(0.2) && _inputs.Any(i => i.Group == "g_numbers") ? "@g_numbers" : Number(depth - 1));
                return $"{Pick("sum", "max", "min")}({string.Join(", ", arguments)})";
            }

            case 6:
                return $"abs({Number(depth - 1)})";
            case 7:
                return $"-({Number(depth - 1)})";
            default:
                return $"({Number(depth - 1)}) {Pick("+", "-", "*", "/")} ({Number(depth - 1)})";
        }
    }

    /// <summary>A level and items whose scales all have it (the presence or the frequency family).</summary>
    private (string Level, string? Items) LevelItems()
    {
        var family = Pick(Kind.Presence.ToString(), Kind.Frequency.ToString());
        var kind = Enum.Parse<Kind>(family);
        var members = _inputs.Where(i => i.Kind == kind).ToList();
        if (members.Count == 0)
        {
            return ("", null);
        }

        var group = kind == Kind.Presence ? "g_presence" : "g_frequency";
        var items = members.Where(_ => Chance(0.6)).Select(i => i.Id).ToList();
        if (members.Any(i => i.Group == group) && Chance(0.4))
        {
            items.Add("@" + group);
        }

        if (items.Count == 0)
        {
            items.Add(members[0].Id);
        }

        return (Pick(kind == Kind.Presence ? Presence : Frequency), string.Join(", ", items));
    }

    private string AnyItems()
    {
        var items = _inputs.Where(_ => Chance(0.4)).Select(i => i.Id).ToList();
        if (Chance(0.3) && _inputs.FirstOrDefault(i => i.Group is not null) is { } grouped)
        {
            items.Add("@" + grouped.Group);
        }

        return items.Count == 0 ? _inputs[0].Id : string.Join(", ", items);
    }

    private sealed class Input(string id, Kind kind, bool hasRelevance)
    {
        public string Id { get; } = id;

        public Kind Kind { get; } = kind;

        public bool HasRelevance { get; } = hasRelevance;

        public string? Group { get; set; }

        public bool Required { get; set; } = true;

        public double[] Scores { get; set; } = [];

        public bool IsOrdered => Kind is Kind.Binary or Kind.Presence or Kind.Frequency or Kind.Ordinal;

        public string[] Levels => Kind switch
        {
            Kind.Binary => ["no", "yes"],
            Kind.Presence => Presence,
            Kind.Frequency => Frequency,
            Kind.Ordinal => Ordinal,
            Kind.Categorical => Categories,
            _ => [],
        };

        public bool SameScale(Input other) => Levels.SequenceEqual(other.Levels, StringComparer.Ordinal);
    }
}
