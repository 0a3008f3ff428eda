using System.Collections.Concurrent;
using System.Globalization;
using Tma.Models.Cases;
using Tma.Models.Diagnostics;
using Tma.Models.Packaging;
using Tma.Research.Evaluation.Scoring;
using Tma.Research.Synthesis;
using Tma.Research.Tests.Training;
using Tma.Research.Training;
using Tma.Scoring.Assessments;
using Tma.Scoring.FastPath;

namespace Tma.Scoring.Classifiers.Tests;

/// <summary>Packages written by `tma train`: integrity checks, explanations, thread safety, batch = single, determinism.</summary>
public sealed class ClassifierPackageTests
{
    [Fact]
    public void A_model_file_that_was_changed_after_training_is_refused_with_a_located_hash_mismatch()
    {
        using var fixtures = new ClassifierFixtures();
        var package = TrainedPackage(fixtures);
        var zip = Path.Combine(package, "model.zip");
        var bytes = File.ReadAllBytes(zip);
        bytes[^10] ^= 0xFF;
        File.WriteAllBytes(zip, bytes);

        var loaded = ModelPackage.Load(package);

        var error = Assert.Single(loaded.Diagnostics);
        Assert.Equal(DiagnosticCodes.HashMismatch, error.Code);
        Assert.Equal(Path.Combine(package, "model.yaml"), error.Location.File);
        Assert.True(error.Location.Line > 0);
        Assert.Contains("the model file was changed or replaced after training", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_model_file_is_a_located_error()
    {
        using var fixtures = new ClassifierFixtures();
        var package = TrainedPackage(fixtures);
        File.Delete(Path.Combine(package, "model.zip"));

        var error = Assert.Single(ModelPackage.Load(package).Diagnostics);

        Assert.Equal((DiagnosticCodes.FileNotFound, "the model file `model.zip` does not exist in the package folder"), (error.Code, error.Message));
    }

    [Fact]
    public void A_model_file_trained_on_other_features_is_refused_by_the_schema_check()
    {
        using var fixtures = new ClassifierFixtures();
        var package = TrainedPackage(fixtures);

        // Declare one feature fewer, with the model file's true hash: the hash passes, the schema does not.
        var yaml = File.ReadAllText(Path.Combine(package, "model.yaml"));
        var edited = string.Join('\n', yaml.Split('\n').Where(l => !l.Contains("input: item03", StringComparison.Ordinal)));
        File.WriteAllText(Path.Combine(package, "model.yaml"), edited);
        var loaded = ModelPackage.Load(package);
        Assert.True(loaded.Succeeded, string.Join(Environment.NewLine, loaded.Diagnostics));

        var error = Assert.Single(Assert.Throws<ModelLoadException>(() => RiskModelCompiler.Compile(loaded.Value!, options: RiskModelOptions.Default.WithClassifiers())).Diagnostics);

        Assert.Equal(DiagnosticCodes.SchemaMismatch, error.Code);
        Assert.Equal("the model file `model.zip` takes 4 feature columns but the package declares 3; the first difference is at column 3: the model file has `item03`, the features give `item04`. Retrain the model with these features", error.Message);
    }

    [Fact]
    public void A_linear_models_contributions_are_weight_times_value_and_explain_the_probability()
    {
        using var fixtures = new ClassifierFixtures();
        var (package, trained) = TrainedPackageWithFigures(fixtures);
        var model = RiskModelCompiler.Compile(ModelPackage.Load(package).GetValueOrThrow(), options: RiskModelOptions.Default.WithClassifiers());

        var a = model.Assess(Case(("item01", "present"), ("item02", "possible"), ("item03", "absent"), ("item04", "present")));

        Assert.Equal("mlnet", a.Engine);
        Assert.Equal(["item01", "item02", "item03", "item04"], a.Contributions!.Select(c => c.Feature));
        double[] values = [2, 1, 0, 2];
        for (var j = 0; j < 4; j++)
        {
            Assert.Equal(trained.Weights![j] * values[j], a.Contributions![j].Contribution, 1e-5);
        }

        // Platt: p = σ(A·(b + Σ contributions) + B).
        var s = trained.Bias!.Value + a.Contributions!.Sum(c => c.Contribution);
        var p = 1 / (1 + Math.Exp(-((trained.PlattSlope!.Value * s) + trained.PlattOffset!.Value)));
        Assert.Equal(p, a.Probability!.Value, 1e-5);
        Assert.Equal(a.Probability, a.Score);
        Assert.Equal(a.Probability >= 0.5 ? "high" : "low", a.Level);
        Assert.Equal(a.Contributions!.Where(c => c.Contribution > 0).OrderByDescending(c => c.Contribution).Select(c => c.Feature), a.ReasonCodes.Select(r => r.Code));
    }

    [Fact]
    public void Eight_threads_times_10000_assessments_give_the_sequential_results()
    {
        using var fixtures = new ClassifierFixtures();
        var model = RiskModelCompiler.Compile(ModelPackage.Load(TrainedPackage(fixtures)).GetValueOrThrow(), options: RiskModelOptions.Default.WithClassifiers());
        string[] levels = ["absent", "possible", "present"];
        var cases = Enumerable.Range(0, 81).Select(i => Case(("item01", levels[i % 3]), ("item02", levels[i / 3 % 3]), ("item03", levels[i / 9 % 3]), ("item04", levels[i / 27 % 3]))).ToArray();
        var sequential = cases.Select(c => Summary(model.Assess(c))).ToArray();

        var mismatches = new ConcurrentBag<string>();
        var threads = Enumerable.Range(0, 8).Select(t => new Thread(() =>
        {
            for (var k = 0; k < 10_000; k++)
            {
                var i = ((t * 7919) + k) % cases.Length;
                var summary = Summary(model.Assess(cases[i]));
                if (summary != sequential[i])
                {
                    mismatches.Add($"thread {t}, case {i}: {summary} vs {sequential[i]}");
                }
            }
        })).ToArray();
        foreach (var thread in threads)
        {
            thread.Start();
        }

        foreach (var thread in threads)
        {
            thread.Join();
        }

        Assert.Empty(mismatches);
    }

    [Fact]
    public void Batch_scores_from_the_idataview_path_equal_single_assessments()
    {
        using var fixtures = new ClassifierFixtures();
        var package = TrainedPackage(fixtures);
        var model = RiskModelCompiler.Compile(ModelPackage.Load(package).GetValueOrThrow(), options: RiskModelOptions.Default.WithClassifiers());
        var (data, _) = fixtures.Data(new SyntheticOptions { Rows = 500, Seed = 3, MissingRate = 0.1, GroupCount = 3 }, "score.csv");

        var batch = DatasetScorers.For(model)!.ScoreDataset(data).Value!;

        Assert.Equal(500, batch.Count);
        Assert.Equal(["site"], batch.GroupNames);
        var lines = File.ReadAllLines(data).Skip(1).ToArray();
        for (var i = 0; i < batch.Count; i++)
        {
            var cells = lines[i].Split(',');
            var single = model.Assess(Case([.. Enumerable.Range(0, 4).Select(j => ($"item{j + 1:00}", cells[j].Length == 0 ? "unknown" : cells[j]))]));
            Assert.Equal(single.Probability, batch.Probabilities![i]);
            Assert.Equal(single.LevelRank, batch.LevelRanks[i]);
            Assert.Equal(cells[^1] == "1", batch.Outcomes[i]);
            Assert.Equal(cells[^2], batch.Groups[0][i]);
        }
    }

    [Theory]
    [InlineData("{ name: lbfgs-logistic-regression, l2: 0.5 }", "platt")]
    [InlineData("{ name: sdca-logistic-regression }", "isotonic")]
    [InlineData("{ name: fast-tree, trees: 20, leaves: 4 }", "platt")]
    [InlineData("{ name: light-gbm, iterations: 20, leaves: 4 }", "none")]
    public void Training_twice_with_the_same_seed_gives_byte_identical_packages_and_figures(string trainer, string calibration)
    {
        using var fixtures = new ClassifierFixtures();
        fixtures.BaseModel(4, numeric: true);
        var (data, _) = fixtures.Data(new SyntheticOptions { Rows = 1500, Seed = 5, MissingRate = 0.05 });
        var spec = fixtures.Spec(ClassifierFixtures.ItemFeatures(4) + "\n  - { input: amount, standardize: true, missing: mean }", trainer: trainer, calibration: calibration);

        var first = fixtures.Train(spec, data);
        var second = fixtures.Train(spec, data);

        Assert.Equal(first.ModelFile.ToArray(), second.ModelFile.ToArray());
        Assert.Equal(first.ModelYaml, second.ModelYaml);
        Assert.Equal(first.ModelCard, second.ModelCard);
        Assert.Equal(first.Classifier.Evaluation, second.Classifier.Evaluation);
        Assert.Equal(first.FoldAucs, second.FoldAucs);
        var written = first.WritePackage(fixtures.PathOf("package"));
        Assert.True(written.Succeeded, string.Join(Environment.NewLine, written.Diagnostics));
    }

    [Fact]
    public void An_existing_package_is_not_replaced_without_overwrite()
    {
        using var fixtures = new ClassifierFixtures();
        var package = TrainedPackage(fixtures);
        var before = File.ReadAllText(Path.Combine(package, "model.yaml"));
        var (data, _) = fixtures.Data(new SyntheticOptions { Rows = 600, Seed = 8 }, "other.csv");

        var again = fixtures.Train(fixtures.PathOf("train.yaml"), data).WritePackage(package);

        Assert.False(again.Succeeded);
        Assert.Equal(before, File.ReadAllText(Path.Combine(package, "model.yaml")));
    }

    internal static string TrainedPackage(ClassifierFixtures fixtures) => TrainedPackageWithFigures(fixtures).Package;

    private static (string Package, TrainedClassifier Trained) TrainedPackageWithFigures(ClassifierFixtures fixtures)
    {
        fixtures.BaseModel(4);
        var (data, _) = fixtures.Data(new SyntheticOptions { Rows = 1200, Seed = 21, MissingRate = 0.05 });
        var trained = fixtures.Train(fixtures.Spec(ClassifierFixtures.ItemFeatures(4), trainer: "{ name: lbfgs-logistic-regression, l2: 0.1 }"), data);
        var written = trained.WritePackage(fixtures.PathOf("package"));
        Assert.True(written.Succeeded, string.Join(Environment.NewLine, written.Diagnostics));
        return (fixtures.PathOf("package"), trained);
    }

    private static CaseData Case(params (string Input, string Value)[] values) => new()
    {
        Inputs = values.ToDictionary(v => v.Input, v => v.Value == "unknown" ? CaseValue.Unknown : CaseValue.Level(v.Value), StringComparer.Ordinal),
    };

    private static string Summary(Assessment a) =>
        string.Create(CultureInfo.InvariantCulture, $"{a.Level}|{a.Probability:R}|{string.Join(";", a.Contributions!.Select(c => c.Contribution.ToString("R", CultureInfo.InvariantCulture)))}");
}
