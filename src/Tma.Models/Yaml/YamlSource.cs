using Tma.Models.Diagnostics;
using YamlDotNet.RepresentationModel;

namespace Tma.Models.Yaml;

/// <summary>A YAML file being read: its name, its diagnostics, and how node positions become source locations.</summary>
internal sealed class YamlSource
{
    /// <summary>Creates a source for <paramref name="file"/> reporting into <paramref name="diagnostics"/>.</summary>
    public YamlSource(string file, DiagnosticBag diagnostics)
    {
        File = file;
        Diagnostics = diagnostics;
    }

    /// <summary>The file name as the user gave it.</summary>
    public string File { get; }

    /// <summary>Where problems are reported.</summary>
    public DiagnosticBag Diagnostics { get; }

    /// <summary>Collects the file's texts in each declared language (English only until <c>languages</c> is read).</summary>
    internal TextCollector Texts { get; set; } = new([Text.LanguageCodes.English]);

    /// <summary>The location where <paramref name="node"/> starts.</summary>
    public SourceLocation At(YamlNode node) => new(File, (int)node.Start.Line, (int)node.Start.Column);

    /// <summary>
    /// The location of the character at <paramref name="offset"/> inside a scalar, exact for single-line plain and
    /// quoted scalars (in double-quoted ones up to the first escape sequence) and at the scalar's start for block
    /// scalars and scalars folded over several lines.
    /// </summary>
    public SourceLocation At(YamlScalarNode node, int offset)
    {
        var start = At(node);
        if (node.Value is null || node.Start.Line != node.End.Line || offset < 0 || offset > node.Value.Length)
        {
            return start;
        }

        return node.Style switch
        {
            YamlDotNet.Core.ScalarStyle.Plain => start.Offset(offset),

            // In a single-quoted scalar every ' of the value is written '' in the file.
            YamlDotNet.Core.ScalarStyle.SingleQuoted => start.Offset(offset + 1 + node.Value.AsSpan(0, offset).Count('\'')),
            YamlDotNet.Core.ScalarStyle.DoubleQuoted => start.Offset(offset + 1),
            _ => start,
        };
    }

    /// <summary>Reports an error at a node.</summary>
    public void Error(string code, YamlNode node, string message) => Diagnostics.Error(code, At(node), message);

    /// <summary>Reports a warning at a node.</summary>
    public void Warning(string code, YamlNode node, string message) => Diagnostics.Warning(code, At(node), message);
}
