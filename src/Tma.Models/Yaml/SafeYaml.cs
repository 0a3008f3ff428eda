using System.Text;
using Tma.Models.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace Tma.Models.Yaml;

/// <summary>
/// Loads YAML written by people without trusting it: size and depth limits, no anchors or aliases (so a
/// "billion laughs" document cannot expand), duplicate keys reported, and every syntax error located.
/// </summary>
internal static class SafeYaml
{
    /// <summary>Largest accepted file, in bytes.</summary>
    public const long MaxFileBytes = 1024 * 1024;

    /// <summary>Deepest accepted nesting of mappings and sequences.</summary>
    public const int MaxDepth = 32;

    /// <summary>Reads and parses a file; returns its root node or null with diagnostics.</summary>
    public static YamlNode? LoadFile(string path, YamlSource source, long maxBytes = MaxFileBytes)
    {
        ArgumentNullException.ThrowIfNull(source);
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            source.Diagnostics.Error(DiagnosticCodes.FileNotFound, SourceLocation.WholeFile(source.File), "file not found");
            return null;
        }

        if (info.Length > maxBytes)
        {
            source.Diagnostics.Error(
                DiagnosticCodes.FileTooLarge,
                SourceLocation.WholeFile(source.File),
                $"the file is {info.Length / (1024.0 * 1024.0):0.#} MB; files of this kind are limited to {maxBytes / 1024} KB");
            return null;
        }

        string text;
        try
        {
            text = File.ReadAllText(path, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true));
        }
        catch (DecoderFallbackException)
        {
            source.Diagnostics.Error(DiagnosticCodes.YamlSyntax, SourceLocation.WholeFile(source.File), "the file is not valid UTF-8 text");
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A user's mistake (permissions, a locked or vanished file), not a bug: located like every other problem.
            source.Diagnostics.Error(DiagnosticCodes.FileUnreadable, SourceLocation.WholeFile(source.File), $"the file cannot be read: {ex.Message}");
            return null;
        }

        return Load(text, source);
    }

    /// <summary>Parses YAML text; returns its root node or null with diagnostics.</summary>
    public static YamlNode? Load(string text, YamlSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (!Prescan(text, source))
        {
            return null;
        }

        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException ex)
        {
            source.Diagnostics.Error(DiagnosticCodes.YamlSyntax, new SourceLocation(source.File, (int)ex.Start.Line, (int)ex.Start.Column), Describe(ex));
            return null;
        }

        if (stream.Documents.Count == 0)
        {
            source.Diagnostics.Error(DiagnosticCodes.YamlSyntax, SourceLocation.WholeFile(source.File), "the file is empty");
            return null;
        }

        if (stream.Documents.Count > 1)
        {
            source.Error(DiagnosticCodes.YamlSyntax, stream.Documents[1].RootNode, "the file holds more than one YAML document; keep one per file");
            return null;
        }

        return stream.Documents[0].RootNode;
    }

    /// <summary>Walks the event stream once, cheaply, before building any tree.</summary>
    private static bool Prescan(string text, YamlSource source)
    {
        var parser = new Parser(new StringReader(text));
        var frames = new Stack<Frame>();
        var readUpTo = new SourceLocation(source.File, 1, 1);
        try
        {
            while (parser.MoveNext())
            {
                var current = parser.Current!;
                var at = new SourceLocation(source.File, (int)current.Start.Line, (int)current.Start.Column);
                readUpTo = new SourceLocation(source.File, (int)current.End.Line, (int)current.End.Column);
                if (current is AnchorAlias)
                {
                    source.Diagnostics.Error(DiagnosticCodes.YamlAlias, at, "YAML aliases (`*name`) are not allowed in these files; write the value out");
                    return false;
                }

                if (current is NodeEvent { Anchor.IsEmpty: false })
                {
                    source.Diagnostics.Error(DiagnosticCodes.YamlAlias, at, "YAML anchors (`&name`) are not allowed in these files; write the value out");
                    return false;
                }

                if (current is NodeEvent && frames.Count > 0 && frames.Peek() is { Keys: { } keys } mapping)
                {
                    // Inside a mapping, nodes alternate: key, value, key, value.
                    if (mapping.NextIsKey && current is Scalar key && !keys.Add(key.Value))
                    {
                        source.Diagnostics.Error(DiagnosticCodes.DuplicateKey, at, $"duplicate key `{key.Value}`");
                        return false;
                    }

                    mapping.NextIsKey = !mapping.NextIsKey;
                }

                switch (current)
                {
                    case MappingStart or SequenceStart:
                        if (frames.Count >= MaxDepth)
                        {
                            source.Diagnostics.Error(DiagnosticCodes.YamlTooDeep, at, $"the document is nested more than {MaxDepth} levels deep");
                            return false;
                        }

                        frames.Push(new Frame(current is MappingStart ? new HashSet<string>(StringComparer.Ordinal) : null));
                        break;
                    case MappingEnd or SequenceEnd:
                        frames.Pop();
                        break;
                }
            }
        }
        catch (YamlException ex)
        {
            source.Diagnostics.Error(DiagnosticCodes.YamlSyntax, new SourceLocation(source.File, (int)ex.Start.Line, (int)ex.Start.Column), Describe(ex));
            return false;
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner throws a bare InvalidOperationException on some malformed flow collections
            // (e.g. a `{` that is never closed); it is still the user's syntax error, not a crash.
            source.Diagnostics.Error(DiagnosticCodes.YamlSyntax, readUpTo, "YAML syntax error: the file cannot be read past this point; look for an unclosed `[`, `{` or quote");
            return false;
        }

        return true;
    }

    private sealed class Frame(HashSet<string>? keys)
    {
        public HashSet<string>? Keys { get; } = keys;

        public bool NextIsKey { get; set; } = true;
    }

    private static string Describe(YamlException ex)
    {
        var message = ex.InnerException?.Message ?? ex.Message;
        var close = message.IndexOf("): ", StringComparison.Ordinal);
        return "YAML syntax error: " + (message.StartsWith('(') && close > 0 ? message[(close + 3)..] : message);
    }
}
