using Microsoft.Extensions.Time.Testing;
using Tma.Models.Cases;
using Tma.Models.Definitions;
using Tma.Models.Packaging;
using Tma.Scoring.Assessments;
using Tma.Scoring.FastPath;

namespace Tma.Scoring.Classifiers.Tests;

/// <summary>
/// Every text a professional reads exists in German and English: every shipped model declares both languages (the
/// loader refuses a text missing in one, TMA0070), and scoring every example in German gives the same result with
/// every prose text translated — a sentence of four words or more that reads the same in both languages is taken to
/// be untranslated.
/// </summary>
public sealed class TranslationTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);

    public static TheoryData<string> Models() => [.. ShippedModels.All()];

    [Theory]
    [MemberData(nameof(Models))]
    public void Every_example_of_a_shipped_model_reads_the_same_in_German_and_is_translated(string name)
    {
        var package = ModelPackage.Load(ShippedModels.Directory(name)).GetValueOrThrow();
        Assert.Equal(["en", "de"], package.Definition.Languages);
        var english = RiskModelCompiler.Compile(package, new FakeTimeProvider(Now), RiskModelOptions.Default.WithClassifiers());
        var german = RiskModelCompiler.Compile(package, new FakeTimeProvider(Now), new RiskModelOptions { Language = "de" }.WithClassifiers());
        var examples = System.IO.Directory.GetFiles(Path.Combine(package.Directory, "examples"), "*.yaml");
        Assert.NotEmpty(examples);
        foreach (var example in examples)
        {
            var data = CaseReader.ReadFile(example).GetValueOrThrow();
            var en = english.Assess(data);
            var de = german.Assess(data);
            Assert.Equal(("en", "de"), (en.Language, de.Language));
            Assert.Equal((en.Conclusion, en.Level, en.Score), (de.Conclusion, de.Level, de.Score));
            foreach (var (a, b) in Prose(en).Zip(Prose(de)))
            {
                Assert.False(a == b && a.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length >= 4, $"{name}/{Path.GetFileName(example)}: untranslated text: {a}");
            }
        }

        foreach (var (a, b) in ModelProse(english.Definition).Zip(ModelProse(german.Definition)))
        {
            Assert.False(a == b && a.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length >= 4, $"{name}: untranslated model text: {a}");
        }
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Every_input_of_a_shipped_model_has_coding_guidance_for_each_of_its_levels(string name)
    {
        var definition = ModelPackage.Load(ShippedModels.Directory(name)).GetValueOrThrow().Definition;
        foreach (var input in definition.Inputs)
        {
            Assert.True(input.Guidance is { General: not null, Example: not null }, $"{name}: input `{input.Id}` has no general guidance and example");
            if (input.Type != InputType.Numeric)
            {
                Assert.Equal(input.Levels.Select(l => l.Id), input.Guidance!.Levels.Select(l => l.Level));
            }
        }
    }

    private static IEnumerable<string> Prose(Assessment a) =>
        new[] { a.ConclusionText, a.Missing.Message, a.AdvisoryNotice, a.LevelLabel ?? "", a.Judgement?.Statement ?? "" }
            .Concat(a.Actions.Select(x => x.Step))
            .Concat(a.Indicators.SelectMany(i => new[] { i.Label, i.Reason }));

    private static IEnumerable<string> ModelProse(ModelDefinition d) =>
        new[] { d.Title, d.Description ?? "" }
            .Concat(d.Inputs.SelectMany(i => new[] { i.Label, i.Guidance?.General ?? "", i.Guidance?.Example ?? "" }.Concat(i.Guidance?.Levels.Select(l => l.Text) ?? [])))
            .Concat(d.Levels.SelectMany(l => new[] { l.Label, l.Description ?? "" }))
            .Concat(d.Actions.Select(x => x.Step))
            .Concat(d.Indicators.SelectMany(i => new[] { i.Label, i.Reason }));
}
