using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;

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
            Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
            Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
