using System.Text.Json;
using Tma.CaseStore;

namespace Tma.Host;

/// <summary>
/// The names a professional reads for the process's stages and states, in English and German, keyed by the ids the
/// API uses (snake_case enum names), so that a UI shows the same words as the documentation.
/// </summary>
internal static class ProcessLabels
{
    private static readonly Dictionary<CaseStatus, (string En, string De)> Stages = new()
    {
        [CaseStatus.Recognised] = ("Recognition", "Erkennen"),
        [CaseStatus.Assessing] = ("Assessment", "Einschätzen"),
        [CaseStatus.Managing] = ("Defusion", "Entschärfen"),
        [CaseStatus.Monitoring] = ("Monitoring", "Beobachten"),
        [CaseStatus.Closed] = ("Closed", "Abgeschlossen"),
    };

    private static readonly Dictionary<PersonRole, (string En, string De)> PersonRoles = new()
    {
        [PersonRole.PersonOfConcern] = ("Person of concern", "Gefährdende Person"),
        [PersonRole.AffectedPerson] = ("Affected person", "Betroffene Person"),
        [PersonRole.Witness] = ("Witness", "Zeugin / Zeuge"),
        [PersonRole.Reporter] = ("Reporting person", "Meldende Person"),
        [PersonRole.Other] = ("Other person", "Weitere Person"),
    };

    private static readonly Dictionary<DecisionStatus, (string En, string De)> DecisionStatuses = new()
    {
        [DecisionStatus.Effective] = ("In effect", "Wirksam"),
        [DecisionStatus.Pending] = ("Awaiting a second case manager", "Wartet auf Bestätigung durch eine zweite fallverantwortliche Person"),
        [DecisionStatus.Confirmed] = ("Confirmed by a second case manager", "Von zweiter fallverantwortlicher Person bestätigt"),
        [DecisionStatus.Rejected] = ("Rejected by a second case manager", "Von zweiter fallverantwortlicher Person abgelehnt"),
    };

    private static readonly Dictionary<ReviewSource, (string En, string De)> ReviewSources = new()
    {
        [ReviewSource.Team] = ("Set by the team", "Vom Team festgelegt"),
        [ReviewSource.Model] = ("Model default: when the first fact leaves its validity window", "Modellvorgabe: wenn die erste Tatsache ihre Gültigkeit verliert"),
    };

    /// <summary>The name of a stage in <paramref name="language"/> (<c>de</c>; anything else gives English).</summary>
    public static string Stage(CaseStatus status, string language) => Pick(Stages[status], language);

    /// <summary>The name of a person's role in <paramref name="language"/> (<c>de</c>; anything else gives English).</summary>
    public static string PersonRoleName(PersonRole role, string language) => Pick(PersonRoles[role], language);

    /// <summary>Who set a review, in <paramref name="language"/> (<c>de</c>; anything else gives English).</summary>
    public static string ReviewSourceName(ReviewSource source, string language) => Pick(ReviewSources[source], language);

    private static string Pick((string En, string De) text, string language) => language == "de" ? text.De : text.En;

    /// <summary>The API id of an enum value (as the JSON converter writes it).</summary>
    public static string Id<TEnum>(TEnum value)
        where TEnum : struct, Enum => JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());

    /// <summary>Every stage with its legal next stages, and every name, each in English and German.</summary>
    public static object Describe() => new
    {
        stages = Stages.Select(s => new { id = Id(s.Key), label = Label(s.Value), next = CaseStatusTransitions.From(s.Key).Select(Id).ToArray() }).ToArray(),
        personRoles = PersonRoles.Select(p => new { id = Id(p.Key), label = Label(p.Value) }).ToArray(),
        decisionStatuses = DecisionStatuses.Select(d => new { id = Id(d.Key), label = Label(d.Value), inEffect = d.Key is DecisionStatus.Effective or DecisionStatus.Confirmed }).ToArray(),
        reviewSources = ReviewSources.Select(r => new { id = Id(r.Key), label = Label(r.Value) }).ToArray(),
    };

    private static Dictionary<string, string> Label((string En, string De) text) => new(StringComparer.Ordinal) { ["en"] = text.En, ["de"] = text.De };
}
