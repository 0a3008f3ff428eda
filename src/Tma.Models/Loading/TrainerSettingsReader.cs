using Tma.Models.Definitions;
using Tma.Models.Yaml;

namespace Tma.Models.Loading;

/// <summary>Reads the trainer and calibration settings of a classifier, for <c>model.yaml</c> and <c>tma train</c> specs alike.</summary>
internal static class TrainerSettingsReader
{
    /// <summary>Reads <c>trainer: { name, &lt;setting&gt;: number … }</c> from <paramref name="parent"/> (required), reporting located errors.</summary>
    /// <param name="parent">The mapping that holds <c>trainer</c>.</param>
    /// <returns>The settings, or null when they have errors.</returns>
    public static TrainerSettings? ReadTrainer(YamlMap parent)
    {
        ArgumentNullException.ThrowIfNull(parent);
        return ClassifierReader.ReadTrainer(parent);
    }

    /// <summary>Reads <c>calibration: platt | isotonic | none</c> from <paramref name="map"/>, reporting located errors.</summary>
    /// <param name="map">The mapping that holds <c>calibration</c>.</param>
    /// <param name="required">Whether a missing key is an error.</param>
    /// <returns>The method, or null when absent or wrong.</returns>
    public static CalibrationMethod? ReadCalibration(YamlMap map, bool required)
    {
        ArgumentNullException.ThrowIfNull(map);
        return ClassifierReader.ReadCalibration(map, required);
    }
}
