using FsCheck;
using FsCheck.Fluent;
using Microsoft.Extensions.Time.Testing;
using Tma.Models.Cases;
using Tma.Models.Definitions;
using Tma.Models.Packaging;
using Tma.Scoring.Aggregation;
using Tma.Scoring.Assessments;
using Tma.Scoring.FastPath;

namespace Tma.Scoring.Tests.FastPath;

/// <summary>
/// Differential properties: the compiled path gives exactly the assessments of the NRules reference path (the same
/// JSON, byte for byte, apart from <c>engine</c>; the same injected time), on random cases of every shipped package
/// and on random cases of randomly generated models. Batch scores equal the reference assessments' score, level and
/// validity of the NRules batch scorer.
/// Cases compared: 4 packages × 2,500 random cases = 10,000, plus 1,000 random models × 25 cases = 25,000.
/// </summary>
public sealed class DifferentialTests
{
    /// <summary>Random cases per shipped package.</summary>
    public const int CasesPerPackage = 2_500;

    /// <summary>Randomly generated models.</summary>
    public const int RandomModelCount = 1_000;

    /// <summary>Random cases per generated model.</summary>
    public const int CasesPerModel = 25;

    private static readonly DateTimeOffset Now = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly RiskModelOptions ReferencePath = new() { Path = EvaluationPath.NRules };
    private static readonly DateTimeOffset HistoryStart = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static TheoryData<string> Packages() => [.. Repository.RulesModelFolders().Select(d => Path.GetFileName(d))];

    [Theory]
    [MemberData(nameof(Packages))]
    public void Compiled_path_equals_NRules_on_random_cases_of_a_shipped_package(string name)
    {
        var package = ModelPackage.Load(Repository.Model(name)).GetValueOrThrow();
        var reference = RiskModelCompiler.Compile(package, new FakeTimeProvider(Now), ReferencePath);
        var auto = RiskModelCompiler.Compile(package, new FakeTimeProvider(Now));
        var batch = RiskModelCompiler.CompileBatch(package);
        var fastSingle = Harness.For(package.Definition, auto.Reference);
        var nrulesBatch = RiskModelCompiler.CompileBatch(package, ReferencePath);
        var temporal = RiskModelCompiler.ChoosePath(package.Definition) == EvaluationPath.NRules;
        var compared = 0;

        var property = Prop.ForAll(Gen.Choose(0, int.MaxValue).ToArbitrary(), seed =>
        {
            var random = new Random(seed);
            var data = RandomCase(package.Definition, random);
            var resolved = CaseResolver.Resolve(package.Definition, data).GetValueOrThrow();
            var expected = reference.Assess(resolved);
            var actual = auto.Assess(resolved);
            Assert.Equal(temporal ? "nrules" : "compiled", actual.Engine);
            Assert.Equal(Json(expected), Json(actual));

            // Without observations: the compiled evaluation (temporal conjuncts false) and the batch scorer too.
            var plain = new ResolvedCase(Values(resolved), Relevance(resolved), [], resolved.AsOf, resolved.Norm);
            var plainExpected = reference.Assess(plain);
            Assert.Equal(Json(plainExpected), Json(fastSingle.Assess(plain)));
            Assert.Equal(nrulesBatch.Score(Values(plain), Relevance(plain), plain.Norm), batch.Score(Values(plain), Relevance(plain), plain.Norm));
            Interlocked.Increment(ref compared);
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(CasesPerPackage).WithReplay(17, 29), property);

        Assert.Equal(CasesPerPackage, compared);
    }

    [Theory]
    [MemberData(nameof(Packages))]
    public void Every_example_case_of_a_shipped_package_gives_the_same_assessment_on_both_paths(string name)
    {
        var package = ModelPackage.Load(Repository.Model(name)).GetValueOrThrow();
        var reference = RiskModelCompiler.Compile(package, new FakeTimeProvider(Now), ReferencePath);
        var auto = RiskModelCompiler.Compile(package, new FakeTimeProvider(Now));
        var examples = Directory.GetFiles(Path.Combine(Repository.Model(name), "examples"));

        Assert.NotEmpty(examples);
        foreach (var file in examples)
        {
            var data = CaseReader.ReadFile(file).GetValueOrThrow();
            Assert.Equal(Json(reference.Assess(data)), Json(auto.Assess(data)));
        }
    }

    [Theory]
    [MemberData(nameof(Packages))]
    public void Batch_scoring_of_many_rows_equals_the_reference_assessments_row_by_row(string name)
    {
        var package = ModelPackage.Load(Repository.Model(name)).GetValueOrThrow();
        var reference = RiskModelCompiler.Compile(package, new FakeTimeProvider(Now), ReferencePath);
        var batch = RiskModelCompiler.CompileBatch(package);
        var nrulesBatch = RiskModelCompiler.CompileBatch(package, ReferencePath);
        var width = batch.InputCount;
        const int Rows = 500;
        var random = new Random(4242);
        var values = new double?[Rows * width];
        var relevance = new double?[Rows * width];
        var expected = new BatchRowScore[Rows];
        for (var row = 0; row < Rows; row++)
        {
            var resolved = CaseResolver.Resolve(package.Definition, RandomCase(package.Definition, random, observations: false)).GetValueOrThrow();
            Values(resolved).CopyTo(values, row * width);
            Relevance(resolved).CopyTo(relevance, row * width);
            expected[row] = nrulesBatch.Score(Values(resolved), Relevance(resolved));
        }

        var scores = new double[Rows];
        var ranks = new int[Rows];
        var validity = new Validity[Rows];
        Assert.Equal(Rows, batch.ScoreBatch(values, relevance, scores, ranks, validity));

        Assert.Equal(expected, Enumerable.Range(0, Rows).Select(r => new BatchRowScore(scores[r], ranks[r], validity[r])));
        Assert.Equal("compiled", batch.Engine);
    }

    [Fact]
    public void Compiled_path_equals_NRules_on_random_cases_of_random_models()
    {
        var models = 0;
        var cases = 0;
        var property = Prop.ForAll(Gen.Choose(0, int.MaxValue).ToArbitrary(), seed =>
        {
            var definition = new RandomModels(seed, temporal: seed % 4 == 0).Definition();
            var reference = RiskModelCompiler.Compile(definition, "sha256:random", new FakeTimeProvider(Now), ReferencePath);
            var path = RiskModelCompiler.ChoosePath(definition);
            var auto = path == EvaluationPath.Compiled ? RiskModelCompiler.Compile(definition, "sha256:random", new FakeTimeProvider(Now), new RiskModelOptions { Path = EvaluationPath.Compiled }) : null;
            var fast = Harness.For(definition, reference.Reference);
            var batch = RiskModelCompiler.CompileBatch(definition, "sha256:random");
            var nrulesBatch = RiskModelCompiler.CompileBatch(definition, "sha256:random", ReferencePath);
            var context = $"seed {seed}:{Environment.NewLine}{new RandomModels(seed, seed % 4 == 0).Yaml()}";
            var random = new Random(seed);
            for (var k = 0; k < CasesPerModel; k++)
            {
                var data = RandomModels.Case(definition, random);
                var expected = reference.Assess(data);
                var json = Json(expected);
                if (auto is not null)
                {
                    var actual = auto.Assess(data);
                    Assert.Equal("compiled", actual.Engine);
                    AssertSame(json, Json(actual), context);
                }

                AssertSame(json, Json(fast.Assess(data)), context);
                Assert.Equal(nrulesBatch.Score(Values(data), Relevance(data), data.Norm), batch.Score(Values(data), Relevance(data), data.Norm));
                Interlocked.Increment(ref cases);
            }

            Interlocked.Increment(ref models);
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(RandomModelCount).WithReplay(5, 9), property);

        Assert.Equal(RandomModelCount, models);
        Assert.Equal(RandomModelCount * CasesPerModel, cases);
    }

    /// <summary>The assessment JSON without the path name.</summary>
    internal static string Json(Assessment assessment) => AssessmentJson.Serialize(assessment with { Engine = "-" });

    private static void AssertSame(string expected, string actual, string context)
    {
        if (expected != actual)
        {
            Assert.Fail($"{context}{Environment.NewLine}expected:{Environment.NewLine}{expected}{Environment.NewLine}actual:{Environment.NewLine}{actual}");
        }
    }

    private static double?[] Values(ResolvedCase data) => [.. data.Values];

    private static double?[] Relevance(ResolvedCase data) => [.. data.Relevance];

    /// <summary>A random case for any model: values of every input (some omitted, some explicitly unknown),
    /// relevance where coded, a norm, and sometimes dated observations and a reference date.</summary>
    internal static CaseData RandomCase(ModelDefinition model, Random random, bool observations = true)
    {
        var inputs = new Dictionary<string, CaseValue>(StringComparer.Ordinal);
        foreach (var input in model.Inputs)
        {
            var roll = random.NextDouble();
            if (roll < 0.12)
            {
                continue;
            }

            if (roll < 0.2)
            {
                inputs[input.Id] = CaseValue.Unknown;
                continue;
            }

            if (input.Type == InputType.Numeric)
            {
                var (min, max) = (input.Minimum ?? 0, input.Maximum ?? 100);
                inputs[input.Id] = CaseValue.Of(random.Next(3) switch
                {
                    0 => min,
                    1 => max,
                    _ => Math.Round(min + (random.NextDouble() * (max - min)), random.Next(0, 3)),
                });
                continue;
            }

            var level = input.Levels[random.Next(input.Levels.Count)].Id;
            var relevance = input.HasRelevance && random.NextDouble() < 0.6 ? input.RelevanceLevels[random.Next(input.RelevanceLevels.Count)].Id : null;
            inputs[input.Id] = CaseValue.Level(level, relevance);
        }

        var history = new List<Observation>();
        if (observations && random.NextDouble() < 0.4)
        {
            var ordered = model.Inputs.Where(i => i.IsOrdered).ToList();
            var count = random.Next(1, 6);
            for (var o = 0; o < count && ordered.Count > 0; o++)
            {
                var input = ordered[random.Next(ordered.Count)];
                var at = HistoryStart.AddDays((o * 9) + random.Next(0, 9)).AddHours(random.Next(24));
                history.Add(new Observation(input.Id, CaseValue.Level(input.Levels[random.Next(input.Levels.Count)].Id), at));
            }
        }

        var norms = model.Scoring?.Norms ?? [];
        return new CaseData
        {
            Inputs = inputs,
            Observations = history,
            AsOf = history.Count > 0 && random.NextDouble() < 0.5 ? HistoryStart.AddDays(random.Next(10, 60)) : null,
            Norm = norms.Count > 1 && random.NextDouble() < 0.6 ? norms[random.Next(norms.Count)].Id : null,
        };
    }

    /// <summary>
    /// The compiled evaluation of a model, including models with temporal helpers, which <see cref="RiskModelCompiler"/>
    /// sends to NRules: <see cref="FiringEvaluator"/> (temporal conjuncts false) and the <see cref="Aggregator"/>,
    /// exactly as the compiled model and the batch scorer use them. For cases without observations only.
    /// </summary>
    private sealed class Harness(ModelDefinition definition, ModelReference reference)
    {
        private readonly FiringEvaluator _evaluator = new(definition);
        private readonly Aggregator _aggregator = new(definition);

        public static Harness For(ModelDefinition definition, ModelReference reference) => new(definition, reference);

        public Assessment Assess(ResolvedCase data)
        {
            Assert.Empty(data.Observations);
            var fired = new bool[definition.Indicators.Count];
            var values = data.Values.ToArray();
            var relevance = data.Relevance.ToArray();
            _evaluator.Evaluate(values, relevance, fired);
            var evidence = definition.Indicators.Select(_ => (IReadOnlyList<ResolvedObservation>)[]).ToArray();
            return _aggregator.Aggregate(data, new Firings(fired, evidence), reference, "compiled", Now);
        }
    }
}
