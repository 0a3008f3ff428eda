using System.Net;
using System.Net.Http.Headers;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Tma.CaseStore;

namespace Tma.Host.Tests;

/// <summary>A host configured for an identity provider that sends `roles` as an array and the tenant as `org`.</summary>
public sealed class ClaimMappingTests(ClaimMappingTests.IdentityProviderHost host) : IClassFixture<ClaimMappingTests.IdentityProviderHost>
{
    public sealed class IdentityProviderHost : HostFixture
    {
        protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
        {
            ["Tma:Claims:Role"] = "roles",
            ["Tma:Claims:Tenant"] = "org",
            ["Tma:Claims:User"] = "oid",
            ["Tma:Claims:Roles:case_manager"] = "TMA.CaseManager",
            ["Tma:Claims:Roles:auditor"] = "TMA.Auditor, TMA.Audit",
        };

        public static string Issue(ECDsaSecurityKey key, Dictionary<string, object> claims)
        {
            var now = DateTime.UtcNow.AddSeconds(-5);
            return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
            {
                Issuer = TokenIssuer.DefaultIssuer,
                Audience = TokenIssuer.DefaultAudience,
                IssuedAt = now,
                NotBefore = now,
                Expires = now.AddMinutes(10),
                Claims = claims,
                SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.EcdsaSha256),
            });
        }

        /// <summary>The fixture's own tokens (tenant set-up) in the provider's shape, with the TMA role names.</summary>
        public override string Token(Caller caller, TimeSpan? lifetime = null, DateTimeOffset? now = null) => Issue(SigningKey, new Dictionary<string, object>
        {
            ["oid"] = caller.UserId,
            ["org"] = caller.TenantId,
            ["roles"] = new[] { TokenIssuer.RoleName(caller.Role) },
        });
    }

    [Theory]
    [InlineData(new[] { "Everyone", "TMA.CaseManager" }, HttpStatusCode.OK)] // one TMA role among others
    [InlineData(new[] { "case_manager" }, HttpStatusCode.OK)] // the TMA name itself always counts
    [InlineData(new[] { "TMA.Audit" }, HttpStatusCode.Forbidden)] // an auditor may not list cases
    [InlineData(new[] { "Everyone" }, HttpStatusCode.Forbidden)] // no TMA role
    [InlineData(new[] { "TMA.CaseManager", "TMA.Auditor" }, HttpStatusCode.Forbidden)] // two TMA roles: refused, not guessed
    public async Task Roles_sent_as_an_array_map_to_exactly_one_tma_role(string[] roles, HttpStatusCode expected)
    {
        using var client = host.Client();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", IdentityProviderHost.Issue(host.SigningKey, new Dictionary<string, object>
        {
            ["oid"] = "user-7",
            ["org"] = host.TenantA,
            ["roles"] = roles,
        }));

        using var response = await client.GetAsync("/v1/cases");

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task The_default_claim_names_no_longer_identify_the_caller_when_others_are_configured()
    {
        using var client = host.Client();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", IdentityProviderHost.Issue(host.SigningKey, new Dictionary<string, object>
        {
            ["sub"] = "user-7",
            ["tid"] = host.TenantA,
            ["role"] = "case_manager",
        }));

        using var response = await client.GetAsync("/v1/cases");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
