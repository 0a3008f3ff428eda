using System.Text.Json;

namespace Tma.Cli.Tests;

/// <summary>Synthetic datasets made with <c>tma synth</c> and checks of report folders, for the evaluation command tests.</summary>
internal static class EvaluationCliFiles
{
    public static readonly string Model = Repository.Path("models", "workplace-violence-screening");

    public static string TempDirectory() => Directory.CreateTempSubdirectory("tma-eval-").FullName;

    public static string Synth(string directory, int rows = 2_000, int seed = 5, string? model = null)
    {
        var path = Path.Combine(directory, "data.csv");
        var (exit, _, error) = Cli.Run("synth", "--model", model ?? Model, "--rows", rows.ToString(System.Globalization.CultureInfo.InvariantCulture), "--seed", seed.ToString(System.Globalization.CultureInfo.InvariantCulture), "--out", path, "--groups", "3");
        Assert.True(exit == 0, error);
        return path;
    }

    public static string Write(string directory, string name, string content)
    {
        var path = Path.Combine(directory, name);
        File.WriteAllText(path, content);
        return path;
    }

    /// <summary>Checks the three files of a report folder and returns the parsed report.json.</summary>
    public static JsonElement AssertReportFolder(string folder, int expectedPlots)
    {
        var json = Path.Combine(folder, "report.json");
        var markdown = Path.Combine(folder, "report.md");
        var html = Path.Combine(folder, "report.html");
        Assert.True(File.Exists(json), "report.json missing");
        Assert.True(File.Exists(markdown), "report.md missing");
        Assert.True(File.Exists(html), "report.html missing");
        Assert.Empty(Directory.GetFiles(folder, "*.tmp-*"));

        var page = File.ReadAllText(html);
        Assert.StartsWith("<!DOCTYPE html>", page, StringComparison.Ordinal);
        Assert.Equal(expectedPlots, CountOf(page, "src=\"data:image/png;base64,"));

        // Readable offline: no script, no stylesheet or image from elsewhere.
        Assert.DoesNotContain("<script", page, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("src=\"http", page, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("href=\"http", page, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("@import", page, StringComparison.OrdinalIgnoreCase);
        foreach (var png in PngPayloads(page))
        {
            Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
        }

        Assert.StartsWith("# ", File.ReadAllText(markdown), StringComparison.Ordinal);
        AssertFigureFiles(folder, expectedPlots);
        return JsonDocument.Parse(File.ReadAllText(json)).RootElement.Clone();
    }

    /// <summary>
    /// Every plot is also figures/NN-slug.png and .svg beside report.html: the PNG a PNG, the SVG well-formed XML with
    /// an svg root, numbered 01, 02, … in report order, and report.md links each PNG.
    /// </summary>
    public static IReadOnlyList<string> AssertFigureFiles(string folder, int expectedPlots)
    {
        var figures = Path.Combine(folder, "figures");
        if (expectedPlots == 0)
        {
            Assert.False(Directory.Exists(figures) && Directory.EnumerateFiles(figures).Any(), "a report without plots has no figure files");
            return [];
        }

        var png = Directory.GetFiles(figures, "*.png").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal).ToArray();
        var svg = Directory.GetFiles(figures, "*.svg").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(expectedPlots, png.Length);
        Assert.Equal(png, svg);
        Assert.Empty(Directory.GetFiles(figures, "*.tmp-*"));
        var markdown = File.ReadAllText(Path.Combine(folder, "report.md"));
        for (var i = 0; i < png.Length; i++)
        {
            Assert.StartsWith((i + 1).ToString("00", System.Globalization.CultureInfo.InvariantCulture) + "-", png[i], StringComparison.Ordinal);
            Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], File.ReadAllBytes(Path.Combine(figures, png[i] + ".png"))[..4]);
            var root = System.Xml.Linq.XDocument.Load(Path.Combine(figures, png[i] + ".svg")).Root!;
            Assert.Equal("svg", root.Name.LocalName);
            Assert.Contains($"](figures/{png[i]}.png)", markdown, StringComparison.Ordinal);
        }

        return png!;
    }

    public static IReadOnlyList<string> Names(JsonElement element) => [.. element.EnumerateObject().Select(p => p.Name)];

    private static int CountOf(string text, string value)
    {
        var count = 0;
        for (var i = text.IndexOf(value, StringComparison.Ordinal); i >= 0; i = text.IndexOf(value, i + 1, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    private static IEnumerable<byte[]> PngPayloads(string page)
    {
        const string marker = "data:image/png;base64,";
        for (var i = page.IndexOf(marker, StringComparison.Ordinal); i >= 0; i = page.IndexOf(marker, i + 1, StringComparison.Ordinal))
        {
            var start = i + marker.Length;
            var end = page.IndexOf('"', start);
            yield return Convert.FromBase64String(page[start..end]);
        }
    }
}
