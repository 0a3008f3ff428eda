using Tma.Models.Definitions;
using Tma.Models.Packaging;
using Tma.Research.Evaluation.Statistics;
using Tma.Research.Synthesis;
using Xunit.Abstractions;

namespace Tma.Research.Tests.Training;

/// <summary>
/// On `tma synth` data the trained classifier's cross-validated AUC is compared with two known truths:
/// <list type="number">
/// <item>the population AUC of θ (<see cref="SyntheticTruth.ThetaAuc"/>, by quadrature) — the ceiling of every score;
/// with 60 three-level items of discrimination 0.8–1.6 the items recover θ well enough that the best
/// possible score loses about 0.01 of AUC, so a good classifier comes within 0.02 of it;</item>
/// <item>the AUC, on the same rows, of the Bayes-optimal score P(outcome = 1 | items) = ∫ logistic(α + βθ) p(θ | items) dθ,
/// computed here on a θ grid from the documented item model (ordered logistic, <see cref="ItemParameters"/>) — the best
/// any classifier of these items can do on these rows.</item>
/// </list>
/// Both within ±0.02 (4,000 rows, 5 folds; the CV AUC's sampling sd is about 0.008).
/// </summary>
public sealed class SyntheticTruthTests(ITestOutputHelper output)
{
    private const int Items = 60;

    [Fact]
    public void Cross_validated_auc_of_logistic_regression_is_within_0_02_of_the_true_auc_of_the_generating_process()
    {
        using var fixtures = new ClassifierFixtures();
        fixtures.BaseModel(Items);
        var options = new SyntheticOptions { Rows = 10_000, Seed = 20261126, Beta = 1.5, BaseRate = 0.25, GroupShift = 0 };
        var (data, truth) = fixtures.Data(options);
        var spec = fixtures.Spec(ClassifierFixtures.ItemFeatures(Items), trainer: "{ name: lbfgs-logistic-regression, l1: 0, l2: 1 }");

        var trained = fixtures.Train(spec, data);
        var cv = trained.Classifier.Evaluation!;
        var bayes = BayesAuc(ModelPackage.Load(fixtures.PathOf("base")).GetValueOrThrow().Definition, truth, data);
        output.WriteLine($"CV AUC {cv.AucMean:F4} (pooled {cv.AucPooled:F4}); Bayes-optimal AUC on these rows {bayes:F4}; population AUC of θ {truth.ThetaAuc:F4}");

        Assert.InRange(cv.AucMean, truth.ThetaAuc - 0.02, truth.ThetaAuc + 0.02);
        Assert.InRange(cv.AucMean, bayes - 0.02, bayes + 0.02);
        Assert.True(cv.AucMean <= bayes + 0.005, "a classifier cannot beat the Bayes-optimal score by more than noise");
    }

    [Theory]
    [InlineData("{ name: sdca-logistic-regression, l2: 0.01 }", "platt")]
    [InlineData("{ name: fast-tree, trees: 40, leaves: 8 }", "isotonic")]
    [InlineData("{ name: light-gbm, iterations: 40, leaves: 8, learning_rate: 0.1 }", "platt")]
    public void Every_trainer_learns_the_synthetic_risk_within_0_03_of_the_bayes_optimal_auc(string trainer, string calibration)
    {
        using var fixtures = new ClassifierFixtures();
        fixtures.BaseModel(30);
        var (data, truth) = fixtures.Data(new SyntheticOptions { Rows = 3000, Seed = 99, Beta = 1.5, BaseRate = 0.25, GroupShift = 0 });
        var spec = fixtures.Spec(ClassifierFixtures.ItemFeatures(30), trainer: trainer, calibration: calibration);

        var cv = fixtures.Train(spec, data).Classifier.Evaluation!;
        var bayes = BayesAuc(ModelPackage.Load(fixtures.PathOf("base")).GetValueOrThrow().Definition, truth, data);
        output.WriteLine($"{trainer}: CV AUC {cv.AucMean:F4}, Bayes-optimal {bayes:F4}, θ AUC {truth.ThetaAuc:F4}, Brier {cv.Brier:F4}");

        Assert.InRange(cv.AucMean, bayes - 0.03, bayes + 0.01);
    }

    /// <summary>AUC on the dataset's rows of P(outcome = 1 | items) under the generating process (θ ~ N(0, 1), no group shift, no missing cells).</summary>
    private static double BayesAuc(ModelDefinition model, SyntheticTruth truth, string data)
    {
        const int grid = 801;
        var theta = Enumerable.Range(0, grid).Select(k => -8 + (16.0 * k / (grid - 1))).ToArray();
        var prior = theta.Select(t => Math.Exp(-0.5 * t * t)).ToArray();
        var outcome = theta.Select(t => Logistic(truth.Alpha + (truth.Beta * t))).ToArray();
        var parameters = model.Inputs.Select(ItemParameters.For).ToArray();

        // log P(level | θ) per item, level and grid point: P(≥k) = logistic(a·θ − c_k).
        var logLikelihood = new double[model.Inputs.Count][][];
        for (var i = 0; i < model.Inputs.Count; i++)
        {
            var levels = model.Inputs[i].Levels.Count;
            logLikelihood[i] = new double[levels][];
            for (var level = 0; level < levels; level++)
            {
                logLikelihood[i][level] = new double[grid];
                for (var g = 0; g < grid; g++)
                {
                    var atLeast = level == 0 ? 1 : Logistic((parameters[i].Discrimination * theta[g]) - parameters[i].CutPoints[level - 1]);
                    var above = level == levels - 1 ? 0 : Logistic((parameters[i].Discrimination * theta[g]) - parameters[i].CutPoints[level]);
                    logLikelihood[i][level][g] = Math.Log(Math.Max(atLeast - above, 1e-300));
                }
            }
        }

        var lines = File.ReadAllLines(data);
        var header = lines[0].Split(',');
        var columns = model.Inputs.Select(input => Array.IndexOf(header, input.Id)).ToArray();
        var outcomeColumn = Array.IndexOf(header, "outcome");
        var scores = new List<double>();
        var outcomes = new List<bool>();
        var log = new double[grid];
        foreach (var line in lines.Skip(1).Where(l => l.Length > 0))
        {
            var cells = line.Split(',');
            Array.Clear(log);
            for (var i = 0; i < columns.Length; i++)
            {
                var level = model.Inputs[i].LevelIndex(cells[columns[i]]);
                for (var g = 0; g < grid; g++)
                {
                    log[g] += logLikelihood[i][level][g];
                }
            }

            var max = log.Max();
            double numerator = 0, denominator = 0;
            for (var g = 0; g < grid; g++)
            {
                var weight = prior[g] * Math.Exp(log[g] - max);
                numerator += weight * outcome[g];
                denominator += weight;
            }

            scores.Add(numerator / denominator);
            outcomes.Add(cells[outcomeColumn] == "1");
        }

        return Auc.PointEstimate([.. scores], [.. outcomes]);
    }

    private static double Logistic(double x) => 1 / (1 + Math.Exp(-x));
}
