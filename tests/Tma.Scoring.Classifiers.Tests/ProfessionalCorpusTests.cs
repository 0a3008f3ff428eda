using Microsoft.Extensions.Time.Testing;
using Tma.Models.Cases;
using Tma.Models.Packaging;
using Tma.Scoring.Assessments;
using Tma.Scoring.FastPath;
using YamlDotNet.RepresentationModel;

namespace Tma.Scoring.Classifiers.Tests;

/// <summary>
/// The corpus of hand-designed professional cases under <c>tests/corpus/&lt;model&gt;/</c>: each names its model, the
/// conclusion (and level) a threat-management professional expects, and a one-line rationale from the literature. Every
/// case must get exactly that, in English and in German.
/// </summary>
public sealed class ProfessionalCorpusTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);

    public static TheoryData<string> Cases() => [.. Files().Select(f => Path.GetRelativePath(CorpusRoot, f))];

    [Fact]
    public void The_corpus_holds_at_least_25_cases_over_every_shipped_model()
    {
        var cases = Files().ToArray();
        Assert.True(cases.Length >= 25, $"the corpus holds {cases.Length} cases");
        var models = cases.Select(c => Read(c).Model).Distinct().ToArray();
        Assert.Superset(new HashSet<string>(["crisis-screen-cssrs", "bullying-naqr", "warning-behaviours-triage", "workplace-violence-screening", "workplace-violence-composite"]), new HashSet<string>(models));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_hand_designed_case_gets_the_conclusion_a_professional_expects(string file)
    {
        var spec = Read(Path.Combine(CorpusRoot, file));
        Assert.False(string.IsNullOrWhiteSpace(spec.Rationale), $"{file}: no rationale");
        var package = ModelPackage.Load(ShippedModels.Directory(spec.Model)).GetValueOrThrow();
        var data = CaseReader.ReadText(spec.CaseYaml, file).GetValueOrThrow();
        foreach (var language in new[] { "en", "de" })
        {
            var model = RiskModelCompiler.Compile(package, new FakeTimeProvider(Now), new RiskModelOptions { Language = language }.WithClassifiers());
            var a = model.Assess(data);
            var detail = $"{file} ({language}): {a.Conclusion} {a.Level}: {a.ConclusionText}";
            Assert.True(spec.Conclusion == a.Conclusion, $"expected {spec.Conclusion}; got {detail}");
            Assert.True(spec.Level == a.Level, $"expected level {spec.Level ?? "none"}; got {detail}");
        }
    }

    private static string CorpusRoot => Repository.Path("tests", "corpus");

    private static IEnumerable<string> Files() =>
        Directory.Exists(CorpusRoot) ? Directory.GetFiles(CorpusRoot, "*.yaml", SearchOption.AllDirectories).Order(StringComparer.Ordinal) : [];

    private static CorpusCase Read(string path)
    {
        var stream = new YamlStream();
        using (var reader = new StreamReader(path))
        {
            stream.Load(reader);
        }

        var root = (YamlMappingNode)stream.Documents[0].RootNode;
        var expect = (YamlMappingNode)root["expect"];
        var conclusion = ((YamlScalarNode)expect["conclusion"]).Value switch
        {
            "level" => Conclusion.Level,
            "lower-bound" => Conclusion.LowerBound,
            "unassessable" => Conclusion.Unassessable,
            var other => throw new InvalidDataException($"{path}: unknown conclusion `{other}`"),
        };
        var level = expect.Children.TryGetValue(new YamlScalarNode("level"), out var l) ? ((YamlScalarNode)l).Value : null;
        var body = new YamlStream(new YamlDocument(root["case"]));
        using var text = new StringWriter();
        body.Save(text, assignAnchors: false);
        return new CorpusCase(((YamlScalarNode)root["model"]).Value!, conclusion, level, ((YamlScalarNode)root["rationale"]).Value ?? "", text.ToString());
    }

    private sealed record CorpusCase(string Model, Conclusion Conclusion, string? Level, string Rationale, string CaseYaml);
}
