using System.Security.Claims;
using Tma.CaseStore;

namespace Tma.Host;

/// <summary>Turns the authenticated principal into the store's <see cref="Caller"/>: user, tenant and role come from the token only.</summary>
internal static class CallerClaims
{
    public static Caller? From(ClaimsPrincipal user)
    {
        var subject = user.FindFirstValue("sub");
        var tenant = user.FindFirstValue(TokenIssuer.TenantClaim);
        var roleName = user.FindFirstValue(TokenIssuer.RoleClaim);
        if (string.IsNullOrEmpty(subject) || !Caller.IsValidTenantId(tenant) || !TokenIssuer.TryParseRole(roleName, out var role))
        {
            return null;
        }

        return new Caller(subject, tenant!, role);
    }
}
