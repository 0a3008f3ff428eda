using Tma.Models.Definitions;

namespace Tma.Research.Synthesis;

/// <summary>
/// Generates cases from the documented latent-risk process for a model (docs/datasets.md): θ ~ N(0, 1) shifted in the
/// last subgroup, ordered inputs from an ordered-logistic model in θ (protective inputs load negatively), numeric inputs from a clipped normal in θ,
/// categorical inputs from a softmax in θ, MCAR missingness, outcome ~ Bernoulli(logistic(α + βθ)).
/// Deterministic for a seed: the random draws happen in a fixed order per row. Not thread-safe.
/// </summary>
public sealed class SyntheticGenerator
{
    private readonly ModelDefinition _model;
    private readonly SyntheticOptions _options;
    private readonly ItemParameters[] _items;
    private readonly Random _random;
    private readonly SyntheticCase _case;
    private readonly double[] _weights;
    private double? _spareNormal;

    /// <summary>Creates a generator and computes the known truth.</summary>
    /// <param name="model">The model whose inputs are generated.</param>
    /// <param name="options">The process settings.</param>
    /// <exception cref="ArgumentException">The options are invalid (the message lists every problem).</exception>
    public SyntheticGenerator(ModelDefinition model, SyntheticOptions options)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        _model = model;
        _options = options;
        Truth = SyntheticTruth.Compute(options);
        _items = [.. model.Inputs.Select(ItemParameters.For)];
        _random = new Random(options.Seed);
        _case = new SyntheticCase(model.Inputs.Count);
        _weights = new double[Math.Max(1, model.Inputs.Max(i => (int?)i.Levels.Count) ?? 1)];
        GroupLabels = [.. Enumerable.Range(0, options.GroupCount).Select(g => "site_" + (char)('a' + g))];
    }

    /// <summary>The known truth of the process.</summary>
    public SyntheticTruth Truth { get; }

    /// <summary>The subgroup labels (<c>site_a</c>, <c>site_b</c>[, <c>site_c</c>]); the last one is shifted.</summary>
    public IReadOnlyList<string> GroupLabels { get; }

    /// <summary>The per-input parameters, in model order.</summary>
    public IReadOnlyList<ItemParameters> Items => _items;

    /// <summary>Generates the next case (a reused object).</summary>
    public SyntheticCase Next()
    {
        var c = _case;
        c.RowNumber++;
        var group = Math.Min((int)(_random.NextDouble() * _options.GroupCount), _options.GroupCount - 1);
        var theta = NextNormal() + (group == _options.GroupCount - 1 ? _options.GroupShift : 0);
        c.Group = group;
        c.Theta = theta;
        var values = c.ValueBuffer;
        var relevance = c.RelevanceBuffer;
        for (var i = 0; i < _items.Length; i++)
        {
            var input = _model.Inputs[i];
            var item = _items[i];
            var missing = _random.NextDouble() < _options.MissingRate;
            double value;
            double? relevanceValue = null;
            switch (input.Type)
            {
                case InputType.Numeric:
                    value = Numeric(input, item, theta);
                    break;
                case InputType.Categorical:
                    value = Categorical(input.Levels.Count, item.Discrimination, theta);
                    break;
                default:
                    value = Ordered(item, theta, 0);
                    if (input.HasRelevance)
                    {
                        var level = Ordered(item, theta, -item.CutPoints[0], input.RelevanceLevels.Count - 1);
                        relevanceValue = value > 0 ? level : null;
                    }

                    break;
            }

            values[i] = missing ? null : value;
            relevance[i] = missing ? null : relevanceValue;
        }

        c.Outcome = _random.NextDouble() < SyntheticTruth.Logistic(Truth.Alpha + (Truth.Beta * theta));
        return c;
    }

    private int Ordered(ItemParameters item, double theta, double offset, int levels = -1)
    {
        var u = _random.NextDouble();
        var cuts = levels < 0 ? item.CutPoints.Count : levels;
        var level = 0;
        for (var k = 0; k < cuts; k++)
        {
            var cut = (k < item.CutPoints.Count ? item.CutPoints[k] : item.CutPoints[^1] + (k - item.CutPoints.Count + 1)) + offset;
            if (u < SyntheticTruth.Logistic((item.Discrimination * theta) - cut))
            {
                level = k + 1;
            }
        }

        return level;
    }

    private double Numeric(InputDefinition input, ItemParameters item, double theta)
    {
        var rho = item.Discrimination / 2;
        var x = item.Center + (item.Scale * ((rho * theta) + (Math.Sqrt(1 - (rho * rho)) * NextNormal())));
        x = Math.Round(x, 2);
        if (input.Minimum is { } min && x < min)
        {
            x = min;
        }

        if (input.Maximum is { } max && x > max)
        {
            x = max;
        }

        return x;
    }

    private int Categorical(int count, double discrimination, double theta)
    {
        var u = _random.NextDouble();
        if (count < 2)
        {
            return 0;
        }

        var total = 0.0;
        for (var k = 0; k < count; k++)
        {
            var slope = (2.0 * k / (count - 1)) - 1;
            _weights[k] = Math.Exp(discrimination * theta * slope);
            total += _weights[k];
        }

        var target = u * total;
        var cumulative = 0.0;
        for (var k = 0; k < count; k++)
        {
            cumulative += _weights[k];
            if (target < cumulative)
            {
                return k;
            }
        }

        return count - 1;
    }

    private double NextNormal()
    {
        if (_spareNormal is { } spare)
        {
            _spareNormal = null;
            return spare;
        }

        // Box–Muller: two uniforms give two independent standard normals; the second is kept for the next call.
        var u1 = 1.0 - _random.NextDouble();
        var u2 = _random.NextDouble();
        var radius = Math.Sqrt(-2.0 * Math.Log(u1));
        _spareNormal = radius * Math.Sin(2 * Math.PI * u2);
        return radius * Math.Cos(2 * Math.PI * u2);
    }
}
