using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Tma.Scoring.Assessments;

/// <summary>
/// The stable JSON form of an <see cref="Assessment"/> (camelCase names, enums as lower-case strings, nulls
/// omitted), documented in docs/assessment-json.md. Used by <c>tma score --format json</c> and the case store.
/// </summary>
public static class AssessmentJson
{
    /// <summary>The serializer options of the stable form.</summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    /// <summary>Serializes an assessment, indented.</summary>
    public static string Serialize(Assessment assessment) => JsonSerializer.Serialize(assessment, Options);

    /// <summary>Reads an assessment written by <see cref="Serialize"/>.</summary>
    /// <exception cref="JsonException">The text is not an assessment.</exception>
    public static Assessment Deserialize(string json) =>
        JsonSerializer.Deserialize<Assessment>(json, Options) ?? throw new JsonException("The JSON holds no assessment.");

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            WriteIndented = true,

            // Texts are German and English prose: keep “quotes”, umlauts and apostrophes readable. The output is a
            // JSON document, never embedded in HTML unescaped, so the relaxed encoder is safe here.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
            TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { OmittedNullsAreNotMissing } },
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    /// <summary>
    /// Nulls are omitted when written, so a <c>required</c> property that may be null (the level of an unassessable
    /// result) is absent when read back; it then reads as null instead of failing as missing.
    /// </summary>
    private static void OmittedNullsAreNotMissing(JsonTypeInfo type)
    {
        foreach (var property in type.Properties)
        {
            if (property.IsRequired && property.IsSetNullable)
            {
                property.IsRequired = false;
            }
        }
    }
}
