using Tma.Models.Diagnostics;
using Tma.Research.Synthesis;
using Tma.Research.Training;
using Tma.Scoring.Classifiers;

namespace Tma.Research.Tests.Training;

/// <summary>Bad training data and specs: each fails with the expected located message, and nothing is written.</summary>
public sealed class TrainingErrorTests
{
    [Fact]
    public void A_dataset_whose_outcome_is_constant_is_refused()
    {
        using var fixtures = new ClassifierFixtures();
        fixtures.BaseModel(2);
        var data = fixtures.PathOf("constant.csv");
        File.WriteAllLines(data, ["item01,item02,outcome", .. Enumerable.Range(0, 40).Select(i => $"{(i % 2 == 0 ? "absent" : "present")},possible,0")]);

        var error = Single(fixtures, fixtures.Spec(ClassifierFixtures.ItemFeatures(2)), data);

        Assert.Equal(TrainingDiagnosticCodes.ConstantOutcome, error.Code);
        Assert.Equal(data, error.Location.File);
        Assert.Equal("every row has outcome 0 in column `outcome`; a classifier needs rows of both outcomes", error.Message);
    }

    [Fact]
    public void Too_few_rows_of_an_outcome_for_the_folds_are_refused()
    {
        using var fixtures = new ClassifierFixtures();
        fixtures.BaseModel(2);
        var data = fixtures.PathOf("few.csv");
        File.WriteAllLines(data, ["item01,item02,outcome", .. Enumerable.Range(0, 60).Select(i => $"absent,possible,{(i < 12 ? 1 : 0)}")]);

        var error = Single(fixtures, fixtures.Spec(ClassifierFixtures.ItemFeatures(2), folds: 5), data);

        Assert.Equal(TrainingDiagnosticCodes.TooFewRows, error.Code);
        Assert.Equal("5 folds need at least 25 rows with outcome 1 (5 per fold); the dataset has 12. Use fewer folds or more data", error.Message);
    }

    [Fact]
    public void A_feature_without_a_dataset_column_is_refused_at_the_header()
    {
        using var fixtures = new ClassifierFixtures();
        fixtures.BaseModel(3);
        var data = fixtures.PathOf("missing-column.csv");
        File.WriteAllLines(data, ["item01,item02,outcome", "absent,possible,0", "present,present,1"]);

        var error = Single(fixtures, fixtures.Spec(ClassifierFixtures.ItemFeatures(3)), data);

        Assert.Equal(TrainingDiagnosticCodes.FeatureColumn, error.Code);
        Assert.Equal((data, 1, 1), (error.Location.File, error.Location.Line, error.Location.Column));
        Assert.Equal("feature `item03` of the spec has no column `item03` in the dataset; add the column (empty cells mean unknown) or remove the feature", error.Message);
    }

    [Fact]
    public void A_bad_cell_stops_training_with_the_dataset_readers_located_message()
    {
        using var fixtures = new ClassifierFixtures();
        fixtures.BaseModel(2);
        var data = fixtures.PathOf("bad-cell.csv");
        File.WriteAllLines(data, ["item01,item02,outcome", "absent,possible,0", "absent,presnt,1"]);

        var error = Single(fixtures, fixtures.Spec(ClassifierFixtures.ItemFeatures(2)), data);

        Assert.Equal("TMA0205", error.Code);
        Assert.Equal((3, 8), (error.Location.Line, error.Location.Column));
        Assert.Contains("did you mean `present`?", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_constant_feature_cannot_be_standardised()
    {
        using var fixtures = new ClassifierFixtures();
        fixtures.BaseModel(2);
        var data = fixtures.PathOf("constant-feature.csv");
        File.WriteAllLines(data, ["item01,item02,outcome", .. Enumerable.Range(0, 60).Select(i => $"possible,{(i % 3 == 0 ? "present" : "absent")},{(i % 2)}")]);

        var error = Single(fixtures, fixtures.Spec("  - { input: item01, standardize: true }\n  - { input: item02 }", folds: 2), data);

        Assert.Equal(TrainingDiagnosticCodes.FeatureStatistics, error.Code);
        Assert.StartsWith("feature `item01` is constant in the dataset (standard deviation 0)", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("  - { input: item9 }", "TMA0022", 5, 14, "feature input `item9` is not a declared input")]
    [InlineData("  - { input: item01, encoding: one-hot }", "TMA0013", 5, 32, "encoding `one-hot` does not fit the presence input `item01`; use `score` or `position`")]
    [InlineData("  - { input: item01, missing: avg }", "TMA0013", 5, 31, "unknown missing-value strategy `avg` (indicator, mean, mode, constant)")]
    [InlineData("  - { input: item01, missing: constant }", "TMA0011", 5, 5, "feature `item01` has no `fill` (the constant to use for an unknown value)")]
    [InlineData("  - { input: item01, wieght: 2 }", "TMA0010", 5, 22, "unknown key `wieght` in feature `item01`")]
    [InlineData("  - { input: item01.relevance }", "TMA0022", 5, 14, "input `item01` has no relevance axis, so `item01.relevance` is not a feature it can give")]
    public void Spec_mistakes_are_located_in_the_spec_file(string features, string code, int line, int column, string message)
    {
        using var fixtures = new ClassifierFixtures();
        fixtures.BaseModel(2);
        var path = fixtures.Spec(features);

        var spec = TrainingSpecReader.ReadFile(path);

        Assert.False(spec.Succeeded);
        var error = Assert.Single(spec.Diagnostics, d => d.Severity == Severity.Error);
        Assert.Equal((code, path, line, column), (error.Code, error.Location.File, error.Location.Line, error.Location.Column));
        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_trainer_and_calibration_are_reported_together()
    {
        using var fixtures = new ClassifierFixtures();
        fixtures.BaseModel(2);
        var path = fixtures.Spec(ClassifierFixtures.ItemFeatures(2), trainer: "{ name: lightgbm }", calibration: "plat");

        var spec = TrainingSpecReader.ReadFile(path);

        Assert.Equal(
            ["unknown trainer `lightgbm` — did you mean `light-gbm`? (trainers: lbfgs-logistic-regression, sdca-logistic-regression, fast-tree, light-gbm)", "unknown calibration `plat` — did you mean `platt`? (platt, isotonic, none)"],
            spec.Diagnostics.Select(d => d.Message));
    }

    [Fact]
    public void A_failed_training_writes_no_package()
    {
        using var fixtures = new ClassifierFixtures();
        fixtures.BaseModel(2);
        var (data, _) = fixtures.Data(new SyntheticOptions { Rows = 20, Seed = 1 });

        var trained = ClassifierTrainer.Train(fixtures.ReadSpec(fixtures.Spec(ClassifierFixtures.ItemFeatures(2))), data);

        Assert.False(trained.Succeeded);
        Assert.False(Directory.Exists(fixtures.PathOf("package")));
    }

    private static Diagnostic Single(ClassifierFixtures fixtures, string spec, string data)
    {
        var trained = ClassifierTrainer.Train(fixtures.ReadSpec(spec), data);
        Assert.False(trained.Succeeded);
        return Assert.Single(trained.Diagnostics, d => d.Severity == Severity.Error);
    }
}
