using System.Text;
using System.Text.Json;
using Tma.Models.Definitions;

namespace Tma.Research.Synthesis;

/// <summary>The <c>&lt;out&gt;.truth.json</c> file written next to a synthetic dataset.</summary>
public static class SyntheticTruthJson
{
    /// <summary>Serializes the truth with the settings and model that produced it (stable key order, invariant numbers).</summary>
    /// <param name="truth">The truth.</param>
    /// <param name="options">The settings used.</param>
    /// <param name="model">The model used.</param>
    /// <param name="fingerprint">The dataset's fingerprint, if known.</param>
    /// <returns>Indented JSON text ending with a line feed.</returns>
    public static string Serialize(SyntheticTruth truth, SyntheticOptions options, ModelDefinition model, string? fingerprint)
    {
        ArgumentNullException.ThrowIfNull(truth);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(model);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("model", model.Id);
            json.WriteString("modelVersion", model.Version.ToString());
            json.WriteNumber("rows", options.Rows);
            json.WriteNumber("seed", options.Seed);
            if (fingerprint is not null)
            {
                json.WriteString("dataset", fingerprint);
            }

            json.WriteStartObject("process");
            json.WriteNumber("targetBaseRate", options.BaseRate);
            json.WriteNumber("alpha", truth.Alpha);
            json.WriteNumber("beta", truth.Beta);
            json.WriteNumber("groups", truth.GroupCount);
            json.WriteNumber("groupShift", truth.GroupShift);
            json.WriteNumber("missingRate", options.MissingRate);
            json.WriteEndObject();
            json.WriteStartObject("truth");
            json.WriteNumber("baseRate", truth.BaseRate);
            json.WriteNumber("thetaAuc", truth.ThetaAuc);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }
}
