using System.Globalization;
using MathNet.Numerics.LinearAlgebra;
using Tma.Models.Packaging;
using Tma.Research.Evaluation.Scoring;
using Tma.Research.Evaluation.Statistics;
using Tma.Research.Synthesis;
using Tma.Scoring;
using Tma.Scoring.Classifiers;
using Tma.Scoring.FastPath;

namespace Tma.Research.Tests.Training;

/// <summary>
/// `tma train` with L-BFGS logistic regression and no regularisation against an independent maximum-likelihood fit:
/// Newton–Raphson (iteratively reweighted least squares) written here with MathNet.Numerics in double precision, on
/// features encoded here from the CSV text. ML.NET works in single precision and stops at a relative tolerance, so the
/// coefficients must agree within 0.005 (absolute) and the in-sample AUCs within 0.001.
/// </summary>
public sealed class LogisticRegressionReferenceTests
{
    private static readonly string[] Presence = ["absent", "possible", "present"];

    [Fact]
    public void Lbfgs_logistic_regression_reproduces_the_coefficients_and_auc_of_a_newton_raphson_fit()
    {
        using var fixtures = new ClassifierFixtures();
        fixtures.BaseModel(items: 4, numeric: true);
        var (data, _) = fixtures.Data(new SyntheticOptions { Rows = 3000, Seed = 42, Beta = 1.2, BaseRate = 0.3 });
        var spec = fixtures.Spec(
            ClassifierFixtures.ItemFeatures(4, "encoding: score, missing: constant, fill: 0") + "\n  - { input: amount, encoding: number, missing: constant, fill: 0 }",
            trainer: "{ name: lbfgs-logistic-regression, l1: 0, l2: 0, optimization_tolerance: 0.0000000001 }",
            calibration: "none");

        var trained = fixtures.Train(spec, data);
        var (x, y) = ReadDesign(data);
        var beta = NewtonRaphson(x, y);

        Assert.Equal(beta[0], trained.Bias!.Value, 0.005);
        for (var j = 0; j < 5; j++)
        {
            Assert.Equal(beta[j + 1], trained.Weights![j], 0.005);
        }

        // In-sample AUC: the package's batch scores (ML.NET IDataView path) against the reference linear predictor.
        var package = trained.WritePackage(fixtures.PathOf("package"));
        Assert.True(package.Succeeded, string.Join(Environment.NewLine, package.Diagnostics));
        var scorer = DatasetScorers.For(RiskModelCompiler.Compile(package.Value!, options: RiskModelOptions.Default.WithClassifiers()))!;
        var scores = scorer.ScoreDataset(data).Value!;
        var reference = x * beta;
        var outcomes = y.Select(v => v == 1).ToArray();
        Assert.Equal(Auc.PointEstimate(reference.ToArray(), outcomes), Auc.PointEstimate([.. scores.Probabilities!], outcomes), 0.001);
    }

    /// <summary>Maximum-likelihood logistic regression by Newton–Raphson: β ← β + (XᵀWX)⁻¹ Xᵀ(y − p).</summary>
    private static Vector<double> NewtonRaphson(Matrix<double> x, Vector<double> y)
    {
        var beta = Vector<double>.Build.Dense(x.ColumnCount);
        for (var iteration = 0; iteration < 50; iteration++)
        {
            var p = (x * beta).Map(eta => 1 / (1 + Math.Exp(-eta)));
            var w = p.Map(q => q * (1 - q));
            var gradient = x.TransposeThisAndMultiply(y - p);
            var hessian = x.TransposeThisAndMultiply(x.MapIndexed((i, _, v) => v * w[i]));
            var step = hessian.Solve(gradient);
            beta += step;
            if (step.L2Norm() < 1e-12)
            {
                break;
            }
        }

        return beta;
    }

    /// <summary>The design matrix (intercept, four presence scores 0/1/2, the amount) and outcomes, read from the CSV text.</summary>
    private static (Matrix<double> X, Vector<double> Y) ReadDesign(string path)
    {
        var lines = File.ReadAllLines(path);
        var header = lines[0].Split(',');
        var columns = new[] { "item01", "item02", "item03", "item04", "amount" }.Select(c => Array.IndexOf(header, c)).ToArray();
        var outcome = Array.IndexOf(header, "outcome");
        var rows = lines.Skip(1).Where(l => l.Length > 0).Select(l => l.Split(',')).ToArray();
        var x = Matrix<double>.Build.Dense(rows.Length, 6, (i, j) => j == 0 ? 1
            : j < 5 ? Array.IndexOf(Presence, rows[i][columns[j - 1]])
            : double.Parse(rows[i][columns[4]], CultureInfo.InvariantCulture));
        var y = Vector<double>.Build.Dense(rows.Length, i => rows[i][outcome] == "1" ? 1 : 0);
        return (x, y);
    }
}
