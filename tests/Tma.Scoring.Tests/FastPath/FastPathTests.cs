using FsCheck;
using FsCheck.Fluent;
using Microsoft.Extensions.Time.Testing;
using Tma.Models.Definitions;
using Tma.Models.Expressions;
using Tma.Scoring.Assessments;
using Tma.Scoring.Compilation;
using Tma.Scoring.FastPath;
using static Tma.Scoring.Tests.TestModels;

namespace Tma.Scoring.Tests.FastPath;

/// <summary>How the evaluation path is chosen and forced, the batch API's contract, and the unrolled helpers.</summary>
public sealed class FastPathTests
{
    private static readonly string Plain = Header + """

        inputs:
          - { id: threats, type: presence, group: core }
          - { id: grievance, type: presence, group: core }
          - { id: weapons, type: binary }
        levels: [low, high]
        indicators:
          - { id: threat, when: threats >= present, points: 2, reason: Threat }
          - { id: both, when: "count_at_least(possible, @core) >= 2 and weapons", points: 3, minimum_level: high, reason: Both }
        scoring:
          policy: sum
          bands: [ { level: low, to: 3 }, { level: high, from: 3 } ]
        missing_data: { policy: max-omitted, max_omitted: 3 }
        """;

    private static readonly string Temporal = Plain.Replace(
        "- { id: threat, when: threats >= present, points: 2, reason: Threat }",
        "- { id: threat, when: \"rose_within(threats, 1, 30) and grievance >= possible\", points: 2, reason: Threat }",
        StringComparison.Ordinal);

    private static Models.Definitions.ModelDefinition Definition(string yaml) => Models.Loading.ModelReader.ReadText(yaml, "test-model.yaml").Value!;

    [Fact]
    public void The_automatic_path_is_compiled_without_temporal_helpers_and_NRules_with_them()
    {
        Assert.Equal(EvaluationPath.Compiled, RiskModelCompiler.ChoosePath(Definition(Plain)));
        Assert.Equal(EvaluationPath.NRules, RiskModelCompiler.ChoosePath(Definition(Temporal)));
        Assert.Equal("compiled", Compile(Plain).Assess(("threats", "present")).Engine);
        Assert.Equal("nrules", Compile(Temporal).Assess(("threats", "present")).Engine);
    }

    [Fact]
    public void The_NRules_path_can_be_forced_and_gives_the_same_assessment()
    {
        var definition = Definition(Plain);
        var reference = RiskModelCompiler.Compile(definition, "sha256:test", new FakeTimeProvider(Now), new RiskModelOptions { Path = EvaluationPath.NRules });
        var compiled = RiskModelCompiler.Compile(definition, "sha256:test", new FakeTimeProvider(Now), new RiskModelOptions { Path = EvaluationPath.Compiled });
        var data = Case(("threats", "present"), ("grievance", "possible"), ("weapons", "yes"));

        var a = reference.Assess(data);
        var b = compiled.Assess(data);

        Assert.Equal(("nrules", "compiled"), (a.Engine, b.Engine));
        Assert.Equal(("high", 5.0), (b.Level, b.Score));
        Assert.Equal(["threat", "both"], b.FiredIds());
        Assert.Equal(DifferentialTests.Json(a), DifferentialTests.Json(b));
    }

    [Fact]
    public void Forcing_the_compiled_path_on_a_model_with_temporal_helpers_is_refused_with_the_indicators_named()
    {
        var error = Assert.Throws<NotSupportedException>(() =>
            RiskModelCompiler.Compile(Definition(Temporal), "sha256:test", options: new RiskModelOptions { Path = EvaluationPath.Compiled }));

        Assert.Contains("threat", error.Message, StringComparison.Ordinal);
        Assert.Contains("NRules", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Batch_scoring_of_a_temporal_model_treats_temporal_conditions_as_false()
    {
        var batch = RiskModelCompiler.CompileBatch(Definition(Temporal), "sha256:test");
        double?[] row = [2, 2, 1];

        var score = batch.Score(row, []);

        // `threat` needs observations and cannot fire; `both` fires (two core items >= possible, weapons yes): 3 -> high.
        Assert.Equal(new BatchRowScore(3, 1, Validity.Valid), score);
        Assert.Equal("compiled", batch.Engine);
    }

    [Fact]
    public void The_NRules_batch_scorer_gives_the_same_rows_as_the_compiled_one()
    {
        var definition = Definition(Plain);
        var compiled = RiskModelCompiler.CompileBatch(definition, "sha256:test");
        var reference = RiskModelCompiler.CompileBatch(definition, "sha256:test", new RiskModelOptions { Path = EvaluationPath.NRules });
        double?[] rows = [2, 0, 1, null, null, null, 2, 1, 1, 1, 1, 0];
        var (s1, r1, v1) = (new double[4], new int[4], new Validity[4]);
        var (s2, r2, v2) = (new double[4], new int[4], new Validity[4]);

        Assert.Equal(4, compiled.ScoreBatch(rows, [], s1, r1, v1));
        Assert.Equal(4, reference.ScoreBatch(rows, [], s2, r2, v2));

        Assert.Equal("nrules", reference.Engine);
        Assert.Equal(s2, s1);
        Assert.Equal(r2, r1);
        Assert.Equal(v2, v1);
        Assert.Equal([2, 0, 5, 0], s1);
        Assert.Equal([0, 0, 1, 0], r1);
    }

    [Fact]
    public void Batch_arguments_of_the_wrong_shape_or_an_unknown_norm_are_refused()
    {
        var batch = RiskModelCompiler.CompileBatch(Definition(Plain), "sha256:test");
        var scores = new double[2];
        var ranks = new int[2];

        Assert.Throws<ArgumentException>(() => batch.Score(new double?[2], []));
        Assert.Throws<ArgumentException>(() => batch.Score(new double?[3], new double?[2]));
        Assert.Throws<ArgumentException>(() => batch.ScoreBatch(new double?[5], [], scores, ranks));
        Assert.Throws<ArgumentException>(() => batch.ScoreBatch(new double?[9], [], scores, ranks));
        Assert.Throws<ArgumentException>(() => batch.ScoreBatch(new double?[6], new double?[3], scores, ranks));
        Assert.Throws<ArgumentException>(() => batch.ScoreBatch(new double?[6], [], scores, ranks, new Validity[1]));
        Assert.Contains("nordic", Assert.Throws<ArgumentException>(() => batch.Score(new double?[3], [], "nordic")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Concurrent_batch_scoring_on_one_scorer_equals_sequential_scoring()
    {
        var batch = RiskModelCompiler.CompileBatch(Definition(Plain), "sha256:test");
        var random = new Random(99);
        var rows = Enumerable.Range(0, 3 * 4000).Select(_ => random.Next(4) switch { 0 => (double?)null, var v => v - 1 }).ToArray();
        var sequential = new double[4000];
        batch.ScoreBatch(rows, [], sequential, new int[4000]);
        var parallel = new double[4000];

        Parallel.For(0, 40, new ParallelOptions { MaxDegreeOfParallelism = 8 }, slice =>
        {
            var part = rows.AsSpan(slice * 300, 300);
            batch.ScoreBatch(part, [], parallel.AsSpan(slice * 100, 100), new int[100]);
        });

        Assert.Equal(sequential, parallel);
    }

    [Fact]
    public void A_prorating_model_with_every_required_input_unknown_is_insufficient_on_both_paths()
    {
        // Found by the random-model differential test: 0 × R / 0 made the score NaN and both paths threw.
        var yaml = Plain.Replace("missing_data: { policy: max-omitted, max_omitted: 3 }", "missing_data: { policy: prorate, max_omitted: 3 }", StringComparison.Ordinal);
        var definition = Definition(yaml);
        var data = Case(("threats", "unknown"));

        foreach (var path in new[] { EvaluationPath.NRules, EvaluationPath.Compiled })
        {
            var a = RiskModelCompiler.Compile(definition, "sha256:test", new FakeTimeProvider(Now), new RiskModelOptions { Path = path }).Assess(data);

            Assert.Equal((Validity.Insufficient, 0.0, Conclusion.Unassessable, null), (a.Missing.Validity, a.Score, a.Conclusion, a.Level));
            Assert.Equal(["threats", "grievance", "weapons"], a.Missing.Omitted);
            Assert.Contains("nothing to prorate", a.Missing.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Unrolled_sum_max_and_min_equal_their_loop_definitions()
    {
        var property = Prop.ForAll(Gen.ArrayOf(Gen.OneOf(Gen.Constant((double?)null), Gen.Elements(-0.0, 0.0, 1.5, -2.25, 7, 1e300).Select(v => (double?)v))).Where(a => a.Length > 0).ToArbitrary(), values =>
        {
            var arguments = values.Select((_, i) => (BoundExpression)new BoundInput(0, new Models.Definitions.InputDefinition { Id = $"x{i}", Label = "x", Type = Models.Definitions.InputType.Numeric }, i, false)).ToList();
            var sum = ConditionCompiler.NumberDelegate(new BoundAggregate(0, AggregateKind.Sum, arguments))(values, values);
            var max = ConditionCompiler.NumberDelegate(new BoundAggregate(0, AggregateKind.Max, arguments))(values, values);
            var min = ConditionCompiler.NumberDelegate(new BoundAggregate(0, AggregateKind.Min, arguments))(values, values);

            var (expectedSum, expectedMax, expectedMin) = (0.0, (double?)null, (double?)null);
            foreach (var value in values)
            {
                expectedSum += value ?? 0;
                expectedMax = value is { } v && (expectedMax is null || v > expectedMax) ? v : expectedMax;
                expectedMin = value is { } w && (expectedMin is null || w < expectedMin) ? w : expectedMin;
            }

            return BitEqual(sum, expectedSum) && BitEqual(max, expectedMax) && BitEqual(min, expectedMin);
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(500), property);

        static bool BitEqual(double? a, double? b) => a.HasValue == b.HasValue && (a is null || BitConverter.DoubleToInt64Bits(a.Value) == BitConverter.DoubleToInt64Bits(b!.Value));
    }
}
