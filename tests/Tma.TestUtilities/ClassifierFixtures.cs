using System.Globalization;
using System.Text;

namespace Tma.TestUtilities;

/// <summary>
/// Small base models and training specs in a fresh temporary folder per test. Synthetic data and training need
/// Tma.Research, which this project does not reference: the test projects that train add them as extension methods
/// (<c>ClassifierTraining</c>: <c>Data</c>, <c>ReadSpec</c>, <c>Train</c>).
/// </summary>
public sealed class ClassifierFixtures : IDisposable
{
    public ClassifierFixtures()
    {
        Root = Path.Combine(Path.GetTempPath(), "tma-classifier-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    public string PathOf(string name) => Path.Combine(Root, name);

    /// <summary>A rules package with <paramref name="items"/> presence items and optionally one numeric input, in folder <c>base</c>.</summary>
    public string BaseModel(int items, bool numeric = false, string folder = "base")
    {
        var inputs = new StringBuilder();
        for (var i = 1; i <= items; i++)
        {
            inputs.Append(CultureInfo.InvariantCulture, $"  - {{ id: item{i:00}, type: presence }}\n");
        }

        if (numeric)
        {
            inputs.Append("  - { id: amount, type: numeric, range: [0, 60], unit: points }\n");
        }

        var yaml = $"""
            id: test-base
            version: 1.0.0
            title: Test base model
            kind: rules
            inputs:
            {inputs}
            levels: [low, high]
            indicators:
              - {"{"} id: first, when: item01 >= present, points: 1, reason: first item {"}"}
            scoring:
              policy: sum
              bands: [ {"{"} level: low, to: 1 {"}"}, {"{"} level: high, from: 1 {"}"} ]
            missing_data: {"{"} policy: max-omitted, max_omitted: 100 {"}"}
            """;
        var directory = PathOf(folder);
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "model.yaml"), yaml.Replace("\n\n", "\n", StringComparison.Ordinal));
        return directory;
    }

    /// <summary>A training spec over the base model in folder <c>base</c>.</summary>
    public string Spec(string features, string trainer = "{ name: lbfgs-logistic-regression, l1: 0, l2: 0 }", string calibration = "platt", int folds = 5, int seed = 7, string name = "train.yaml", string extra = "")
    {
        var yaml = $"""
            id: test-classifier
            version: 1.0.0
            title: Test classifier
            features:
            {features}
            levels: [low, high]
            bands: [ {"{"} level: low, to: 0.5 {"}"}, {"{"} level: high, from: 0.5 {"}"} ]
            missing_data: {"{"} policy: max-omitted, max_omitted: 100 {"}"}
            {extra}
            training:
              base_model: base
              trainer: {trainer}
              calibration: {calibration}
              folds: {folds}
              seed: {seed}
            """;
        var path = PathOf(name);
        File.WriteAllText(path, yaml);
        return path;
    }

    public static string ItemFeatures(int items, string options = "encoding: score, missing: mode")
    {
        var text = new StringBuilder();
        for (var i = 1; i <= items; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"  - {{ input: item{i:00}, {options} }}\n");
        }

        return text.ToString().TrimEnd('\n');
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary folder is harmless.
        }
    }
}
