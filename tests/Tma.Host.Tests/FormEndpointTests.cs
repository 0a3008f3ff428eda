using System.Net;
using System.Text.Json;

namespace Tma.Host.Tests;

/// <summary>The observation form a UI generates from a model package (GET /v1/packages/{id}/form).</summary>
public sealed class FormEndpointTests(HostFixture host) : IClassFixture<HostFixture>
{
    [SkippableFact]
    public async Task The_form_carries_every_input_with_labels_guidance_and_values_in_English_and_German()
    {
        await host.EnsureStartedAsync();
        using var client = host.Client(host.Expert());

        var form = await HostFixture.Read(await client.GetAsync("/v1/packages/warning-behaviours-triage/form"));

        Assert.Equal("warning-behaviours-triage", form.GetProperty("id").GetString());
        Assert.Equal("Triage von Warnverhalten (Referenzmodell nach TRAP-Struktur)", form.GetProperty("title").GetProperty("de").GetString());
        Assert.Equal("de", form.GetProperty("textLanguages").GetProperty("de").GetString());
        var groups = form.GetProperty("groups").EnumerateArray().Select(g => g.GetProperty("id").GetString()!).ToArray();
        Assert.Equal(["proximal", "distal"], groups);

        var inputs = form.GetProperty("inputs").EnumerateArray().ToArray();
        Assert.Equal(18, inputs.Length);
        var leakage = inputs.Single(i => i.GetProperty("id").GetString() == "leakage");
        Assert.Equal("presence", leakage.GetProperty("type").GetString());
        Assert.Equal("proximal", leakage.GetProperty("group").GetString());
        Assert.True(leakage.GetProperty("mustKnow").GetBoolean());
        Assert.Equal("P90D", leakage.GetProperty("validFor").GetString());
        Assert.Equal("Leakage: communicating intent to a third party", leakage.GetProperty("label").GetProperty("en").GetString());
        Assert.Equal("Leakage: Tatabsicht gegenüber Dritten mitgeteilt", leakage.GetProperty("label").GetProperty("de").GetString());
        var guidance = leakage.GetProperty("guidance");
        Assert.StartsWith("The person tells someone other than the target", guidance.GetProperty("general").GetProperty("en").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("Das Umfeld der Person wurde befragt", guidance.GetProperty("absent").GetProperty("de").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("Ein Mitarbeiter sagt beim Mittagessen", guidance.GetProperty("example").GetProperty("de").GetString(), StringComparison.Ordinal);
        var values = leakage.GetProperty("values").EnumerateArray().ToArray();
        Assert.Equal(["absent", "possible", "present", "unknown"], values.Select(v => v.GetProperty("id").GetString()!));
        Assert.Equal("vorhanden", values[2].GetProperty("label").GetProperty("de").GetString());
        Assert.Equal("unbekannt (nicht festgestellt)", values[3].GetProperty("label").GetProperty("de").GetString());

        var levels = form.GetProperty("levels").EnumerateArray().ToArray();
        Assert.Equal(["none", "monitor", "manage"], levels.Select(l => l.GetProperty("id").GetString()!));
        Assert.Equal("Aktives Risikomanagement", levels[2].GetProperty("label").GetProperty("de").GetString());

        var judgement = form.GetProperty("judgement").EnumerateArray().ToArray();
        var priority = judgement[0];
        Assert.Equal(("priority", "rating", true, true), (priority.GetProperty("id").GetString(), priority.GetProperty("kind").GetString(), priority.GetProperty("required").GetBoolean(), priority.GetProperty("isSummary").GetBoolean()));
        Assert.Equal("Hohe Priorität", priority.GetProperty("values")[2].GetProperty("label").GetProperty("de").GetString());
        Assert.Equal("high", priority.GetProperty("fromModel").GetProperty("manage").GetString());
        var formulation = judgement.Single(j => j.GetProperty("id").GetString() == "formulation");
        Assert.Equal("text", formulation.GetProperty("kind").GetString());
        Assert.False(formulation.TryGetProperty("values", out _));

        var leakageIndicator = form.GetProperty("indicators").EnumerateArray().Single(i => i.GetProperty("id").GetString() == "wb-leakage");
        Assert.Equal("Tatabsicht gegenüber Dritten mitgeteilt", leakageIndicator.GetProperty("reason").GetProperty("de").GetString());
        var conference = form.GetProperty("actions").EnumerateArray().Single(a => a.GetProperty("id").GetString() == "case-conference");
        Assert.Equal("Convene the threat-management team for a case conference.", conference.GetProperty("step").GetProperty("en").GetString());
    }

    [SkippableFact]
    public async Task Every_model_in_service_has_a_form_with_a_label_in_both_languages_for_every_input_and_value()
    {
        await host.EnsureStartedAsync();
        using var client = host.Client(host.Manager());
        var packages = await HostFixture.Read(await client.GetAsync("/v1/packages"));

        foreach (var id in packages.EnumerateArray().Select(p => p.GetProperty("id").GetString()).Distinct())
        {
            var form = await HostFixture.Read(await client.GetAsync($"/v1/packages/{id}/form"));
            foreach (var input in form.GetProperty("inputs").EnumerateArray())
            {
                AssertBilingual(input.GetProperty("label"), $"{id}: {input.GetProperty("id")}");
                foreach (var value in input.GetProperty("values").EnumerateArray())
                {
                    AssertBilingual(value.GetProperty("label"), $"{id}: {input.GetProperty("id")}={value.GetProperty("id")}");
                }

                Assert.Equal("unknown", input.GetProperty("values").EnumerateArray().Last().GetProperty("id").GetString());
            }
        }
    }

    [SkippableFact]
    public async Task A_model_that_is_not_in_service_is_not_found_and_roles_without_content_are_refused()
    {
        await host.EnsureStartedAsync();
        using var manager = host.Client(host.Manager());
        using var missing = await manager.GetAsync("/v1/packages/no-such-model/form");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("model-not-found", JsonDocument.Parse(await missing.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetString());

        using var ranged = await manager.GetAsync("/v1/packages/warning-behaviours-triage@%5E2/form");
        Assert.Equal(HttpStatusCode.OK, ranged.StatusCode);

        using var researcher = host.Client(host.Researcher());
        using var refused = await researcher.GetAsync("/v1/packages/warning-behaviours-triage/form");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("access-denied", JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetString());
    }

    private static void AssertBilingual(JsonElement text, string what)
    {
        Assert.False(string.IsNullOrWhiteSpace(text.GetProperty("en").GetString()), what);
        Assert.False(string.IsNullOrWhiteSpace(text.GetProperty("de").GetString()), what);
    }
}
