using Tma.CaseStore;
using Tma.CaseStore.Tests.Infrastructure;
using Tma.Host;
using Tma.Models.Cases;
using Tma.Scoring;

namespace Tma.Host.Tests.Scoring;

/// <summary>
/// How directly a source knows a fact is stored with the observation (encrypted like the source) and reaches the
/// assessment, where every fact and both sides of a contradiction show it.
/// </summary>
public sealed class ObservationReliabilityTests
{
    [SkippableTheory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task The_reliability_of_each_source_is_stored_read_back_and_shown_in_the_assessment(Backend backend)
    {
        await using var harness = await StoreHarness.CreateAsync(backend);
        var store = await harness.OpenAsync();
        var world = await World.CreateAsync(store);
        var created = await store.CreateCaseAsync(world.Manager, new NewCase("subject-ref-rel", CaseCategory.Violence, new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero)));
        var day = new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero);
        await store.AddObservationAsync(world.Manager, created.Id, new NewObservation("leakage", "possible", day, "canteen rumour", Reliability: SourceReliability.Hearsay));
        await store.AddObservationAsync(world.Manager, created.Id, new NewObservation("leakage", "present", day.AddDays(3), "e-mail to a colleague", Reliability: SourceReliability.Documented));
        await store.AddObservationAsync(world.Manager, created.Id, new NewObservation("grievance", "present", day.AddDays(2), "HR file"));
        await store.AddObservationAsync(world.Manager, created.Id, new NewObservation("fixation", "present", day.AddDays(4), "interview", Reliability: SourceReliability.FirstHand));

        var read = await store.GetObservationsAsync(world.Manager, created.Id);
        Assert.Equal([SourceReliability.Hearsay, null, SourceReliability.Documented, SourceReliability.FirstHand], read.Select(o => o.Reliability));

        var model = RiskModelCompiler.Load(CaseScoringTests.ModelPath());
        var (_, assessment) = await store.AssessAndStoreAsync(world.Manager, created.Id, model, asOf: day.AddDays(10));
        var contradiction = Assert.Single(assessment.Contradictions);
        Assert.Equal([SourceReliability.Hearsay, SourceReliability.Documented], contradiction.Reports.Select(r => r.Reliability));
        Assert.Equal("first_hand", assessment.Facts.Single(f => f.Input == "fixation").Reliability);
        Assert.Null(assessment.Facts.Single(f => f.Input == "grievance").Reliability);
    }
}
