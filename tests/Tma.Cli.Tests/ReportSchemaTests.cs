using System.Text.Json.Nodes;
using Json.Schema;
using Tma.Cli.Reports;
using static Tma.Cli.Tests.EvaluationCliFiles;

namespace Tma.Cli.Tests;

/// <summary>
/// docs/report.schema.json is generated from the report records; it must match what the code generates (set
/// UPDATE_SNAPSHOTS=1 to rewrite it after an intended change, and review the diff), and real report.json files of
/// evaluate, compare and agreement must validate against it.
/// </summary>
public sealed class ReportSchemaTests
{
    private static readonly string SchemaPath = Repository.Path("docs", "report.schema.json");

    private static IEnumerable<string> Documentation =>
        [Path.Combine(AppContext.BaseDirectory, "Tma.Research.xml"), Path.Combine(AppContext.BaseDirectory, "Tma.Models.xml")];

    [Fact]
    public void The_committed_schema_is_the_generated_one()
    {
        var generated = ReportSchema.Render(Documentation);
        if (Environment.GetEnvironmentVariable("UPDATE_SNAPSHOTS") == "1")
        {
            File.WriteAllText(SchemaPath, generated);
        }

        Assert.True(File.Exists(SchemaPath), $"No {SchemaPath}; run with UPDATE_SNAPSHOTS=1 once.");
        Assert.Equal(File.ReadAllText(SchemaPath).ReplaceLineEndings("\n"), generated);
    }

    [Fact]
    public void The_schema_describes_the_fields_from_the_records_documentation()
    {
        var schema = ReportSchema.Generate(Documentation);
        var score = schema["$defs"]!["evaluation"]!["properties"]!["score"]!;

        Assert.Contains("Discrimination of the continuous score", score["description"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("ci.se", score["properties"]!["rocBand"]!["description"]!.GetValue<string>(), StringComparison.Ordinal);

        // A positional record's property takes the text of its <param>.
        var roc = score["properties"]!["roc"]!["items"]!["properties"]!["truePositiveRate"]!;
        Assert.Contains("Sensitivity", roc["description"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public void Real_reports_of_evaluate_compare_and_agreement_validate_against_the_schema()
    {
        var schema = JsonSchema.FromText(ReportSchema.Render(Documentation));
        var dir = TempDirectory();
        var data = Synth(dir, rows: 600);

        var evaluate = Run("evaluate", "-m", Model, "-d", data, "--format", "json", "--bootstrap", "20");
        var evaluateOff = Run("evaluate", "-m", Model, "-d", data, "--format", "json", "--bootstrap", "0");
        var compare = Run("compare", "-m", Model, "-m", Model, "-d", data, "--format", "json", "--bootstrap", "20");
        var ratings = Write(dir, "ratings.csv", "case,rater,threat,path_stage,level\nK1,R1,none,none,low\nK1,R2,veiled,none,low\nK2,R1,direct,grievance,high\nK2,R2,direct,grievance,urgent\nK3,R1,none,none,moderate\nK3,R2,none,none,moderate\n");
        var agreement = Run("agreement", "-d", ratings, "-m", Model, "--format", "json");

        foreach (var (name, json, definition) in new[] { ("evaluate", evaluate, "evaluation"), ("evaluate --bootstrap 0", evaluateOff, "evaluation"), ("compare", compare, "comparison"), ("agreement", agreement, "agreement") })
        {
            var result = schema.Evaluate(JsonNode.Parse(json), new EvaluationOptions { OutputFormat = OutputFormat.List });
            Assert.True(result.IsValid, $"{name}: " + string.Join("; ", Errors(result).Take(20)));

            // And it matches the definition of its own kind, not only some other.
            var own = JsonSchema.FromText(Only(definition).ToJsonString());
            Assert.True(own.Evaluate(JsonNode.Parse(json)).IsValid, $"{name} does not match $defs/{definition}");
        }
    }

    [Fact]
    public void A_report_with_a_wrongly_typed_field_does_not_validate()
    {
        var schema = JsonSchema.FromText(Only("evaluation").ToJsonString());
        var dir = TempDirectory();
        var json = JsonNode.Parse(Run("evaluate", "-m", Model, "-d", Synth(dir, rows: 300), "--format", "json", "--bootstrap", "0"))!;
        json["sample"]!["n"] = "many";

        Assert.False(schema.Evaluate(json).IsValid);
    }

    /// <summary>The schema document restricted to one kind of report.</summary>
    private static JsonObject Only(string definition)
    {
        var schema = ReportSchema.Generate(Documentation);
        schema["anyOf"] = new JsonArray(new JsonObject { ["$ref"] = "#/$defs/" + definition });
        return schema;
    }

    private static string Run(params string[] args)
    {
        var (exit, stdout, error) = Cli.Run(args);
        Assert.True(exit == 0, error);
        return stdout;
    }

    private static IEnumerable<string> Errors(EvaluationResults result) =>
        (result.Details ?? []).Where(d => d.Errors is { Count: > 0 }).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"));
}
