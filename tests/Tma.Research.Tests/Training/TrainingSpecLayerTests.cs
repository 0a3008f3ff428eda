using System.Security.Cryptography;
using Tma.Models.Packaging;
using Tma.Research.Synthesis;
using Tma.Research.Training;
using Tma.Scoring.Classifiers;

namespace Tma.Research.Tests.Training;

/// <summary>
/// A trained package is written entirely from its spec: the text-and-metadata layer (languages, key items, the
/// judgement layer, …) survives retraining, the card appendix is appended, and the shipped demonstration classifier is
/// reproduced from its committed spec and the documented synthetic data.
/// </summary>
public sealed class TrainingSpecLayerTests : IDisposable
{
    private readonly ClassifierFixtures _fixtures = new();

    [Fact]
    public void Every_section_of_the_spec_is_carried_into_the_package_in_the_spec_order()
    {
        _fixtures.BaseModel(3);
        var spec = _fixtures.Spec(
            ClassifierFixtures.ItemFeatures(3),
            extra: """
                evidence:
                  conflict_window: P14D
                judgement:
                  summary: concern
                  fields:
                    - id: concern
                      label: Concern
                      type: rating
                      levels: [ { id: low, label: Low }, { id: high, label: High } ]
                      from_model: { low: low, high: high }
                """);
        var (data, _) = _fixtures.Data(new SyntheticOptions { Rows = 800, Seed = 3 });
        var package = _fixtures.PathOf("out");
        _fixtures.Train(spec, data).WritePackage(package);

        var yaml = File.ReadAllText(Path.Combine(package, ModelPackage.ModelFileName));
        var keys = yaml.Split('\n').Where(l => l.Length > 0 && l[0] is >= 'a' and <= 'z').Select(l => l[..l.IndexOf(':', StringComparison.Ordinal)]).ToArray();
        Assert.Equal(["id", "version", "title", "kind", "inputs", "features", "classifier", "levels", "bands", "missing_data", "evidence", "judgement"], keys);
        var loaded = ModelPackage.Load(package).GetValueOrThrow().Definition;
        Assert.Equal("concern", loaded.Judgement!.Summary);
        Assert.Equal("P14D", loaded.Evidence.ConflictWindow.ToString());
    }

    [Fact]
    public void The_card_appendix_is_appended_verbatim_and_a_missing_one_is_a_located_error()
    {
        _fixtures.BaseModel(2);
        File.WriteAllText(_fixtures.PathOf("card.md"), "## Sources\r\n\r\nWhite & Meloy (2016).\r\n");
        var spec = File.ReadAllText(_fixtures.Spec(ClassifierFixtures.ItemFeatures(2))).TrimEnd() + "\n  card: card.md\n";
        File.WriteAllText(_fixtures.PathOf("train.yaml"), spec);
        var (data, _) = _fixtures.Data(new SyntheticOptions { Rows = 600, Seed = 5 });

        var card = _fixtures.Train(_fixtures.PathOf("train.yaml"), data).ModelCard;
        Assert.EndsWith("\n\n## Sources\n\nWhite & Meloy (2016).\n", card, StringComparison.Ordinal);

        File.WriteAllText(_fixtures.PathOf("train.yaml"), spec.Replace("card: card.md", "card: missing.md", StringComparison.Ordinal));
        var refused = TrainingSpecReader.ReadFile(_fixtures.PathOf("train.yaml"));
        var error = Assert.Single(refused.Diagnostics);
        Assert.Contains("the model-card appendix `missing.md` cannot be read", error.Message, StringComparison.Ordinal);
        Assert.Equal(_fixtures.PathOf("train.yaml"), error.Location.File);
        Assert.True(error.Location.Line > 1);
    }

    [Fact]
    public void A_bilingual_base_model_needs_the_spec_to_declare_its_languages_once_at_base_model()
    {
        var directory = _fixtures.BaseModel(1);
        var yaml = File.ReadAllText(Path.Combine(directory, ModelPackage.ModelFileName))
            .Replace("title: Test base model", "title: { en: Test base model, de: Testmodell }\nlanguages: [en, de]", StringComparison.Ordinal)
            .Replace("- { id: item01, type: presence }", "- { id: item01, type: presence, label: { en: First, de: Erstes } }", StringComparison.Ordinal)
            .Replace("reason: first item", "label: { en: First, de: Erstes }, reason: { en: first item, de: erstes Merkmal }", StringComparison.Ordinal)
            .Replace("levels: [low, high]", "levels:\n  - { id: low, label: { en: Low, de: Niedrig } }\n  - { id: high, label: { en: High, de: Hoch } }", StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(directory, ModelPackage.ModelFileName), yaml);
        Assert.True(ModelPackage.Load(directory).Succeeded, string.Join("\n", ModelPackage.Load(directory).Diagnostics));

        var result = TrainingSpecReader.ReadFile(_fixtures.Spec(ClassifierFixtures.ItemFeatures(1)));

        var error = Assert.Single(result.Diagnostics);
        Assert.Equal("TMA0070", error.Code);
        Assert.Contains("declare `languages: [en, de]` in the spec", error.Message, StringComparison.Ordinal);
        Assert.Contains("base_model: base", File.ReadAllLines(_fixtures.PathOf("train.yaml"))[error.Location.Line - 1], StringComparison.Ordinal);
    }

    [Fact]
    public void The_shipped_classifier_is_reproduced_from_its_spec_and_the_documented_data()
    {
        // train.yaml: tma synth --model models/workplace-violence-classifier --rows 20000 --seed 20261126 --missing 0.05
        var folder = Repository.Model("workplace-violence-classifier");
        var data = _fixtures.PathOf("wv-train.csv");
        SyntheticDataset.WriteFile(ModelPackage.Load(folder).GetValueOrThrow().Definition, new SyntheticOptions { Rows = 20_000, Seed = 20261126, MissingRate = 0.05 }, data);

        var trained = _fixtures.Train(Path.Combine(folder, "train.yaml"), data);

        // On the processor family that trained it the zip is byte-identical (ClassifierPackageTests trains twice and
        // compare bytes). ML.NET's vector kernels differ between processors (AVX-512, AVX2, …) and round the last
        // digits differently, so across machines the same model shows as the same text with every fitted number
        // (intercept, weights, Platt calibration, cross-validated figures) equal to the printed precision ± 1e-5;
        // only the zip's hash, which model.yaml and the card quote, may differ.
        var shippedHash = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(folder, "model.zip"))));
        var trainedHash = Convert.ToHexStringLower(SHA256.HashData(trained.ModelFile.Span));
        Assert.Equal(
            File.ReadAllText(Path.Combine(folder, ModelPackage.ModelFileName)).Replace(shippedHash, "<model.zip>", StringComparison.Ordinal),
            trained.ModelYaml.Replace(trainedHash, "<model.zip>", StringComparison.Ordinal));
        AssertSameUpToRounding(
            File.ReadAllText(Path.Combine(folder, TrainedClassifier.ModelCardName)).Replace(shippedHash, "<model.zip>", StringComparison.Ordinal),
            trained.ModelCard.Replace(trainedHash, "<model.zip>", StringComparison.Ordinal));
    }

    /// <summary>The same text, and at each place the same number up to 1e-5 (the card prints six decimals).</summary>
    private static void AssertSameUpToRounding(string expected, string actual)
    {
        var number = new System.Text.RegularExpressions.Regex(@"-?\d+\.\d+");
        Assert.Equal(number.Replace(expected, "#"), number.Replace(actual, "#"));
        var expectedNumbers = number.Matches(expected).Select(m => double.Parse(m.Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var actualNumbers = number.Matches(actual).Select(m => double.Parse(m.Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.True(expectedNumbers.Count > 20, "the card lists the intercept, the weights, the calibration and the figures");
        for (var i = 0; i < expectedNumbers.Count; i++)
        {
            Assert.True(Math.Abs(expectedNumbers[i] - actualNumbers[i]) <= 1e-5, $"number {i}: shipped {expectedNumbers[i]}, retrained {actualNumbers[i]}");
        }
    }

    public void Dispose() => _fixtures.Dispose();
}
