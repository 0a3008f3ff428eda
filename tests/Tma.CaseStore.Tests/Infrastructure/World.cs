namespace Tma.CaseStore.Tests.Infrastructure;

/// <summary>A tenant with a caller of every role and helpers to fill it with content.</summary>
public sealed class World
{
    public World(CaseStore store, string tenant)
    {
        Store = store;
        Tenant = tenant;
        Manager = new Caller("manager-1", tenant, CallerRole.CaseManager);
        Expert = new Caller("expert-1", tenant, CallerRole.Expert);
        Auditor = new Caller("auditor-1", tenant, CallerRole.Auditor);
        Researcher = new Caller("researcher-1", tenant, CallerRole.Researcher);
        Admin = new Caller("admin-1", tenant, CallerRole.Administrator);
    }

    public CaseStore Store { get; }

    public string Tenant { get; }

    public Caller Manager { get; }

    public Caller Expert { get; }

    public Caller Auditor { get; }

    public Caller Researcher { get; }

    public Caller Admin { get; }

    public Caller As(CallerRole role) => role switch
    {
        CallerRole.CaseManager => Manager,
        CallerRole.Expert => Expert,
        CallerRole.Auditor => Auditor,
        CallerRole.Researcher => Researcher,
        _ => Admin,
    };

    public static async Task<World> CreateAsync(CaseStore store, string? tenant = null)
    {
        var world = new World(store, tenant ?? "tenant-" + Guid.NewGuid().ToString("N")[..8]);
        await store.CreateTenantAsync(world.Admin);
        return world;
    }

    public static NewAssessment Assessment(string level = "manage", double? score = 12.5, bool challenger = false, DateTimeOffset? at = null) =>
        new("tma.warning-behaviours", "1.2.0", "sha256:abc", level, score, challenger, "{\"fixation\":\"present\"}", "{\"level\":\"" + level + "\"}",
            at ?? new DateTimeOffset(2026, 3, 1, 10, 0, 0, TimeSpan.Zero));

    /// <summary>A case with one observation, one assessment, one decision and one document, the expert a member.</summary>
    public async Task<FilledCase> FilledCaseAsync(string subject = "subject-ref-42")
    {
        var created = await Store.CreateCaseAsync(Manager, new NewCase(subject, CaseCategory.Violence, new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero)));
        var id = created.Id;
        await Store.AddMemberAsync(Manager, id, Expert.UserId, CaseMemberRole.Psychologist, created.Version);
        var observation = await Store.AddObservationAsync(Manager, id, new NewObservation("fixation", "present", new DateTimeOffset(2026, 2, 27, 0, 0, 0, TimeSpan.Zero), "line manager report"));
        var assessment = await Store.AddAssessmentAsync(Manager, id, Assessment());
        var version = (await Store.ListCasesAsync(Manager)).Single(c => c.Id == id).Version;
        var decision = await Store.RecordDecisionAsync(Manager, id, new NewDecision(assessment.Id, "manage", "agree with model", ModelAgreement.Followed), version);
        var document = await Store.AddDocumentAsync(Manager, id, new NewDocument("note.txt", "text/plain", "a note"u8.ToArray()));
        var final = (await Store.ListCasesAsync(Manager)).Single(c => c.Id == id);
        return new FilledCase(id, final.Version, observation.Id, assessment.Id, decision.Id, document.Id);
    }
}

public sealed record FilledCase(Guid Id, long Version, Guid ObservationId, Guid AssessmentId, Guid DecisionId, Guid DocumentId);
