using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using System.Xml.Linq;
using Tma.Research.Evaluation;

namespace Tma.Cli.Reports;

/// <summary>
/// The JSON Schema (draft 2020-12) of report.json for <c>tma evaluate</c>, <c>compare</c> and <c>agreement</c>, generated
/// from the report records with .NET's <see cref="JsonSchemaExporter"/> and the same <see cref="ReportJson.Options"/>
/// that write the reports, so the schema cannot drift from the output. Descriptions come from the records' XML doc
/// summaries. Committed as docs/report.schema.json; a test regenerates and compares it.
/// </summary>
internal static class ReportSchema
{
    /// <summary>The three documents, by the name of their definition in the schema.</summary>
    public static readonly (string Name, Type Type, string Description)[] Documents =
    [
        ("evaluation", typeof(EvaluationReport), "report.json of `tma evaluate`."),
        ("comparison", typeof(ComparisonReport), "report.json of `tma compare`."),
        ("agreement", typeof(AgreementReport), "report.json of `tma agreement`."),
    ];

    /// <summary>The schema document: one definition per report type under <c>$defs</c>, any of which a report.json matches.</summary>
    /// <param name="documentation">XML documentation files of the assemblies that hold the records (missing files give no descriptions).</param>
    public static JsonObject Generate(IEnumerable<string> documentation)
    {
        var docs = XmlDocs.Load(documentation);
        var exporter = new JsonSchemaExporterOptions
        {
            TreatNullObliviousAsNonNullable = true,
            TransformSchemaNode = (context, node) => Describe(context, node, docs),
        };
        var definitions = new JsonObject();
        foreach (var (name, type, description) in Documents)
        {
            var schema = ReportJson.Options.GetJsonSchemaAsNode(type, exporter);
            if (schema is JsonObject obj)
            {
                obj["description"] = description + " " + (obj["description"]?.GetValue<string>() ?? "");
            }

            // The exporter refers to a repeated type by a pointer from its own root ("#/properties/…"); under $defs
            // that root is "#/$defs/<name>".
            Rebase(schema, "#/$defs/" + name);
            definitions[name] = schema;
        }

        return new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["title"] = "TMA research report (report.json)",
            ["description"] = "report.json of tma evaluate, compare and agreement; generated from the report records (src/Tma.Research/Evaluation) by tests/Tma.Cli.Tests/ReportSchemaTests.cs. Non-finite numbers are the strings \"NaN\", \"Infinity\", \"-Infinity\".",
            ["anyOf"] = new JsonArray([.. Documents.Select(d => (JsonNode)new JsonObject { ["$ref"] = "#/$defs/" + d.Name })]),
            ["$defs"] = definitions,
        };
    }

    /// <summary>The schema as the committed file's text: indented, LF line ends, a final newline.</summary>
    public static string Render(IEnumerable<string> documentation) =>
        Generate(documentation).ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }).ReplaceLineEndings("\n") + "\n";

    private static void Rebase(JsonNode? node, string root)
    {
        switch (node)
        {
            case JsonObject obj:
                if (obj["$ref"] is JsonValue reference && reference.GetValue<string>() is { } target && target.StartsWith('#'))
                {
                    obj["$ref"] = root + target[1..];
                }

                foreach (var (_, value) in obj.ToArray())
                {
                    Rebase(value, root);
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    Rebase(item, root);
                }

                break;
        }
    }

    private static JsonNode Describe(JsonSchemaExporterContext context, JsonNode node, XmlDocs docs)
    {
        if (node is not JsonObject schema)
        {
            return node;
        }

        // A double? written with named literals comes out as anyOf [number, "NaN"…] without null: add it.
        if (Nullable.GetUnderlyingType(context.TypeInfo.Type) is not null && schema["anyOf"] is JsonArray options
            && !options.Any(o => o?["type"]?.ToJsonString() is "\"null\""))
        {
            options.Add(new JsonObject { ["type"] = "null" });
        }

        if (schema.ContainsKey("description"))
        {
            return node;
        }

        var text = context.PropertyInfo?.AttributeProvider is MemberInfo member
            ? docs.Member(member)
            : context.PropertyInfo is null ? docs.Type(context.TypeInfo.Type) : null;
        if (!string.IsNullOrWhiteSpace(text))
        {
            // Description first, for the reader.
            var rest = schema.ToArray();
            schema.Clear();
            schema["description"] = text;
            foreach (var (key, value) in rest)
            {
                schema[key] = value;
            }
        }

        return node;
    }

    /// <summary>The summaries of an assembly's XML documentation, with a record's positional parameters as its properties' text.</summary>
    private sealed class XmlDocs
    {
        private readonly Dictionary<string, XElement> _members = new(StringComparer.Ordinal);

        public static XmlDocs Load(IEnumerable<string> files)
        {
            var docs = new XmlDocs();
            foreach (var file in files.Where(File.Exists))
            {
                foreach (var member in XDocument.Load(file).Descendants("member"))
                {
                    if (member.Attribute("name")?.Value is { } name)
                    {
                        docs._members[name] = member;
                    }
                }
            }

            return docs;
        }

        public string? Type(Type type) => Summary(Id('T', type));

        public string? Member(MemberInfo member)
        {
            if (member.DeclaringType is not { } declaring)
            {
                return null;
            }

            if (Summary($"P:{Name(declaring)}.{member.Name}") is { } summary)
            {
                return summary;
            }

            // A positional record property is documented as a <param> of the type.
            return _members.TryGetValue(Id('T', declaring), out var type)
                ? Text(type.Elements("param").FirstOrDefault(p => p.Attribute("name")?.Value == member.Name))
                : null;
        }

        private string? Summary(string id) => _members.TryGetValue(id, out var member) ? Text(member.Element("summary")) : null;

        private static string Id(char kind, Type type) => $"{kind}:{Name(type)}";

        private static string Name(Type type) => (type.FullName ?? type.Name).Replace('+', '.');

        /// <summary>The element's text with <c>see</c>/<c>paramref</c> references reduced to their names and whitespace collapsed.</summary>
        private static string? Text(XElement? element)
        {
            if (element is null)
            {
                return null;
            }

            var parts = element.Nodes().Select(n => n switch
            {
                XText t => t.Value,
                XElement { Name.LocalName: "see" or "seealso" } e => e.Attribute("langword")?.Value ?? Short(e.Attribute("cref")?.Value) ?? e.Value,
                XElement { Name.LocalName: "paramref" or "typeparamref" } e => e.Attribute("name")?.Value ?? "",
                XElement e => e.Value,
                _ => "",
            });
            var text = string.Join("", parts);
            return string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        }

        private static string? Short(string? cref)
        {
            if (cref is null)
            {
                return null;
            }

            var name = cref.Contains(':', StringComparison.Ordinal) ? cref[(cref.IndexOf(':', StringComparison.Ordinal) + 1)..] : cref;
            var paren = name.IndexOf('(', StringComparison.Ordinal);
            if (paren >= 0)
            {
                name = name[..paren];
            }

            return name[(name.LastIndexOf('.') + 1)..];
        }
    }
}
