using Tma.Models.Cases;
using Tma.Models.Diagnostics;

namespace Tma.Host;

/// <summary>
/// Checks an observation against the inputs of the models in service before it is stored: a typo (`leakge`) stored
/// with 201 would make every later assessment of the case fail, long after the person who typed it has moved on.
/// </summary>
internal static class ObservationCheck
{
    /// <returns>
    /// A 422 problem naming the field (with the closest input id or value), or null when some model in service declares
    /// the input and accepts the value (or no model is in service, so nothing can be checked).
    /// </returns>
    public static IResult? Problem(IModelCatalog models, AddObservationRequest body)
    {
        var definitions = models.Packages
            .Select(p => p.Id)
            .Distinct(StringComparer.Ordinal)
            .Select(id => TryResolve(models, id))
            .OfType<Tma.Scoring.IRiskModel>()
            .Select(m => m.Definition)
            .ToArray();
        if (definitions.Length == 0 || body.InputId is null || body.Value is null)
        {
            return null; // nothing to check against; missing fields are the store's to refuse
        }

        var declaring = definitions.Where(d => d.Inputs.Any(i => i.Id == body.InputId)).ToArray();
        if (declaring.Length == 0)
        {
            var known = definitions.SelectMany(d => d.Inputs.Select(i => i.Id)).Distinct(StringComparer.Ordinal);
            return Refuse("inputId", $"inputId: `{body.InputId}` is not an input of any model in service{Suggestions.DidYouMean(body.InputId, known)}");
        }

        var observation = new Observation(body.InputId, CaseScoring.ParseValue(body.Value), body.ObservedAt, Source: body.Source, Reliability: body.Reliability);
        var data = new CaseData { Observations = [observation], AsOf = body.ObservedAt };
        string? first = null;
        foreach (var definition in declaring)
        {
            var resolved = CaseResolver.Resolve(definition, data);
            var error = resolved.Diagnostics.FirstOrDefault(d => d.Severity == Severity.Error);
            if (error is null)
            {
                return null;
            }

            first ??= $"value: {AfterField(error.Message)} (model `{definition.Id}`)";
        }

        return Refuse("value", first!);
    }

    private static Tma.Scoring.IRiskModel? TryResolve(IModelCatalog models, string id)
    {
        try
        {
            return models.Resolve(id);
        }
        catch (ModelNotAvailableException)
        {
            return null; // retired between listing and resolving
        }
    }

    /// <summary>The resolver names the field of a whole case (<c>observations[0].value: …</c>); the request has one.</summary>
    private static string AfterField(string message)
    {
        var colon = message.IndexOf(": ", StringComparison.Ordinal);
        return colon > 0 ? message[(colon + 2)..] : message;
    }

    private static IResult Refuse(string field, string problem) =>
        Problems.Of(StatusCodes.Status422UnprocessableEntity, "observation-does-not-fit", "The observation does not fit the models in service: " + problem, new Dictionary<string, object?> { ["errors"] = new[] { problem }, ["field"] = field });
}
