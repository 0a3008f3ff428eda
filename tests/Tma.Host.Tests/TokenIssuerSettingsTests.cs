using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Tma.Host.Tests;

/// <summary>
/// Which issuer tokens must carry: an identity provider's tokens carry its own issuer (from its discovery document),
/// not the local default, so an authority without <c>Tma:Issuer</c> must not be pinned to <c>tma-local</c>.
/// </summary>
public sealed class TokenIssuerSettingsTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("tma-issuer-").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task With_an_authority_and_no_issuer_the_discovery_documents_issuer_is_expected()
    {
        await using var app = Start(("Tma:Authority", "https://login.example.org/tenant"));

        Assert.Null(ValidationOf(app).ValidIssuer);
    }

    [Fact]
    public async Task With_an_authority_an_explicit_issuer_is_kept()
    {
        await using var app = Start(("Tma:Authority", "https://login.example.org/tenant"), ("Tma:Issuer", "https://login.example.org/tenant/v2.0"));

        Assert.Equal("https://login.example.org/tenant/v2.0", ValidationOf(app).ValidIssuer);
    }

    [Fact]
    public async Task Local_tokens_are_expected_from_tma_local()
    {
        await using var app = Start();

        Assert.Equal("tma-local", ValidationOf(app).ValidIssuer);
    }

    private static Microsoft.IdentityModel.Tokens.TokenValidationParameters ValidationOf(WebApplication app) =>
        app.Services.GetRequiredService<IOptionsMonitor<JwtBearerOptions>>().Get(JwtBearerDefaults.AuthenticationScheme).TokenValidationParameters;

    private WebApplication Start(params (string Key, string Value)[] settings) =>
        TmaHostApp.Create([], builder =>
        {
            builder.WebHost.UseTestServer();
            builder.WebHost.UseSetting("Tma:Development", "true");
            builder.WebHost.UseSetting("Tma:Store", Path.Combine(_directory, "tma.db"));
            builder.WebHost.UseSetting("Tma:Models", Repository.Path("models"));
            builder.WebHost.UseSetting("Tma:AllowUnsignedModels", "true");
            foreach (var (key, value) in settings)
            {
                builder.WebHost.UseSetting(key, value);
            }
        });
}
