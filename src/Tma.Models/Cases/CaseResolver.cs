using System.Globalization;
using Tma.Models.Definitions;
using Tma.Models.Diagnostics;

namespace Tma.Models.Cases;

/// <summary>
/// Checks a case against a model: unknown input ids, levels that do not exist and numbers out of range are
/// rejected with a message naming the field (and its file position when the case came from a file). Messages
/// name fields and allowed values, never the rejected value of a real case beyond its level name.
/// </summary>
public static class CaseResolver
{
    /// <summary>Resolves <paramref name="data"/> for <paramref name="model"/>.</summary>
    /// <param name="model">The model the case is for.</param>
    /// <param name="data">The case.</param>
    /// <param name="defaultAsOf">The reference date when the case gives none (a compiled model passes its clock's
    /// current time); when both are null, the latest observation's time.</param>
    public static LoadResult<ResolvedCase> Resolve(ModelDefinition model, CaseData data, DateTimeOffset? defaultAsOf = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        var bag = new DiagnosticBag();
        var values = new double?[model.Inputs.Count];
        var relevance = new double?[model.Inputs.Count];
        var given = new bool[model.Inputs.Count];
        var indexes = InputIndexes.GetValue(model, static m => m.Inputs.Select((input, i) => (input.Id, i)).ToDictionary(p => p.Id, p => p.i, StringComparer.Ordinal));

        // The common case (a valid case) takes the inputs as they come and allocates nothing per input; only when
        // something is wrong are they read again in id order, so that the messages always come in the same order.
        ResolveInputs(data.Inputs);
        if (bag.HasErrors && data.Inputs.Count > 1)
        {
            bag = new DiagnosticBag();
            Array.Clear(values);
            Array.Clear(relevance);
            Array.Clear(given);
            ResolveInputs(data.Inputs.OrderBy(p => p.Key, StringComparer.Ordinal));
        }

        void ResolveInputs(IEnumerable<KeyValuePair<string, CaseValue>> inputs)
        {
            foreach (var (inputId, value) in inputs)
            {
                if (!indexes.TryGetValue(inputId, out var index))
                {
                    var field = "inputs." + inputId;
                    bag.Error(DiagnosticCodes.CaseUnknownInput, Locate(data, field), $"{field}: unknown input `{inputId}`{Suggestions.DidYouMean(inputId, model.Inputs.Select(i => i.Id))}");
                    continue;
                }

                given[index] = true;
                if (TryResolve(model.Inputs[index], value, new FieldName("inputs.", inputId), data, bag, out var v, out var r))
                {
                    values[index] = v;
                    relevance[index] = r;
                }
            }
        }

        if (data.Observations.Count == 0 && data.Norm is null)
        {
            return LoadResult<ResolvedCase>.From(new ResolvedCase(values, relevance, [], data.AsOf, null), bag);
        }

        var observations = new List<ResolvedObservation>();
        var reports = new Dictionary<int, List<ObservationTimeline.Report>>();
        var seen = new Dictionary<(int Input, DateTimeOffset At, string? Source), (double? Value, double? Relevance)>();
        var cutoff = data.AsOf ?? defaultAsOf;
        for (var i = 0; i < data.Observations.Count; i++)
        {
            var observation = data.Observations[i];
            var field = $"observations[{i}]";
            if (cutoff is { } caseDate && observation.ObservedAt > caseDate)
            {
                // Assessing "as of" a date: what was observed later was not known then.
                continue;
            }

            var index = model.InputIndex(observation.InputId);
            if (index < 0)
            {
                bag.Error(DiagnosticCodes.CaseUnknownInput, Locate(data, field), $"{field}.input: unknown input `{observation.InputId}`{Suggestions.DidYouMean(observation.InputId, model.Inputs.Select(x => x.Id))}");
                continue;
            }

            if (!TryResolve(model.Inputs[index], observation.Value, new FieldName(field, ".value"), data, bag, out var v, out var r))
            {
                continue;
            }

            if (v is { } known)
            {
                observations.Add(new ResolvedObservation(index, known, observation.ObservedAt));
            }

            // One source cannot say two things at one time (compared with every earlier report, not only the latest);
            // two sources can, and that is a contradiction the assessment shows.
            var key = (index, observation.ObservedAt, observation.Source);
            if (!seen.TryAdd(key, (v, r)) && seen[key] != (v, r))
            {
                bag.Error(DiagnosticCodes.CaseValue, Locate(data, field), $"{field}: two observations of `{observation.InputId}` from the same source at the same time disagree; record a correction with a later time");
                continue;
            }

            if (!reports.TryGetValue(index, out var list))
            {
                reports[index] = list = [];
            }

            list.Add(new ObservationTimeline.Report(observation.ObservedAt, v, r, observation));
        }

        observations.Sort((a, b) => a.ObservedAt != b.ObservedAt ? a.ObservedAt.CompareTo(b.ObservedAt) : a.InputIndex != b.InputIndex ? a.InputIndex.CompareTo(b.InputIndex) : a.Value.CompareTo(b.Value));
        var asOf = cutoff ?? (reports.Count > 0 ? reports.Values.Max(l => l.Max(r => r.At)) : null);
        var states = new InputState[model.Inputs.Count];
        for (var index = 0; index < states.Length; index++)
        {
            if (given[index])
            {
                states[index] = values[index] is null ? InputState.Unknown : InputState.Given;
            }
            else if (reports.TryGetValue(index, out var list))
            {
                (values[index], relevance[index], states[index]) = ObservationTimeline.Resolve(model.Inputs[index], list, asOf!.Value, model.Evidence);
            }
            else
            {
                states[index] = InputState.Unknown;
            }
        }

        string? norm = null;
        if (data.Norm is { } normId)
        {
            var norms = model.Scoring?.Norms ?? [];
            if (norms.Any(n => n.Id == normId))
            {
                norm = normId;
            }
            else
            {
                bag.Error(DiagnosticCodes.CaseValue, Locate(data, "norm"), norms.Count > 1
                    ? $"norm: `{normId}` is not a norm of this model{Suggestions.DidYouMean(normId, norms.Select(n => n.Id))} (norms: {string.Join(", ", norms.Select(n => n.Id))})"
                    : "norm: this model has no selectable norms");
            }
        }

        return LoadResult<ResolvedCase>.From(new ResolvedCase(values, relevance, observations, asOf, norm, data.Observations.Count == 0 ? null : states), bag);
    }

    private static SourceLocation Locate(CaseData data, string field) =>
        data.Locations.TryGetValue(field, out var location) ? location : SourceLocation.WholeFile("case");

    /// <summary>A field path built only when a message needs it (valid cases allocate no strings).</summary>
    private readonly record struct FieldName(string Prefix, string Name)
    {
        public override string ToString() => Prefix + Name;
    }

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<ModelDefinition, Dictionary<string, int>> InputIndexes = [];

    private static bool TryResolve(InputDefinition input, CaseValue value, FieldName fieldName, CaseData data, DiagnosticBag bag, out double? resolved, out double? relevance)
    {
        resolved = null;
        relevance = null;
        if (value.IsUnknown)
        {
            return true;
        }

        if (input.Type == InputType.Numeric)
        {
            var number = value.Number;
            if (number is null && value.Text is { } text && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed))
            {
                number = parsed;
            }

            if (number is not { } n || !double.IsFinite(n))
            {
                bag.Error(DiagnosticCodes.CaseValue, Locate(data, fieldName.ToString()), $"{fieldName}: `{input.Id}` is numeric ({input.Unit ?? "no unit"}); give a number or `unknown`");
                return false;
            }

            if (n < input.Minimum || n > input.Maximum)
            {
                bag.Error(DiagnosticCodes.CaseValue, Locate(data, fieldName.ToString()), $"{fieldName}: the value is outside the range of `{input.Id}` [{Format(input.Minimum)}, {Format(input.Maximum)}]{(input.Unit is null ? "" : " " + input.Unit)}");
                return false;
            }

            resolved = n;
            return true;
        }

        var levelText = value.Text ?? (value.Number is { } num ? Format(num) : null);
        if (input.Type == InputType.Binary)
        {
            levelText = levelText switch
            {
                "true" => "yes",
                "false" => "no",
                _ => levelText,
            };
        }

        var level = levelText is null ? -1 : input.LevelIndex(levelText);
        if (level < 0)
        {
            var what = input.Type == InputType.Categorical ? "category" : "level";
            bag.Error(DiagnosticCodes.CaseValue, Locate(data, fieldName.ToString()), $"{fieldName}: `{levelText}` is not a {what} of `{input.Id}`{Suggestions.DidYouMean(levelText ?? "", input.Levels.Select(l => l.Id))} ({what}s: {string.Join(", ", input.Levels.Select(l => l.Id))}, or unknown)");
            return false;
        }

        resolved = level;
        if (value.Relevance is { } relevanceText && relevanceText is not "unknown")
        {
            var relevanceIndex = input.RelevanceIndex(relevanceText);
            if (!input.HasRelevance)
            {
                bag.Error(DiagnosticCodes.CaseValue, Locate(data, fieldName.ToString()), $"{fieldName}: `{input.Id}` is not coded for relevance");
                return false;
            }

            if (relevanceIndex < 0)
            {
                bag.Error(DiagnosticCodes.CaseValue, Locate(data, fieldName.ToString()), $"{fieldName}: `{relevanceText}` is not a relevance level of `{input.Id}` (levels: {string.Join(", ", input.RelevanceLevels.Select(l => l.Id))})");
                return false;
            }

            relevance = relevanceIndex;
        }

        return true;
    }

    private static string Format(double? value) => value?.ToString("0.###", CultureInfo.InvariantCulture) ?? "";
}
