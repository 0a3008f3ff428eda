using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Tma.Host.Tests;

/// <summary>
/// A document's name may name a person, so it can travel in the Content-Disposition header (RFC 6266) instead of the
/// URL; the header's UTF-8 form round-trips; a missing, doubled or unreadable name is a located 400.
/// </summary>
public sealed class DocumentNameTests(HostFixture host) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task The_name_in_the_Content_Disposition_header_is_stored_with_its_German_letters()
    {
        var (id, _, _) = await host.FilledCaseAsync();
        using var client = host.Client(host.Manager());
        using var content = new StringContent("Gesprächsnotiz", Encoding.UTF8, "text/plain");
        // filename*=UTF-8''Gespr%C3%A4ch%20M%C3%BCller%20%28HR%29.txt, written by hand (RFC 5987 encoding of the name).
        content.Headers.TryAddWithoutValidation("Content-Disposition", "attachment; filename*=UTF-8''Gespr%C3%A4ch%20M%C3%BCller%20%28HR%29.txt");

        using var response = await client.PostAsync($"/v1/cases/{id}/documents", content);
        var uploaded = await HostFixture.Read(response);
        var listed = await HostFixture.Read(await client.GetAsync($"/v1/cases/{id}/documents"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("Gespräch Müller (HR).txt", uploaded.GetProperty("name").GetString());
        Assert.Contains(listed.EnumerateArray(), d => d.GetProperty("name").GetString() == "Gespräch Müller (HR).txt");
    }

    [Fact]
    public async Task A_plain_filename_parameter_is_read_too()
    {
        var (id, _, _) = await host.FilledCaseAsync();
        using var client = host.Client(host.Manager());
        using var content = new StringContent("notes", Encoding.UTF8, "text/plain");
        content.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileName = "\"minutes.txt\"" };

        var uploaded = await HostFixture.Read(await client.PostAsync($"/v1/cases/{id}/documents", content));

        Assert.Equal("minutes.txt", uploaded.GetProperty("name").GetString());
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("attachment; filename*=UTF-8''a.txt", "b.txt")]
    [InlineData("attachment", null)]
    [InlineData("attachment; filename*=", null)]
    public async Task A_missing_doubled_or_unreadable_name_is_a_400_located_at_name(string? disposition, string? query)
    {
        var (id, _, _) = await host.FilledCaseAsync();
        using var client = host.Client(host.Manager());
        using var content = new StringContent("x", Encoding.UTF8, "text/plain");
        if (disposition is not null)
        {
            content.Headers.TryAddWithoutValidation("Content-Disposition", disposition);
        }

        using var response = await client.PostAsync($"/v1/cases/{id}/documents" + (query is null ? "" : "?name=" + query), content);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid-input", problem.GetProperty("code").GetString());
        Assert.StartsWith("name: ", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
