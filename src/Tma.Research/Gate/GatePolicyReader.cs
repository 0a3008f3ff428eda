using System.Globalization;
using Tma.Models.Diagnostics;
using Tma.Models.Yaml;
using YamlDotNet.RepresentationModel;

namespace Tma.Research.Gate;

/// <summary>Reads <c>gate.yaml</c> through <see cref="SafeYaml"/> and <see cref="YamlMap"/>: all problems at once, located.</summary>
internal static class GatePolicyReader
{
    private const string Context = "the gate policy";

    public static LoadResult<GatePolicy> ReadFile(string path)
    {
        var bag = new DiagnosticBag();
        var source = new YamlSource(path, bag);
        // A policy that exists but cannot be read is TMA0007 from SafeYaml, as for every YAML file of the engine.
        var root = SafeYaml.LoadFile(path, source);
        return Read(root, source, bag);
    }

    public static LoadResult<GatePolicy> ReadText(string text, string file)
    {
        var bag = new DiagnosticBag();
        var source = new YamlSource(file, bag);
        return Read(SafeYaml.Load(text, source), source, bag);
    }

    private static LoadResult<GatePolicy> Read(YamlNode? root, YamlSource source, DiagnosticBag bag)
    {
        var map = root is null ? null : YamlMap.From(root, source, Context);
        if (map is null)
        {
            return LoadResult<GatePolicy>.From(null, bag);
        }

        var minimumAuc = Fraction(map, "minimum_auc");
        var margin = Fraction(map, "non_inferiority_margin");
        var ece = Fraction(map, "max_calibration_error");
        var slope = Range(map, "calibration_slope");
        var (gap, level) = SubgroupGap(map);
        var ppv = Fraction(map, "max_ppv_drop");
        var latency = map.Number("max_latency_ratio");
        if (latency is <= 0)
        {
            source.Error(GateDiagnosticCodes.BadPolicyValue, map.Raw("max_latency_ratio")!, "`max_latency_ratio` must be greater than 0 (e.g. 1.5 allows the candidate to be 50% slower per case)");
            latency = null;
        }

        var version = map.Bool("version_must_increase") ?? false;
        var seed = map.Integer("seed") ?? 1;
        var bootstrap = map.Integer("bootstrap") ?? 0;
        if (bootstrap is not 0 and < 10)
        {
            source.Error(GateDiagnosticCodes.BadPolicyValue, map.Raw("bootstrap")!, $"`bootstrap` must be 0 (off) or at least 10 resamples, not {bootstrap.ToString(CultureInfo.InvariantCulture)}");
        }

        map.Finish();
        var policy = new GatePolicy
        {
            MinimumAuc = minimumAuc,
            NonInferiorityMargin = margin,
            MaxCalibrationError = ece,
            CalibrationSlope = slope,
            MaxSubgroupGap = gap,
            SubgroupLevel = level,
            MaxPpvDrop = ppv,
            MaxLatencyRatio = latency,
            VersionMustIncrease = version,
            Seed = seed,
            Bootstrap = bootstrap,
        };
        if (!bag.HasErrors && !policy.HasChecks)
        {
            source.Error(GateDiagnosticCodes.EmptyPolicy, map.Node, "the gate policy names no check, so it would pass every candidate; give at least one of minimum_auc, non_inferiority_margin, max_calibration_error, calibration_slope, max_subgroup_gap, max_ppv_drop, max_latency_ratio, version_must_increase");
        }

        return LoadResult<GatePolicy>.From(bag.HasErrors ? null : policy, bag);
    }

    private static double? Fraction(YamlMap map, string key)
    {
        var value = map.Number(key);
        if (value is < 0 or > 1)
        {
            map.Source.Error(GateDiagnosticCodes.BadPolicyValue, map.Raw(key)!, $"`{key}` must lie between 0 and 1, not {value.Value.ToString(CultureInfo.InvariantCulture)}");
            return null;
        }

        return value;
    }

    private static GateRange? Range(YamlMap map, string key)
    {
        var node = map.Raw(key);
        if (node is null)
        {
            return null;
        }

        if (node is not YamlSequenceNode { Children.Count: 2 } pair
            || pair.Children[0] is not YamlScalarNode low || pair.Children[1] is not YamlScalarNode high)
        {
            map.Source.Error(DiagnosticCodes.WrongType, node, $"`{key}` must be a list of two numbers, `[low, high]` (e.g. [0.8, 1.2])");
            return null;
        }

        if (!YamlMap.TryNumber(low, out var lo) || !YamlMap.TryNumber(high, out var hi))
        {
            map.Source.Error(DiagnosticCodes.WrongType, YamlMap.TryNumber(low, out _) ? high : low, $"`{key}` must be a list of two numbers, `[low, high]`");
            return null;
        }

        if (lo > hi)
        {
            map.Source.Error(GateDiagnosticCodes.BadPolicyValue, node, $"`{key}` is upside down: the low end {lo.ToString(CultureInfo.InvariantCulture)} is above the high end {hi.ToString(CultureInfo.InvariantCulture)}");
            return null;
        }

        return new GateRange(lo, hi);
    }

    private static (double? Gap, string? Level) SubgroupGap(YamlMap map)
    {
        const string key = "max_subgroup_gap";
        var node = map.Raw(key);
        if (node is null)
        {
            return (null, null);
        }

        if (node is not YamlMappingNode)
        {
            map.Source.Error(DiagnosticCodes.WrongType, node, $"`{key}` must be a mapping with `max` (the largest TPR/FPR gap) and `at_or_above` (the candidate's level that counts as flagged), e.g. {{ max: 0.1, at_or_above: manage }}");
            return (null, null);
        }

        var inner = YamlMap.From(node, map.Source, $"`{key}`")!;
        var gap = Fraction(inner, "max");
        if (!inner.Has("max"))
        {
            inner.Missing("max");
        }

        var level = inner.String("at_or_above", required: true);
        inner.Finish();
        return (gap, level);
    }
}
