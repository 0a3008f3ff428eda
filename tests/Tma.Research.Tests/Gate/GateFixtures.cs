using System.Globalization;
using System.Text;
using Tma.Models.Packaging;
using Tma.Research.Synthesis;

namespace Tma.Research.Tests.Gate;

/// <summary>Tiny rules packages and synthetic benchmark data in a fresh temporary folder per test class instance.</summary>
internal sealed class GateFixtures : IDisposable
{
    public const int Items = 8;

    public GateFixtures()
    {
        Root = Path.Combine(Path.GetTempPath(), "tma-gate-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    public string PathOf(string name) => Path.Combine(Root, name);

    /// <summary>
    /// A rules package over <see cref="Items"/> presence items: one point per listed item that is present (policy sum);
    /// levels low &lt; moderate &lt; high with moderate from <paramref name="moderateFrom"/> and high from <paramref name="highFrom"/>.
    /// </summary>
    public ModelPackage Rules(string folder, string version = "1.0.0", int[]? scoredItems = null, int moderateFrom = 1, int highFrom = 3)
    {
        scoredItems ??= [.. Enumerable.Range(1, Items)];
        var yaml = new StringBuilder();
        yaml.Append(CultureInfo.InvariantCulture, $"id: gate-test\nversion: {version}\ntitle: Gate test model\nkind: rules\ninputs:\n");
        for (var i = 1; i <= Items; i++)
        {
            yaml.Append(CultureInfo.InvariantCulture, $"  - {{ id: item{i:00}, type: presence }}\n");
        }

        yaml.Append("levels: [low, moderate, high]\nindicators:\n");
        foreach (var i in scoredItems)
        {
            yaml.Append(CultureInfo.InvariantCulture, $"  - {{ id: i{i:00}, when: item{i:00} >= present, points: 1, reason: item {i} present }}\n");
        }

        yaml.Append(CultureInfo.InvariantCulture, $"scoring:\n  policy: sum\n  bands: [ {{ level: low, to: {moderateFrom} }}, {{ level: moderate, from: {moderateFrom}, to: {highFrom} }}, {{ level: high, from: {highFrom} }} ]\n");
        yaml.Append("missing_data: { policy: max-omitted, max_omitted: 8 }\n");
        var directory = Directory.CreateDirectory(PathOf(folder)).FullName;
        File.WriteAllText(Path.Combine(directory, "model.yaml"), yaml.ToString());
        return ModelPackage.Load(directory).GetValueOrThrow();
    }

    /// <summary><c>tma synth</c> data for a package: latent risk, items from it, outcome, a <c>group:site</c> column shifted by <paramref name="groupShift"/>.</summary>
    public string Synth(ModelPackage package, int rows = 6_000, int seed = 11, double groupShift = 0.0, string name = "bench.csv")
    {
        var path = PathOf(name);
        SyntheticDataset.WriteFile(package.Definition, new SyntheticOptions { Rows = rows, Seed = seed, GroupShift = groupShift }, path);
        return path;
    }

    /// <summary>
    /// A score-column dataset: x ~ N(0, 1); <c>p</c> = logistic(−1.2 + 1.3x) is the true probability and the outcome is drawn
    /// from it; <c>squeezed</c> = 0.3 + 0.4p is a monotone (same AUC) but miscalibrated copy; <c>noise</c> is unrelated to the outcome.
    /// </summary>
    public string Probabilities(int rows = 8_000, int seed = 5)
    {
        var random = new Random(seed);
        var text = new StringBuilder("p,squeezed,noise,group:site,outcome\n");
        for (var i = 0; i < rows; i++)
        {
            var x = Math.Sqrt(-2.0 * Math.Log(1.0 - random.NextDouble())) * Math.Cos(2.0 * Math.PI * random.NextDouble());
            var p = Math.Round(1.0 / (1.0 + Math.Exp(-(-1.2 + (1.3 * x)))), 6);
            var y = random.NextDouble() < p;
            var noise = Math.Round(random.NextDouble(), 6);
            text.Append(CultureInfo.InvariantCulture, $"{p:R},{Math.Round(0.3 + (0.4 * p), 6):R},{noise:R},{(i % 2 == 0 ? "a" : "b")},{(y ? 1 : 0)}\n");
        }

        var path = PathOf("scores.csv");
        File.WriteAllText(path, text.ToString());
        return path;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
