using Semver;
using Tma.CaseStore;
using Tma.Models.Cases;
using Tma.Models.Definitions;
using Tma.Scoring;
using Tma.Scoring.Assessments;

namespace Tma.Host.Tests;

/// <summary>Model texts of the timeline and the report, and what happens when a model lacks the report's language.</summary>
public sealed class ModelLabelsTests
{
    private static readonly ModelDefinition EnglishOnly = new()
    {
        Id = "english-only",
        Version = SemVersion.Parse("1.0.0", SemVersionStyles.Strict),
        Title = "An English-only model",
        Kind = ModelKind.Rules,
        SourceFile = "model.yaml",
        Levels = [new OutputLevel("low", "Low concern", null, []), new OutputLevel("high", "High concern", null, [])],
        Inputs = [new InputDefinition { Id = "threat", Label = "Threat made", Type = InputType.Presence, Levels = [new ScaleLevel("absent", "Absent", 0), new ScaleLevel("present", "Present", 1)] }],
    };

    [Fact]
    public void A_model_without_the_reports_language_shows_its_own_texts_and_the_report_says_so()
    {
        var labels = new ModelLabels(new Catalog(EnglishOnly));

        Assert.Equal("High concern", labels.Level("english-only", "1.0.0", "high", "de"));
        Assert.Equal("Threat made", labels.Input("threat", "de", []));
        Assert.Equal("Present", labels.Value("threat", "present", "de", []));
        Assert.Equal("unbekannt", labels.Value("threat", "unknown", "de", []));
        Assert.Equal("en", Assert.Single(labels.FellBack, f => f.Key == "english-only").Value);

        var html = CaseReportHtml.Render(EmptyCase(), "de", labels, "manager-1", DateTimeOffset.Parse("2026-12-06T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains("Texte des Modells english-only liegen nicht auf Deutsch vor; sie werden in seiner Sprache (en) gezeigt.", html, StringComparison.Ordinal);
        Assert.Contains("06.12.2026 12:00 UTC von <span class=\"nw\">manager-1</span>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_models_inputs_and_levels_are_shown_by_their_ids()
    {
        var labels = new ModelLabels(new Catalog(EnglishOnly));

        Assert.Equal("urgent", labels.Level("english-only", "1.0.0", "urgent", "en"));
        Assert.Equal("manage", labels.Level("retired-model", "3.1.0", "manage", "en"));
        Assert.Equal("pathway", labels.Input("pathway", "en", ["retired-model"]));
        Assert.Empty(labels.FellBack);
    }

    private static CaseReportData EmptyCase()
    {
        var id = Guid.NewGuid();
        var at = DateTimeOffset.Parse("2026-12-01T08:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
        var summary = new CaseSummary(id, CaseCategory.Other, CaseStatus.Recognised, "manager-1", at.AddYears(5), at, at, 1, false);
        return new CaseReportData(
            new CaseRecord(summary, "pers-1", []),
            [new ReportPerson(PersonRole.PersonOfConcern, "pers-1", true, "manager-1", at, null, null)],
            [],
            [],
            [],
            new CaseTimeline(id, [new TimelineEvent(at, TimelineEventKind.Opened, "manager-1", null, new Dictionary<string, string> { ["category"] = "Other" })]),
            at);
    }

    private sealed class Catalog(ModelDefinition definition) : IModelCatalog
    {
        public IReadOnlyList<LoadedPackage> Packages => [new LoadedPackage(definition.Id, definition.Version.ToString(), "sha256:x", "english-only", null)];

        public IRiskModel Resolve(string reference) => reference.Split('@')[0] == definition.Id
            ? new Model(definition)
            : throw new ModelNotAvailableException(reference);
    }

    private sealed class Model(ModelDefinition definition) : IRiskModel
    {
        public ModelReference Reference => new(definition.Id, definition.Version.ToString(), "sha256:x", "rules", definition.Title);

        public ModelDefinition Definition => definition;

        public Assessment Assess(CaseData data) => throw new NotSupportedException();

        public Assessment Assess(ResolvedCase data) => throw new NotSupportedException();
    }
}
