using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Tma.CaseStore;

namespace Tma.Host;

/// <summary>
/// Issues and describes the bearer tokens of local development and tests (<c>tma token</c>): ES256 (ECDSA P-256)
/// JWTs with the caller's user id (<c>sub</c>), tenant (<c>tid</c>) and role (<c>role</c>). Production deployments use
/// an OIDC authority that puts the same three claims into its tokens.
/// </summary>
public static class TokenIssuer
{
    /// <summary>Issuer of local tokens.</summary>
    public const string DefaultIssuer = "tma-local";

    /// <summary>Audience of the API.</summary>
    public const string DefaultAudience = "tma-api";

    /// <summary>Claim carrying the tenant id.</summary>
    public const string TenantClaim = "tid";

    /// <summary>Claim carrying the role.</summary>
    public const string RoleClaim = "role";

    private static readonly Dictionary<string, CallerRole> Roles = new(StringComparer.Ordinal)
    {
        ["case_manager"] = CallerRole.CaseManager,
        ["expert"] = CallerRole.Expert,
        ["auditor"] = CallerRole.Auditor,
        ["researcher"] = CallerRole.Researcher,
        ["administrator"] = CallerRole.Administrator,
    };

    /// <summary>The role names used in tokens.</summary>
    public static IReadOnlyCollection<string> RoleNames => Roles.Keys;

    /// <summary>Parses a role name from a token.</summary>
    public static bool TryParseRole(string? name, out CallerRole role) => Roles.TryGetValue(name ?? "", out role);

    /// <summary>The token name of a role.</summary>
    public static string RoleName(CallerRole role) => Roles.First(r => r.Value == role).Key;

    /// <summary>Creates a new ECDSA P-256 key and returns it as PKCS#8 PEM.</summary>
    public static string NewSigningKeyPem()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return key.ExportPkcs8PrivateKeyPem();
    }

    /// <summary>Loads a signing key (private, PKCS#8) or a validation key (public, SubjectPublicKeyInfo) from PEM.</summary>
    public static ECDsaSecurityKey LoadKey(string pem)
    {
        var ecdsa = ECDsa.Create();
        ecdsa.ImportFromPem(pem);
        return new ECDsaSecurityKey(ecdsa) { KeyId = KeyId(ecdsa) };
    }

    /// <summary>Issues a token for <paramref name="caller"/> valid from <paramref name="now"/> for <paramref name="lifetime"/>.</summary>
    public static string Issue(ECDsaSecurityKey signingKey, Caller caller, DateTimeOffset now, TimeSpan lifetime, string issuer = DefaultIssuer, string audience = DefaultAudience)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = now.Add(lifetime).UtcDateTime,
            Claims = new Dictionary<string, object>
            {
                ["sub"] = caller.UserId,
                [TenantClaim] = caller.TenantId,
                [RoleClaim] = RoleName(caller.Role),
            },
            SigningCredentials = new SigningCredentials(signingKey, SecurityAlgorithms.EcdsaSha256),
        };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }

    private static string KeyId(ECDsa key) =>
        Convert.ToHexStringLower(SHA256.HashData(key.ExportSubjectPublicKeyInfo()))[..16];
}
