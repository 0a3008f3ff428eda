using System.Globalization;
using Tma.Models.Diagnostics;
using YamlDotNet.RepresentationModel;

namespace Tma.Models.Yaml;

/// <summary>
/// Typed, located access to one YAML mapping. Every key read is remembered so that <see cref="Finish"/> can report
/// keys the format does not know (with a "did you mean" hint) instead of silently ignoring a typo.
/// </summary>
internal sealed class YamlMap
{
    private readonly Dictionary<string, (YamlScalarNode Key, YamlNode Value)> _entries = new(StringComparer.Ordinal);
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);

    private YamlMap(YamlMappingNode node, YamlSource source, string context)
    {
        Node = node;
        Source = source;
        Context = context;
        foreach (var (key, value) in node.Children)
        {
            if (key is YamlScalarNode { Value: { } name } scalar)
            {
                _entries[name] = (scalar, value);
            }
            else
            {
                source.Error(DiagnosticCodes.WrongType, key, $"keys in {context} must be plain names");
            }
        }
    }

    /// <summary>The mapping node.</summary>
    public YamlMappingNode Node { get; }

    /// <summary>The file being read.</summary>
    public YamlSource Source { get; }

    /// <summary>Describes the mapping in messages, e.g. <c>input `fixation`</c>.</summary>
    public string Context { get; }

    /// <summary>Wraps <paramref name="node"/> as a mapping, or reports that a mapping was expected.</summary>
    public static YamlMap? From(YamlNode? node, YamlSource source, string context)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (node is YamlMappingNode mapping)
        {
            return new YamlMap(mapping, source, context);
        }

        if (node is not null)
        {
            source.Error(DiagnosticCodes.WrongType, node, $"{context} must be a mapping of `key: value` lines");
        }

        return null;
    }

    /// <summary>True when the key is present.</summary>
    public bool Has(string key) => _entries.ContainsKey(key);

    /// <summary>The raw node of a key, marking it as read.</summary>
    public YamlNode? Raw(string key)
    {
        _read.Add(key);
        return _entries.TryGetValue(key, out var entry) ? entry.Value : null;
    }

    /// <summary>The key node itself, for locating messages about the key.</summary>
    public YamlNode? KeyNode(string key) => _entries.TryGetValue(key, out var entry) ? entry.Key : null;

    /// <summary>A string value; reports a missing required key.</summary>
    public string? String(string key, bool required = false)
    {
        var node = Raw(key);
        if (node is null)
        {
            if (required)
            {
                Missing(key);
            }

            return null;
        }

        if (node is YamlScalarNode { Value: { } value } && !IsNull(node))
        {
            return value;
        }

        Source.Error(DiagnosticCodes.WrongType, node, $"`{key}` of {Context} must be text");
        return null;
    }

    /// <summary>The scalar node of a key (for locating positions inside the text), or null.</summary>
    public YamlScalarNode? Scalar(string key, bool required = false)
    {
        var node = Raw(key);
        if (node is null)
        {
            if (required)
            {
                Missing(key);
            }

            return null;
        }

        if (node is YamlScalarNode scalar && !IsNull(node))
        {
            return scalar;
        }

        Source.Error(DiagnosticCodes.WrongType, node, $"`{key}` of {Context} must be a single value");
        return null;
    }

    /// <summary>A number value.</summary>
    public double? Number(string key, bool required = false)
    {
        var node = Scalar(key, required);
        if (node is null)
        {
            return null;
        }

        if (TryNumber(node, out var value))
        {
            return value;
        }

        Source.Error(DiagnosticCodes.WrongType, node, $"`{key}` of {Context} must be a number, not `{node.Value}`");
        return null;
    }

    /// <summary>A whole number value.</summary>
    public int? Integer(string key, bool required = false)
    {
        var value = Number(key, required);
        if (value is null)
        {
            return null;
        }

        if (value != Math.Floor(value.Value) || value is > int.MaxValue or < int.MinValue)
        {
            Source.Error(DiagnosticCodes.WrongType, Raw(key)!, $"`{key}` of {Context} must be a whole number");
            return null;
        }

        return (int)value.Value;
    }

    /// <summary>A boolean value (<c>true</c>/<c>false</c>).</summary>
    public bool? Bool(string key)
    {
        var node = Scalar(key);
        if (node is null)
        {
            return null;
        }

        if (node.Value is "true" or "false")
        {
            return node.Value == "true";
        }

        Source.Error(DiagnosticCodes.WrongType, node, $"`{key}` of {Context} must be `true` or `false`");
        return null;
    }

    /// <summary>The items of a sequence value (empty when absent).</summary>
    public IReadOnlyList<YamlNode> Sequence(string key, bool required = false)
    {
        var node = Raw(key);
        if (node is null || IsNull(node))
        {
            if (required)
            {
                Missing(key);
            }

            return [];
        }

        if (node is YamlSequenceNode sequence)
        {
            return [.. sequence.Children];
        }

        Source.Error(DiagnosticCodes.WrongType, node, $"`{key}` of {Context} must be a list");
        return [];
    }

    /// <summary>A list of strings.</summary>
    public IReadOnlyList<string> Strings(string key, bool required = false)
    {
        var result = new List<string>();
        var node = Raw(key);
        if (node is YamlScalarNode { Value: { } single } && !IsNull(node))
        {
            return [single];
        }

        foreach (var item in Sequence(key, required))
        {
            if (item is YamlScalarNode { Value: { } value })
            {
                result.Add(value);
            }
            else
            {
                Source.Error(DiagnosticCodes.WrongType, item, $"items of `{key}` in {Context} must be text");
            }
        }

        return result;
    }

    /// <summary>A nested mapping.</summary>
    public YamlMap? Map(string key, string context, bool required = false)
    {
        var node = Raw(key);
        if (node is null || IsNull(node))
        {
            if (required)
            {
                Missing(key);
            }

            return null;
        }

        return From(node, Source, context);
    }

    /// <summary>Reports every key that was never read: the format does not know it.</summary>
    public void Finish()
    {
        var known = _read.ToArray();
        foreach (var (name, entry) in _entries)
        {
            if (!_read.Contains(name))
            {
                Source.Error(DiagnosticCodes.UnknownKey, entry.Key, $"unknown key `{name}` in {Context}{Suggestions.DidYouMean(name, known)}");
            }
        }
    }

    /// <summary>Reports a missing required key at the mapping.</summary>
    public void Missing(string key) =>
        Source.Error(DiagnosticCodes.MissingField, Node, $"{Context} has no `{key}`");

    /// <summary>Parses a scalar as an invariant-culture number.</summary>
    public static bool TryNumber(YamlScalarNode node, out double value)
    {
        ArgumentNullException.ThrowIfNull(node);
        value = 0;
        return node.Style is YamlDotNet.Core.ScalarStyle.Plain
            && double.TryParse(node.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out value)
            && double.IsFinite(value);
    }

    /// <summary>True for YAML null (<c>~</c>, <c>null</c> or an empty plain value).</summary>
    public static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain, Value: null or "" or "~" or "null" };
}
