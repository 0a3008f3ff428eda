using FsCheck;
using FsCheck.Fluent;
using Tma.Models.Definitions;
using Tma.Research.Datasets;
using Tma.Research.Evaluation.Statistics;
using Tma.Research.Synthesis;
using static Tma.Research.Tests.Datasets.DatasetTestFiles;

namespace Tma.Research.Tests.Synthesis;

public sealed class SyntheticDataTests
{
    private const int LargeRows = 200_000;

    [Fact]
    public void The_same_seed_gives_byte_identical_files_and_another_seed_does_not()
    {
        var model = Model();
        var options = new SyntheticOptions { Rows = 5_000, Seed = 11, MissingRate = 0.1, GroupCount = 3 };
        var a = TempPath("a.csv");
        var b = TempPath("b.csv");
        var c = TempPath("c.csv");

        SyntheticDataset.WriteFile(model, options, a);
        SyntheticDataset.WriteFile(model, options, b);
        SyntheticDataset.WriteFile(model, options with { Seed = 12 }, c);

        Assert.Equal(File.ReadAllBytes(a), File.ReadAllBytes(b));
        Assert.NotEqual(File.ReadAllBytes(a), File.ReadAllBytes(c));
        Assert.Equal(DatasetFingerprint.Compute(a), DatasetFingerprint.Compute(b));
    }

    [Theory]
    [InlineData(0.2, 1.5, 0.5, 2)]
    [InlineData(0.05, 2.0, 1.0, 3)]
    [InlineData(0.5, 0.7, -0.5, 2)]
    public void The_generated_base_rate_and_theta_auc_match_the_known_truth(double baseRate, double beta, double shift, int groups)
    {
        var options = new SyntheticOptions { Rows = LargeRows, Seed = 2024, BaseRate = baseRate, Beta = beta, GroupShift = shift, GroupCount = groups };
        var generator = new SyntheticGenerator(Model(), options);
        var theta = new double[LargeRows];
        var outcomes = new bool[LargeRows];
        var positives = 0;
        for (var r = 0; r < LargeRows; r++)
        {
            var row = generator.Next();
            theta[r] = row.Theta;
            outcomes[r] = row.Outcome;
            positives += row.Outcome ? 1 : 0;
        }

        var truth = generator.Truth;
        var standardError = Math.Sqrt(baseRate * (1 - baseRate) / LargeRows);
        Assert.Equal(baseRate, truth.BaseRate, 1e-9);
        Assert.InRange((double)positives / LargeRows, baseRate - (3 * standardError), baseRate + (3 * standardError));
        Assert.InRange(Auc.PointEstimate(theta, outcomes), truth.ThetaAuc - 0.01, truth.ThetaAuc + 0.01);
    }

    [Theory]
    [MemberData(nameof(ShippedModels))]
    public void A_sum_of_item_scores_ranks_worse_than_theta_but_better_than_chance(string modelId)
    {
        var model = Model(modelId);
        var generator = new SyntheticGenerator(model, new SyntheticOptions { Rows = LargeRows, Seed = 5 });
        var sums = new double[LargeRows];
        var thetas = new double[LargeRows];
        var outcomes = new bool[LargeRows];
        for (var r = 0; r < LargeRows; r++)
        {
            var row = generator.Next();
            var values = row.Values;
            for (var i = 0; i < values.Length; i++)
            {
                if (model.Inputs[i].IsOrdered && values[i] is { } level)
                {
                    sums[r] += model.Inputs[i].Levels[(int)level].Score;
                }
            }

            thetas[r] = row.Theta;
            outcomes[r] = row.Outcome;
        }

        var sumAuc = Auc.PointEstimate(sums, outcomes);
        Assert.InRange(sumAuc, 0.5 + 0.01, generator.Truth.ThetaAuc - 0.005);
        Assert.True(sumAuc < Auc.PointEstimate(thetas, outcomes));
    }

    [Fact]
    public void The_truth_agrees_with_an_independent_grid_integration()
    {
        var options = new SyntheticOptions { BaseRate = 0.15, Beta = 1.8, GroupShift = 0.8, GroupCount = 3 };
        var truth = SyntheticTruth.Compute(options);

        // Independent method: a plain midpoint grid over the θ mixture, P(θ1 > θ0) by cumulative sums.
        const double step = 0.002;
        double positiveMass = 0, negativeMass = 0, negativeBelow = 0, concordant = 0;
        for (var t = -14.0; t < 15.0; t += step)
        {
            var mid = t + (step / 2);
            var density = ((2 * Phi(mid)) + Phi(mid - 0.8)) / 3 * step;
            var p = 1 / (1 + Math.Exp(-(truth.Alpha + (1.8 * mid))));
            concordant += density * p * (negativeBelow + (density * (1 - p) / 2));
            negativeBelow += density * (1 - p);
            positiveMass += density * p;
            negativeMass += density * (1 - p);
        }

        Assert.Equal(0.15, positiveMass, 1e-6);
        Assert.Equal(concordant / (positiveMass * negativeMass), truth.ThetaAuc, 1e-5);

        static double Phi(double x) => Math.Exp(-0.5 * x * x) / Math.Sqrt(2 * Math.PI);
    }

    [Fact]
    public void Without_a_slope_the_auc_is_one_half_and_alpha_is_the_logit_of_the_base_rate()
    {
        var truth = SyntheticTruth.Compute(new SyntheticOptions { BaseRate = 0.3, Beta = 0, GroupShift = 2 });

        Assert.Equal(Math.Log(0.3 / 0.7), truth.Alpha, 1e-9);
        Assert.Equal(0.5, truth.ThetaAuc, 1e-6);
    }

    [Fact]
    public void Invalid_options_are_all_reported_together()
    {
        var problems = new SyntheticOptions { Rows = 0, BaseRate = 1, Beta = double.NaN, GroupShift = 50, GroupCount = 4, MissingRate = 1 }.Validate();

        Assert.Equal(6, problems.Count);
        Assert.Throws<ArgumentException>(() => new SyntheticGenerator(Model(), new SyntheticOptions { BaseRate = 0 }));
    }

    public static TheoryData<string> ShippedModels()
    {
        var data = new TheoryData<string>();
        foreach (var directory in ShippedModelDirectories())
        {
            data.Add(Path.GetFileName(directory));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ShippedModels))]
    public void Every_synthetic_row_reads_back_exactly_through_the_dataset_reader(string modelId)
    {
        var model = Model(modelId);
        var options = new SyntheticOptions { Rows = 3_000, Seed = 99, MissingRate = 0.1, GroupCount = 3 };
        var path = TempPath(modelId + ".csv");
        SyntheticDataset.WriteFile(model, options, path);

        using var reader = DatasetReader.Open(path, model).GetValueOrThrow();
        var generator = new SyntheticGenerator(model, options);
        while (reader.MoveNext())
        {
            var expected = generator.Next();
            var row = reader.Current;
            Assert.Equal(expected.Values.ToArray(), row.Values.ToArray());
            Assert.Equal(expected.Relevance.ToArray(), row.Relevance.ToArray());
            Assert.Equal(expected.Outcome, row.Outcome);
            Assert.Equal(generator.GroupLabels[expected.Group], row.Groups[0]);
        }

        Assert.Empty(reader.Errors);
        Assert.Empty(reader.Warnings);
        Assert.Equal(options.Rows, reader.RowCount);
        Assert.Equal(["site"], reader.Header.GroupNames);
    }

    [Fact]
    public void Generated_values_are_always_valid_for_their_inputs()
    {
        var model = Model();
        Prop.ForAll(
            Gen.Choose(0, 1_000_000).ToArbitrary(),
            Gen.Choose(-30, 30).ToArbitrary(),
            (seed, shiftTenths) =>
            {
                var generator = new SyntheticGenerator(model, new SyntheticOptions { Seed = seed, GroupShift = shiftTenths / 10.0, MissingRate = 0.2 });
                for (var r = 0; r < 200; r++)
                {
                    var row = generator.Next();
                    for (var i = 0; i < model.Inputs.Count; i++)
                    {
                        if (row.Values[i] is { } value && !IsValid(model.Inputs[i], value))
                        {
                            return false;
                        }
                    }
                }

                return true;
            }).QuickCheckThrowOnFailure();
    }

    private static bool IsValid(InputDefinition input, double value) => input.HasLevels
        ? value >= 0 && value < input.Levels.Count && value == Math.Floor(value)
        : double.IsFinite(value) && value >= (input.Minimum ?? double.MinValue) && value <= (input.Maximum ?? double.MaxValue);
}
