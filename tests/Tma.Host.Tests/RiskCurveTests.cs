using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Tma.Host.Tests;

/// <summary>The risk curve is over the dates a case was assessed as of, not the time the request was made.</summary>
public sealed class RiskCurveTests(HostFixture host) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task The_curve_is_ordered_by_the_date_assessed_as_of_and_carries_it()
    {
        var (id, _, _) = await host.FilledCaseAsync();
        using var manager = host.Client(host.Manager());
        // Assessed today as of 20 October, then (a re-assessment of the past) as of 5 October: the curve puts the
        // second one first, because that is the date its facts describe.
        await HostFixture.Read(await manager.PostAsJsonAsync($"/v1/cases/{id}/assessments", new { model = "warning-behaviours-triage@^2.0", asOf = "2026-10-20T00:00:00Z" }, HostFixture.Json));
        await HostFixture.Read(await manager.PostAsJsonAsync($"/v1/cases/{id}/assessments", new { model = "warning-behaviours-triage@^2.0", asOf = "2026-10-05T00:00:00Z" }, HostFixture.Json));

        var curve = await HostFixture.Read(await manager.GetAsync($"/v1/cases/{id}/risk-curve"));
        var asOf = curve.GetProperty("points").EnumerateArray().Select(p => p.GetProperty("asOf").GetDateTimeOffset()).ToArray();

        // FilledCaseAsync's own assessment has no asOf: it is as of the moment it was made.
        Assert.Equal(3, asOf.Length);
        Assert.Equal(asOf.Order(), asOf);
        Assert.Contains(new DateTimeOffset(2026, 10, 5, 0, 0, 0, TimeSpan.Zero), asOf);
        Assert.Contains(new DateTimeOffset(2026, 10, 20, 0, 0, 0, TimeSpan.Zero), asOf);
        Assert.True(asOf.ToList().IndexOf(new DateTimeOffset(2026, 10, 5, 0, 0, 0, TimeSpan.Zero)) < asOf.ToList().IndexOf(new DateTimeOffset(2026, 10, 20, 0, 0, 0, TimeSpan.Zero)));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("de")]
    [InlineData("en")]
    public async Task The_image_is_a_png_in_the_asked_language(string? language)
    {
        var (id, _, _) = await host.FilledCaseAsync();
        using var manager = host.Client(host.Manager());

        using var response = await manager.GetAsync($"/v1/cases/{id}/risk-curve.png" + (language is null ? "" : "?language=" + language));
        var bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], bytes[..4]);
    }

    [Fact]
    public async Task A_language_the_model_lacks_is_a_bad_request()
    {
        var (id, _, _) = await host.FilledCaseAsync();
        using var manager = host.Client(host.Manager());

        using var response = await manager.GetAsync($"/v1/cases/{id}/risk-curve.png?language=fr");
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("language: `fr` is not a language of model `warning-behaviours-triage`", body.GetProperty("errors")[0].GetString(), StringComparison.Ordinal);
    }
}
