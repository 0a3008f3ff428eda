using Tma.CaseStore.Tests.Infrastructure;

namespace Tma.CaseStore.Tests;

/// <summary>Issue 15: review schedule, persons of a case, four-eyes confirmation of overrides (SQLite and PostgreSQL).</summary>
public sealed class ProcessAroundTheScoreTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private static async Task<(StoreHarness Harness, World World)> OpenAsync(Backend backend)
    {
        var harness = await StoreHarness.CreateAsync(backend);
        var world = await World.CreateAsync(await harness.OpenAsync());
        harness.Clock.AutoAdvanceAmount = TimeSpan.Zero;
        harness.Clock.SetUtcNow(Now);
        return (harness, world);
    }

    private static async Task<long> VersionAsync(World world, Guid caseId) => (await world.Store.GetCaseAsync(world.Manager, caseId)).Version;

    private static Caller SecondManager(World world) => new("manager-2", world.Tenant, CallerRole.CaseManager);

    // ---- stages ----

    [SkippableTheory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Every_stage_transition_is_audited_with_from_and_to(Backend backend)
    {
        var (harness, world) = await OpenAsync(backend);
        await using var _ = harness;
        var filled = await world.FilledCaseAsync();
        var version = filled.Version;
        foreach (var to in new[] { CaseStatus.Assessing, CaseStatus.Managing, CaseStatus.Monitoring, CaseStatus.Assessing, CaseStatus.Monitoring, CaseStatus.Closed })
        {
            version = (await world.Store.ChangeStatusAsync(world.Manager, filled.Id, to, version)).Version;
        }

        await Assert.ThrowsAsync<CaseStateException>(() => world.Store.ChangeStatusAsync(world.Manager, filled.Id, CaseStatus.Assessing, version));

        var trail = (await world.Store.GetAuditTrailAsync(world.Auditor)).Where(e => e.Action == "case.status").ToArray();
        Assert.Equal(
            ["Allowed Recognised->Assessing", "Allowed Assessing->Managing", "Allowed Managing->Monitoring", "Allowed Monitoring->Assessing", "Allowed Assessing->Monitoring", "Allowed Monitoring->Closed", "Failed illegal-transition"],
            trail.Select(e => $"{e.Outcome} {e.Detail}"));
    }

    // ---- review schedule ----

    [SkippableTheory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_review_is_due_from_its_date_on_and_not_a_millisecond_before(Backend backend)
    {
        var (harness, world) = await OpenAsync(backend);
        await using var _ = harness;
        var filled = await world.FilledCaseAsync();
        var summary = await world.Store.SetReviewAsync(world.Manager, filled.Id, Now, "after the hearing", filled.Version);
        Assert.Equal(Now, summary.NextReviewAt);
        Assert.Equal(filled.Version + 1, summary.Version);

        // Default cut-off: now by the injected clock. Due exactly now is due.
        var due = Assert.Single(await world.Store.GetDueReviewsAsync(world.Manager));
        Assert.Equal((filled.Id, CaseStatus.Recognised, Now, 0, ReviewSource.Team), (due.CaseId, due.Status, due.DueAt, due.OverdueDays, due.Source));
        Assert.Empty(await world.Store.GetDueReviewsAsync(world.Manager, Now.AddMilliseconds(-1)));

        // One millisecond later it is not yet due.
        await world.Store.SetReviewAsync(world.Manager, filled.Id, Now.AddMilliseconds(1), null, summary.Version);
        Assert.Empty(await world.Store.GetDueReviewsAsync(world.Manager));
        Assert.Single(await world.Store.GetDueReviewsAsync(world.Manager, Now.AddMilliseconds(1)));

        // Three and a half days on it is three whole days overdue; the expert (a member) sees it too.
        harness.Clock.Advance(TimeSpan.FromDays(3.5));
        var overdue = Assert.Single(await world.Store.GetDueReviewsAsync(world.Expert));
        Assert.Equal(3, overdue.OverdueDays);

        var record = await world.Store.GetCaseAsync(world.Manager, filled.Id);
        Assert.Equal(new CaseReview(Now.AddMilliseconds(1), null, ReviewSource.Team, "manager-1", Now), record.Review);
        Assert.Equal(Now.AddMilliseconds(1), record.Summary.NextReviewAt);
    }

    [SkippableTheory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_cleared_review_is_not_listed_and_the_reason_is_read_back(Backend backend)
    {
        var (harness, world) = await OpenAsync(backend);
        await using var _ = harness;
        var filled = await world.FilledCaseAsync();
        var set = await world.Store.SetReviewAsync(world.Manager, filled.Id, Now.AddDays(-1), "quarterly check", filled.Version);
        Assert.Equal("quarterly check", (await world.Store.GetCaseAsync(world.Expert, filled.Id)).Review!.Reason);

        var cleared = await world.Store.SetReviewAsync(world.Manager, filled.Id, null, null, set.Version);

        Assert.Null(cleared.NextReviewAt);
        Assert.Empty(await world.Store.GetDueReviewsAsync(world.Manager, Now.AddYears(10)));
        Assert.Null((await world.Store.GetCaseAsync(world.Manager, filled.Id)).Review);
        var bad = await Assert.ThrowsAsync<CaseStoreValidationException>(() => world.Store.SetReviewAsync(world.Manager, filled.Id, null, "a reason without a date", cleared.Version));
        Assert.Contains(bad.Problems, p => p.StartsWith("reason:", StringComparison.Ordinal));
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => world.Store.SetReviewAsync(world.Manager, filled.Id, Now, null, set.Version));
    }

    [SkippableTheory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Due_reviews_follow_need_to_know_and_never_cross_tenants(Backend backend)
    {
        var (harness, world) = await OpenAsync(backend);
        await using var _ = harness;
        var filled = await world.FilledCaseAsync();
        await world.Store.SetReviewAsync(world.Manager, filled.Id, Now.AddDays(-2), null, filled.Version);
        var other = await World.CreateAsync(world.Store);

        // Not the owner and not a member: another case manager and another expert see nothing, and for the case
        // manager who may not set it the case does not exist (need-to-know).
        Assert.Empty(await world.Store.GetDueReviewsAsync(SecondManager(world)));
        Assert.Empty(await world.Store.GetDueReviewsAsync(new Caller("expert-9", world.Tenant, CallerRole.Expert)));
        await Assert.ThrowsAsync<CaseStoreNotFoundException>(() => world.Store.SetReviewAsync(SecondManager(world), filled.Id, Now, null, filled.Version + 1));

        // The same user ids in another tenant see nothing, and the case is not found there.
        Assert.Empty(await world.Store.GetDueReviewsAsync(other.Manager));
        Assert.Empty(await world.Store.GetDueReviewsAsync(other.Expert));
        await Assert.ThrowsAsync<CaseStoreNotFoundException>(() => world.Store.SetReviewAsync(other.Manager, filled.Id, Now, null, filled.Version + 1));

        // A member case manager sees it; a closed case is not listed.
        var version = await VersionAsync(world, filled.Id);
        version = (await world.Store.AddMemberAsync(world.Manager, filled.Id, "manager-2", CaseMemberRole.CaseManager, version)).Version;
        Assert.Single(await world.Store.GetDueReviewsAsync(SecondManager(world)));
        await world.Store.ChangeStatusAsync(world.Manager, filled.Id, CaseStatus.Closed, version);
        Assert.Empty(await world.Store.GetDueReviewsAsync(world.Manager));
    }

    [SkippableTheory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task The_model_default_follows_the_latest_champion_until_the_team_sets_a_date(Backend backend)
    {
        var (harness, world) = await OpenAsync(backend);
        await using var _ = harness;
        var filled = await world.FilledCaseAsync();
        var first = Now.AddDays(30);

        await world.Store.AddAssessmentAsync(world.Manager, filled.Id, World.Assessment() with { ReviewBy = first });
        var review = (await world.Store.GetCaseAsync(world.Manager, filled.Id)).Review!;
        Assert.Equal((first, ReviewSource.Model, "manager-1"), (review.DueAt, review.Source, review.SetBy));

        // A challenger never moves it; the next champion replaces the model's earlier default.
        await world.Store.AddAssessmentAsync(world.Manager, filled.Id, World.Assessment(challenger: true) with { ReviewBy = Now.AddDays(1) });
        Assert.Equal(first, (await world.Store.GetCaseAsync(world.Manager, filled.Id)).Summary.NextReviewAt);
        await world.Store.AddAssessmentAsync(world.Expert, filled.Id, World.Assessment() with { ReviewBy = Now.AddDays(60) });
        Assert.Equal(Now.AddDays(60), (await world.Store.GetCaseAsync(world.Manager, filled.Id)).Summary.NextReviewAt);

        // The team's date stands against later suggestions.
        await world.Store.SetReviewAsync(world.Manager, filled.Id, Now.AddDays(7), "team decision", await VersionAsync(world, filled.Id));
        await world.Store.AddAssessmentAsync(world.Manager, filled.Id, World.Assessment() with { ReviewBy = Now.AddDays(90) });
        review = (await world.Store.GetCaseAsync(world.Manager, filled.Id)).Review!;
        Assert.Equal((Now.AddDays(7), ReviewSource.Team, "team decision"), (review.DueAt, review.Source, review.Reason));
    }

    // ---- persons ----

    [SkippableTheory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Persons_are_listed_after_the_subject_and_a_removed_person_loses_their_reference(Backend backend)
    {
        var (harness, world) = await OpenAsync(backend);
        await using var _ = harness;
        var filled = await world.FilledCaseAsync("subject-ref-1");
        var witness = await world.Store.AddPersonAsync(world.Manager, filled.Id, new NewCasePerson(PersonRole.Witness, "hr-4711", "saw the incident"), filled.Version);
        harness.Clock.Advance(TimeSpan.FromSeconds(1));
        var affected = await world.Store.AddPersonAsync(world.Manager, filled.Id, new NewCasePerson(PersonRole.AffectedPerson, "hr-0815"), filled.Version + 1);

        var persons = await world.Store.GetPersonsAsync(world.Expert, filled.Id);
        Assert.Equal(
            [(filled.Id, PersonRole.PersonOfConcern, "subject-ref-1", (string?)null, true), (witness.Id, PersonRole.Witness, "hr-4711", "saw the incident", false), (affected.Id, PersonRole.AffectedPerson, "hr-0815", null, false)],
            persons.Select(p => (p.Id, p.Role, p.Reference, p.Note, p.IsCaseSubject)));

        var summary = await world.Store.RemovePersonAsync(world.Manager, filled.Id, witness.Id, filled.Version + 2);
        Assert.Equal(filled.Version + 3, summary.Version);
        Assert.DoesNotContain(await world.Store.GetPersonsAsync(world.Manager, filled.Id), p => p.Id == witness.Id);
        var tombstone = await harness.QueryRawAsync<long>("SELECT COUNT(*) FROM case_persons WHERE id = @Id AND reference IS NULL AND note IS NULL AND removed_by = 'manager-1'", new { Id = witness.Id.ToString("D") });
        Assert.Equal(1L, Assert.Single(tombstone));

        Assert.Equal("case-subject", (await Assert.ThrowsAsync<CaseStateException>(() => world.Store.RemovePersonAsync(world.Manager, filled.Id, filled.Id, summary.Version))).Code);
        await Assert.ThrowsAsync<CaseStoreNotFoundException>(() => world.Store.RemovePersonAsync(world.Manager, filled.Id, witness.Id, summary.Version));
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => world.Store.AddPersonAsync(world.Manager, filled.Id, new NewCasePerson(PersonRole.Reporter, "x"), filled.Version));
    }

    [SkippableTheory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Persons_are_need_to_know_and_invisible_across_tenants(Backend backend)
    {
        var (harness, world) = await OpenAsync(backend);
        await using var _ = harness;
        var filled = await world.FilledCaseAsync();
        var person = await world.Store.AddPersonAsync(world.Manager, filled.Id, new NewCasePerson(PersonRole.Witness, "hr-1"), filled.Version);
        var other = await World.CreateAsync(world.Store);

        await Assert.ThrowsAsync<CaseStoreAccessDeniedException>(() => world.Store.AddPersonAsync(world.Expert, filled.Id, new NewCasePerson(PersonRole.Witness, "hr-2"), filled.Version + 1));
        // Not involved (a case manager neither owner nor member, an expert not a member): the case does not exist.
        var manager = await Assert.ThrowsAsync<CaseStoreNotFoundException>(() => world.Store.GetPersonsAsync(SecondManager(world), filled.Id));
        Assert.Equal(("case", filled.Id), (manager.Kind, manager.Id));
        await Assert.ThrowsAsync<CaseStoreNotFoundException>(() => world.Store.AddPersonAsync(SecondManager(world), filled.Id, new NewCasePerson(PersonRole.Witness, "hr-2"), filled.Version + 1));
        await Assert.ThrowsAsync<CaseStoreNotFoundException>(() => world.Store.RemovePersonAsync(SecondManager(world), filled.Id, person.Id, filled.Version + 1));
        var expert = await Assert.ThrowsAsync<CaseStoreNotFoundException>(() => world.Store.GetPersonsAsync(new Caller("expert-9", world.Tenant, CallerRole.Expert), filled.Id));
        Assert.Equal(("case", filled.Id), (expert.Kind, expert.Id));
        await Assert.ThrowsAsync<CaseStoreNotFoundException>(() => world.Store.GetPersonsAsync(other.Manager, filled.Id));
        await Assert.ThrowsAsync<CaseStoreNotFoundException>(() => world.Store.RemovePersonAsync(other.Manager, filled.Id, person.Id, filled.Version + 1));
        var invalid = await Assert.ThrowsAsync<CaseStoreValidationException>(() => world.Store.AddPersonAsync(world.Manager, filled.Id, new NewCasePerson((PersonRole)99, " "), filled.Version + 1));
        Assert.Equal(["role: not a known value", "reference: required"], invalid.Problems);

        var audit = await world.Store.GetAuditTrailAsync(world.Auditor);
        Assert.Contains(audit, e => e.Action == "case.person.add" && e.RecordId == person.Id && e.Detail == "role=Witness");
        Assert.Equal(2, audit.Count(e => e.Action == "case.person.list" && e.Outcome == AuditOutcome.Denied && e.Detail == "not-found"));
        Assert.Contains(audit, e => e.Action == "case.person.add" && e.Outcome == AuditOutcome.Denied && e.Detail == "not-found" && e.ActorId == SecondManager(world).UserId);
    }

    // ---- four-eyes rule ----

    [SkippableTheory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task An_override_takes_effect_only_when_a_second_case_manager_confirms_it(Backend backend)
    {
        var (harness, world) = await OpenAsync(backend);
        await using var _ = harness;
        var filled = await world.FilledCaseAsync();
        var version = (await world.Store.AddMemberAsync(world.Manager, filled.Id, "manager-2", CaseMemberRole.CaseManager, filled.Version)).Version;
        harness.Clock.Advance(TimeSpan.FromMinutes(1)); // after the filled case's decision that followed the model
        var overridden = await world.Store.RecordDecisionAsync(world.Manager, filled.Id, new NewDecision(filled.AssessmentId, "urgent", "weapons access", ModelAgreement.Overrode), version);
        Assert.Equal(DecisionStatus.Pending, overridden.Status);
        Assert.False(overridden.IsInEffect);
        version++;

        // The author cannot confirm it; for a second case manager who is not involved the case does not exist.
        var own = await Assert.ThrowsAsync<CaseStateException>(() => world.Store.ConfirmDecisionAsync(world.Manager, filled.Id, overridden.Id, null, version));
        Assert.Equal("own-decision", own.Code);
        await Assert.ThrowsAsync<CaseStoreNotFoundException>(() => world.Store.ConfirmDecisionAsync(new Caller("manager-3", world.Tenant, CallerRole.CaseManager), filled.Id, overridden.Id, null, version));

        // Pending: not the decided level; the pending list shows it, confirmable by the second manager only.
        Assert.Equal("manage", await ExportedDecisionLevelAsync(world));
        var mine = Assert.Single(await world.Store.GetPendingDecisionsAsync(world.Manager));
        Assert.False(mine.CanConfirm);
        var theirs = Assert.Single(await world.Store.GetPendingDecisionsAsync(SecondManager(world)));
        Assert.Equal((overridden.Id, filled.Id, CaseStatus.Recognised, "manager-1", true), (theirs.DecisionId, theirs.CaseId, theirs.CaseStatus, theirs.DecidedBy, theirs.CanConfirm));
        Assert.Empty(await world.Store.GetPendingDecisionsAsync(new Caller("manager-3", world.Tenant, CallerRole.CaseManager)));

        harness.Clock.Advance(TimeSpan.FromHours(2));
        var confirmed = await world.Store.ConfirmDecisionAsync(SecondManager(world), filled.Id, overridden.Id, "agreed in case conference", version);
        Assert.Equal(DecisionStatus.Confirmed, confirmed.Status);
        Assert.Equal(new DecisionReview(DecisionStatus.Confirmed, "manager-2", Now.AddMinutes(1).AddHours(2), "agreed in case conference"), confirmed.Review);
        Assert.Equal("urgent", await ExportedDecisionLevelAsync(world));
        Assert.Empty(await world.Store.GetPendingDecisionsAsync(SecondManager(world)));

        var listed = (await world.Store.GetDecisionsAsync(world.Expert, filled.Id)).Single(d => d.Id == overridden.Id);
        Assert.Equal(confirmed.Review, listed.Review);
        Assert.Equal("decision-not-pending", (await Assert.ThrowsAsync<CaseStateException>(() => world.Store.RejectDecisionAsync(SecondManager(world), filled.Id, overridden.Id, "too late", version + 1))).Code);
        Assert.Equal("decision-not-pending", (await Assert.ThrowsAsync<CaseStateException>(() => world.Store.ConfirmDecisionAsync(SecondManager(world), filled.Id, filled.DecisionId, null, version + 1))).Code);

        var audit = await world.Store.GetAuditTrailAsync(world.Auditor);
        Assert.Contains(audit, e => e.Action == "decision.confirm" && e.Outcome == AuditOutcome.Allowed && e.ActorId == "manager-2" && e.RecordId == overridden.Id && e.Detail == "outcome=Confirmed");
        Assert.Contains(audit, e => e.Action == "decision.confirm" && e.Outcome == AuditOutcome.Failed && e.ActorId == "manager-1" && e.Detail == "own-decision");
    }

    [SkippableTheory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_rejected_override_never_takes_effect_and_needs_a_reason(Backend backend)
    {
        var (harness, world) = await OpenAsync(backend);
        await using var _ = harness;
        var filled = await world.FilledCaseAsync();
        var other = await World.CreateAsync(world.Store);
        harness.Clock.Advance(TimeSpan.FromMinutes(1)); // after the filled case's decision that followed the model
        var overridden = await world.Store.RecordDecisionAsync(SecondManager(world), filled.Id, new NewDecision(filled.AssessmentId, "monitor", "lower", ModelAgreement.Overrode), filled.Version);
        var version = filled.Version + 1;

        var invalid = await Assert.ThrowsAsync<CaseStoreValidationException>(() => world.Store.RejectDecisionAsync(world.Manager, filled.Id, overridden.Id, " ", version));
        Assert.StartsWith("reason:", Assert.Single(invalid.Problems), StringComparison.Ordinal);
        await Assert.ThrowsAsync<CaseStoreNotFoundException>(() => world.Store.RejectDecisionAsync(other.Manager, filled.Id, overridden.Id, "guess", version));
        await Assert.ThrowsAsync<CaseStoreNotFoundException>(() => world.Store.RejectDecisionAsync(world.Manager, filled.Id, Guid.NewGuid(), "guess", version));
        await Assert.ThrowsAsync<CaseStoreAccessDeniedException>(() => world.Store.ConfirmDecisionAsync(world.Expert, filled.Id, overridden.Id, null, version));

        var rejected = await world.Store.RejectDecisionAsync(world.Manager, filled.Id, overridden.Id, "no new facts", version);

        Assert.Equal((DecisionStatus.Rejected, "no new facts", "manager-1"), (rejected.Status, rejected.Review!.Comment, rejected.Review.ReviewedBy));
        Assert.False(rejected.IsInEffect);
        Assert.Equal("manage", await ExportedDecisionLevelAsync(world));
        Assert.Contains(await world.Store.GetAuditTrailAsync(world.Auditor), e => e.Action == "decision.reject" && e.Detail == "outcome=Rejected");
    }

    [SkippableTheory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task The_judgement_export_leaves_out_an_override_until_it_is_confirmed(Backend backend)
    {
        var (harness, world) = await OpenAsync(backend);
        await using var _ = harness;
        var filled = await world.FilledCaseAsync();
        var overridden = await world.Store.RecordDecisionAsync(SecondManager(world), filled.Id,
            new NewDecision(filled.AssessmentId, "urgent", "weapons", ModelAgreement.Overrode) { Judgement = new Dictionary<string, string> { ["priority"] = "high" } }, filled.Version);
        var options = new JudgementExportOptions { PackageId = "tma.warning-behaviours", Fields = ["priority"] };

        var pending = await world.Store.ExportJudgementsAsync(world.Researcher, options, new StringWriter());
        await world.Store.ConfirmDecisionAsync(world.Manager, filled.Id, overridden.Id, null, filled.Version + 1);
        var output = new StringWriter();
        var confirmed = await world.Store.ExportJudgementsAsync(world.Researcher, options, output);

        Assert.Equal((0, 0), (pending.CasesRated, pending.RowsWritten));
        Assert.Equal((1, 1), (confirmed.CasesRated, confirmed.RowsWritten));
        Assert.EndsWith(",high", output.ToString().Split("\r\n", StringSplitOptions.RemoveEmptyEntries)[1], StringComparison.Ordinal);
    }

    /// <summary>The decided level the anonymized export reports for the tenant's one case with decisions (an empty case is added so that k = 2 keeps both rows).</summary>
    private static async Task<string> ExportedDecisionLevelAsync(World world)
    {
        await world.Store.CreateCaseAsync(world.Manager, new NewCase("no-decisions", CaseCategory.Violence, new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero)));
        using var writer = new StringWriter();
        await world.Store.ExportAnonymizedAsync(world.Researcher, new AnonymizedExportOptions { K = 2, QuasiIdentifiers = [] }, writer);
        var lines = writer.ToString().Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var column = Array.IndexOf(lines[0].Split(','), "decision_level");
        return Assert.Single(lines.Skip(1).Select(l => l.Split(',')[column]), level => level.Length > 0);
    }
}
