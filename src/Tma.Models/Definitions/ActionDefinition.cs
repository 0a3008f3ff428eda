namespace Tma.Models.Definitions;

/// <summary>How soon a recommended action should happen.</summary>
public enum Urgency
{
    /// <summary>As part of ordinary case work.</summary>
    Routine,

    /// <summary>Within days.</summary>
    Soon,

    /// <summary>Now, before anything else.</summary>
    Immediate,
}

/// <summary>A defusion step and the experts to involve, attached to indicators or output levels.</summary>
/// <param name="Id">Identifier referenced by indicators and levels.</param>
/// <param name="Step">What to do, in plain language.</param>
/// <param name="Experts">Who to involve.</param>
/// <param name="Urgency">How soon.</param>
public sealed record ActionDefinition(string Id, string Step, IReadOnlyList<Expert> Experts, Urgency Urgency);
