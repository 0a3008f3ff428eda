using Tma.Models.Definitions;
using Tma.Models.Diagnostics;
using Tma.Models.Expressions;
using Tma.Models.Yaml;
using YamlDotNet.RepresentationModel;

namespace Tma.Models.Loading;

/// <summary>Binds an expression written in a YAML scalar and reports its errors at their exact column.</summary>
internal static class ExpressionReader
{
    public static BoundExpression? Bind(ExpressionBinder binder, YamlSource source, YamlScalarNode node, ValueKind expected, string what)
    {
        var (bound, errors) = binder.Bind(node.Value ?? "", expected);
        foreach (var error in errors)
        {
            source.Diagnostics.Error(DiagnosticCodes.Expression, source.At(node, error.Position), $"in {what}: {error.Message}");
        }

        return bound;
    }

    /// <summary>
    /// A points value: a plain number, or an expression such as <c>naq01</c> (the item's score).
    /// </summary>
    public static (double Points, BoundExpression? Expression, string? Text) Points(ExpressionBinder binder, YamlSource source, YamlScalarNode? node, string what)
    {
        if (node is null)
        {
            return (0, null, null);
        }

        if (YamlMap.TryNumber(node, out var number))
        {
            return (number, null, null);
        }

        var bound = Bind(binder, source, node, ValueKind.Number, what);
        return (0, bound, node.Value);
    }
}
