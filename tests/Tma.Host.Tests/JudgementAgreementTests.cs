using System.Net;
using System.Net.Http.Json;
using Tma.CaseStore;
using Tma.Models.Packaging;
using Tma.Research.Evaluation;

namespace Tma.Host.Tests;

/// <summary>
/// The loop: assessors record their summary judgement through the API, a researcher exports the ratings and
/// <c>tma agreement</c>'s evaluator measures inter-rater agreement on the summary, reading the ratings as they come.
/// </summary>
public sealed class JudgementAgreementTests(HostFixture host) : IClassFixture<HostFixture>
{
    /// <summary>
    /// Two case managers rate the priority of four cases (low, elevated, high in warning-behaviours-triage):
    /// m1 = low, elevated, high, high; m2 = low, high, high, elevated. Hand computation: p_o = 2/4 = 0.5; both marginals
    /// (1, 1, 2)/4, p_e = (1 + 1 + 4)/16 = 0.375; κ = (0.5 − 0.375)/(1 − 0.375) = 0.2.
    /// </summary>
    [SkippableFact]
    public async Task Summary_ratings_recorded_through_the_api_are_exported_pseudonymously_and_measured_for_agreement()
    {
        await host.EnsureStartedAsync();
        string[] first = ["low", "elevated", "high", "high"];
        string[] second = ["low", "high", "high", "elevated"];
        var managers = new[] { host.Manager(), new Caller("manager-2", host.TenantA, CallerRole.CaseManager) };
        for (var c = 0; c < first.Length; c++)
        {
            var (id, _, assessment) = await host.FilledCaseAsync();
            foreach (var (manager, rating) in new[] { (managers[0], first[c]), (managers[1], second[c]) })
            {
                using var client = host.Client(manager);
                var version = (await HostFixture.Read(await client.GetAsync($"/v1/cases/{id}"))).GetProperty("summary").GetProperty("version").GetInt64();
                await HostFixture.Read(await client.PostAsJsonAsync($"/v1/cases/{id}/decisions", new
                {
                    assessmentId = assessment,
                    finalLevel = "manage",
                    rationale = "RATIONALE-TEXT",
                    agreement = "followed",
                    expectedVersion = version,
                    judgement = new Dictionary<string, string> { ["priority"] = rating, ["imminence"] = "low", ["formulation"] = "FORMULATION-TEXT" },
                }, HostFixture.Json));
            }
        }

        using var researcher = host.Client(host.Researcher());
        var export = await HostFixture.Read(await researcher.PostAsJsonAsync("/v1/exports/judgements", new { model = "warning-behaviours-triage", purpose = "agreement-study" }, HostFixture.Json));
        var csv = export.GetProperty("csv").GetString()!;

        Assert.Equal("case,rater,priority,imminence", csv.Split("\r\n")[0]); // the text field is not a rating and never exported
        Assert.Equal((4, 2, 8), (export.GetProperty("report").GetProperty("casesRated").GetInt32(), export.GetProperty("report").GetProperty("raters").GetInt32(), export.GetProperty("report").GetProperty("rowsWritten").GetInt32()));
        Assert.DoesNotContain("TEXT", csv, StringComparison.Ordinal);
        Assert.DoesNotContain("manager-", csv, StringComparison.Ordinal);
        var path = Path.Combine(Path.GetTempPath(), "tma-judgements-" + Guid.NewGuid().ToString("N") + ".csv");
        try
        {
            await File.WriteAllTextAsync(path, csv);
            var package = ModelPackage.Load(Path.Combine(HostFixture.RepositoryRoot, "models", "warning-behaviours-triage")).GetValueOrThrow();
            var report = AgreementEvaluator.Evaluate(path, package).GetValueOrThrow();

            var priority = report.Items.Single(i => i.Item == "priority");
            Assert.True(priority.IsLevel);
            Assert.Equal((4, 2), (report.Provenance.Cases, report.Provenance.Raters));
            Assert.Equal(0.2, priority.CohenKappa!.Kappa, 12);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [SkippableFact]
    public async Task An_unknown_or_missing_model_is_refused_with_a_problem_and_no_export()
    {
        await host.EnsureStartedAsync();
        using var researcher = host.Client(host.Researcher());

        using var unknown = await researcher.PostAsJsonAsync("/v1/exports/judgements", new { model = "no-such-model" }, HostFixture.Json);
        using var missing = await researcher.PostAsJsonAsync("/v1/exports/judgements", new { purpose = "x" }, HostFixture.Json);

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Contains("model:", await missing.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task A_judgement_that_does_not_fit_the_models_fields_is_refused_naming_each_field_and_nothing_is_stored()
    {
        await host.EnsureStartedAsync();
        var (id, version, assessment) = await host.FilledCaseAsync();
        using var manager = host.Client(host.Manager());

        using var response = await manager.PostAsJsonAsync($"/v1/cases/{id}/decisions", new
        {
            assessmentId = assessment,
            finalLevel = "manage",
            rationale = "r",
            agreement = "followed",
            expectedVersion = version,
            judgement = new Dictionary<string, string> { ["imminence"] = "hgih", ["priorty"] = "high" },
        }, HostFixture.Json);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("errors").EnumerateArray().Select(e => e.GetString()).ToArray();
        Assert.Equal(3, errors.Length);
        Assert.StartsWith("judgement.imminence: `hgih` is not one of its ratings — did you mean `high`?", errors[0], StringComparison.Ordinal);
        Assert.StartsWith("judgement.priorty: not a judgement field of this model — did you mean `priority`?", errors[1], StringComparison.Ordinal);
        Assert.Equal("judgement.priority: required", errors[2]);
        var decisions = await HostFixture.Read(await manager.GetAsync($"/v1/cases/{id}/decisions"));
        Assert.Equal(0, decisions.GetArrayLength());
    }
}
