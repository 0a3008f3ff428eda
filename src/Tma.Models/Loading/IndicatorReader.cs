using Tma.Models.Definitions;
using Tma.Models.Diagnostics;
using Tma.Models.Expressions;
using Tma.Models.Text;
using Tma.Models.Yaml;

namespace Tma.Models.Loading;

/// <summary>Reads the <c>indicators:</c> section and checks each condition against the inputs.</summary>
internal static class IndicatorReader
{
    public static List<IndicatorDefinition> Read(YamlMap model, ExpressionBinder binder, AggregationPolicy? policy)
    {
        var source = model.Source;
        var result = new List<IndicatorDefinition>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var node in model.Sequence("indicators", required: true))
        {
            var probe = YamlMap.From(node, source, "an indicator");
            if (probe is null)
            {
                continue;
            }

            var id = probe.String("id", required: true);
            var context = id is null ? "an indicator" : $"indicator `{id}`";
            var map = YamlMap.From(node, source, context)!;
            map.String("id");
            if (id is not null && !IdRules.IsId(id))
            {
                source.Error(DiagnosticCodes.InvalidId, map.Raw("id")!, $"indicator id `{id}` must use only a-z, 0-9, - and _");
            }
            else if (id is not null && !ids.Add(id))
            {
                source.Error(DiagnosticCodes.DuplicateId, map.Raw("id")!, $"duplicate indicator id `{id}`");
            }

            var whenNode = map.Scalar("when", required: true);
            var condition = whenNode is null ? null : ExpressionReader.Bind(binder, source, whenNode, ValueKind.Bool, $"the condition of {context}");
            if (condition is not null && whenNode is not null)
            {
                CheckTemporalPlacement(condition, source, whenNode, context);
            }

            var (points, pointsExpression, pointsText) = ExpressionReader.Points(binder, source, map.Scalar("points"), $"the points of {context}");
            var weight = map.Number("weight") ?? 1;
            if (weight <= 0)
            {
                source.Error(DiagnosticCodes.InvalidValue, map.Raw("weight")!, $"the weight of {context} must be positive");
            }

            var texts = source.Texts;
            var label = id is null ? "" : texts.ReadLabel(map, TextKeys.IndicatorLabel(id), id);
            var domain = map.String("domain");
            var reason = texts.Read(map, "reason", TextKeys.IndicatorReason(id ?? ""), required: true);
            var reasonCode = map.String("reason_code") ?? id;
            var level = map.String("level");
            var minimumLevel = map.String("minimum_level");
            var actions = map.Strings("actions");
            CheckPolicyFields(map, policy, level, minimumLevel);
            map.Finish();
            if (id is null)
            {
                continue;
            }

            // An indicator whose condition or reason has errors is still listed, so that its level, domain and
            // action references are checked too; the errors already reported keep the definition from being used.
            result.Add(new IndicatorDefinition
            {
                Id = id,
                Label = label,
                When = whenNode?.Value ?? "",
                Condition = condition ?? new BoundBool(0, false),
                Points = points,
                PointsExpression = pointsExpression,
                PointsText = pointsText,
                Weight = weight,
                Domain = domain,
                Reason = reason ?? "",
                ReasonCode = reasonCode ?? id,
                Level = level,
                MinimumLevel = minimumLevel,
                Actions = actions,
                Location = source.At(node),
            });
        }

        return result;
    }

    private static void CheckPolicyFields(YamlMap map, AggregationPolicy? policy, string? level, string? minimumLevel)
    {
        var hasPoints = map.Has("points");
        switch (policy)
        {
            case AggregationPolicy.Sum or AggregationPolicy.Weighted when !hasPoints && minimumLevel is null:
                map.Source.Error(DiagnosticCodes.MissingField, map.Node, $"{map.Context} has no `points` (policy `{PolicyName(policy.Value)}` adds up points; give `points: 0` for an indicator that only sets a `minimum_level`)");
                break;
            case AggregationPolicy.HighestLevel when level is null && minimumLevel is null:
                map.Source.Error(DiagnosticCodes.MissingField, map.Node, $"{map.Context} has no `level` (policy `highest-level` takes the highest level of the fired indicators)");
                break;
            case AggregationPolicy.Count or AggregationPolicy.HighestLevel when hasPoints:
                map.Source.Warning(DiagnosticCodes.Unused, map.KeyNode("points")!, $"`points` of {map.Context} are ignored under policy `{PolicyName(policy.Value)}`");
                break;
        }

        if (level is not null && policy is not AggregationPolicy.HighestLevel and not null)
        {
            map.Source.Error(DiagnosticCodes.InvalidValue, map.KeyNode("level")!, $"`level` of {map.Context} only applies under policy `highest-level`; use `minimum_level` for a critical-item override");
        }
    }

    public static string PolicyName(AggregationPolicy policy) => policy switch
    {
        AggregationPolicy.Sum => "sum",
        AggregationPolicy.Weighted => "weighted",
        AggregationPolicy.Count => "count",
        _ => "highest-level",
    };

    /// <summary>
    /// Helpers over dated observations become joins of observation facts in the rule engine, so they must be
    /// conjuncts at the top of the condition: <c>rose_within(x, 1, 30) and y >= present</c>.
    /// </summary>
    private static void CheckTemporalPlacement(BoundExpression condition, YamlSource source, YamlDotNet.RepresentationModel.YamlScalarNode node, string context)
    {
        var allowed = new HashSet<BoundExpression>(ReferenceEqualityComparer.Instance);
        foreach (var conjunct in condition.Conjuncts())
        {
            allowed.Add(conjunct);
        }

        foreach (var temporal in condition.DescendantsAndSelf().OfType<BoundTemporal>())
        {
            if (!allowed.Contains(temporal))
            {
                source.Diagnostics.Error(
                    DiagnosticCodes.Expression,
                    source.At(node, temporal.Position),
                    $"in the condition of {context}: `{(temporal.Helper == TemporalKind.RoseWithin ? "rose_within" : "observed_within")}` may only be joined with `and` at the top of a condition (not under `or` or `not`); write a separate indicator for the alternative");
            }
        }
    }
}
