using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tma.Cli.Reports;

/// <summary>
/// report.json: System.Text.Json, camelCase property names from the report records (the stable names documented in
/// docs/evaluation.md), enums as camelCase strings, every property written (null included) so the layout never depends
/// on the data, and the non-finite numbers a report can hold as the strings <c>"NaN"</c>, <c>"Infinity"</c>, <c>"-Infinity"</c>.
/// </summary>
internal static class ReportJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    public static string Serialize<T>(T report) => JsonSerializer.Serialize(report, Options) + "\n";

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            DefaultIgnoreCondition = JsonIgnoreCondition.Never,
            WriteIndented = true,
            NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
            // Explanations are prose with apostrophes and `code`: keep them readable. The documents are files and
            // stdout, never embedded in HTML unescaped (the HTML report renders from the records), so this is safe.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
