using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Tma.Models.Definitions;
using Tma.Models.Diagnostics;
using Tma.Models.Loading;

namespace Tma.Models.Tests.Loading;

/// <summary>Keeps docs/model-format.md and docs/model.schema.json in step with the loader.</summary>
public sealed partial class DocumentationTests
{
    private static readonly string Docs = Repository.Path("docs");

    private static string Reference => File.ReadAllText(Path.Combine(Docs, "model-format.md"));

    private static JsonElement Schema => JsonDocument.Parse(File.ReadAllText(Path.Combine(Docs, "model.schema.json"))).RootElement;

    private static string[] Enum(JsonElement element) => [.. element.GetProperty("enum").EnumerateArray().Select(e => e.GetString()!)];

    [GeneratedRegex("## A complete example\\s+```yaml\\n(?<yaml>.*?)```", RegexOptions.Singleline)]
    private static partial Regex CompleteExample();

    [Fact]
    public void The_complete_example_in_the_reference_loads_without_any_diagnostic()
    {
        var yaml = CompleteExample().Match(Reference).Groups["yaml"].Value;
        Assert.NotEmpty(yaml);
        var result = ModelReader.ReadText(yaml, "docs/model-format.md#a-complete-example");
        Assert.True(result.Succeeded, string.Join(Environment.NewLine, result.Diagnostics));
        Assert.Empty(result.Diagnostics);
        Assert.Equal(AggregationPolicy.Weighted, result.Value!.Scoring!.Policy);
    }

    [Fact]
    public void Every_diagnostic_code_is_listed_in_the_reference()
    {
        var codes = typeof(DiagnosticCodes).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (string)f.GetValue(null)!).ToList();
        Assert.NotEmpty(codes);
        Assert.All(codes, code => Assert.Contains($"| {code} |", Reference, StringComparison.Ordinal));
    }

    [Fact]
    public void The_schema_names_the_same_experts_types_and_policies_as_the_loader()
    {
        var schema = Schema;
        var defs = schema.GetProperty("$defs");
        Assert.Equal("https://json-schema.org/draft/2020-12/schema", schema.GetProperty("$schema").GetString());
        Assert.Equal(ExpertNames.All, Enum(defs.GetProperty("action").GetProperty("properties").GetProperty("experts").GetProperty("items")));
        Assert.Equal(["binary", "ordinal", "numeric", "categorical", "frequency", "presence"], Enum(defs.GetProperty("input").GetProperty("properties").GetProperty("type")));
        Assert.Equal(["sum", "weighted", "count", "highest-level"], Enum(schema.GetProperty("properties").GetProperty("scoring").GetProperty("properties").GetProperty("policy")));
        Assert.Equal(["max-omitted", "prorate", "insufficient"], Enum(schema.GetProperty("properties").GetProperty("missing_data").GetProperty("properties").GetProperty("policy")));
        Assert.Equal(["routine", "soon", "immediate"], Enum(defs.GetProperty("action").GetProperty("properties").GetProperty("urgency")));
    }

    [Fact]
    public void The_schema_closes_every_mapping_so_that_typos_are_caught_in_the_editor()
    {
        var schema = Schema;
        var objects = new List<(string Path, JsonElement Node)> { ("#", schema) };
        objects.AddRange(schema.GetProperty("$defs").EnumerateObject().Select(d => ("#/$defs/" + d.Name, d.Value)));
        var mappings = objects.SelectMany(o => Objects(o.Path, o.Node)).DistinctBy(o => o.Path).ToList();
        Assert.True(mappings.Count >= 12, $"only {mappings.Count} mappings were found in the schema");
        foreach (var (path, node) in mappings)
        {
            Assert.True(node.TryGetProperty("additionalProperties", out var additional) && additional.ValueKind == JsonValueKind.False, $"{path} is open");
            foreach (var property in node.GetProperty("properties").EnumerateObject())
            {
                Assert.True(property.Value.TryGetProperty("description", out _), $"{path}/{property.Name} has no description");
            }
        }
    }

    /// <summary>Every schema node that declares <c>properties</c>, outside if/then/else conditions.</summary>
    private static IEnumerable<(string Path, JsonElement Node)> Objects(string path, JsonElement node)
    {
        if (node.ValueKind != JsonValueKind.Object)
        {
            yield break;
        }

        if (node.TryGetProperty("properties", out var properties) && node.TryGetProperty("type", out var type) && type.GetString() == "object")
        {
            yield return (path, node);
            foreach (var property in properties.EnumerateObject())
            {
                foreach (var nested in Objects(path + "/" + property.Name, property.Value))
                {
                    yield return nested;
                }
            }
        }

        foreach (var key in new[] { "oneOf", "anyOf" })
        {
            if (node.TryGetProperty(key, out var options))
            {
                foreach (var option in options.EnumerateArray())
                {
                    foreach (var nested in Objects(path + "/" + key, option))
                    {
                        yield return nested;
                    }
                }
            }
        }
    }
}
