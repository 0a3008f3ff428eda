using System.Security.Claims;
using Tma.CaseStore;

namespace Tma.Host;

/// <summary>Turns the authenticated principal into the store's <see cref="Caller"/>: user, tenant and role come from the token only.</summary>
internal static class CallerClaims
{
    /// <returns>The caller, or null when the token lacks the user or tenant, or carries no TMA role or more than one.</returns>
    public static Caller? From(ClaimsPrincipal user, ClaimMapping claims)
    {
        var subject = user.FindFirstValue(claims.User);
        var tenant = user.FindFirstValue(claims.Tenant);
        if (string.IsNullOrEmpty(subject) || !Caller.IsValidTenantId(tenant))
        {
            return null;
        }

        // Several TMA roles in one token would blur the separation the roles exist for (an auditor is not a case
        // manager): such a token is refused rather than resolved to either.
        CallerRole? found = null;
        foreach (var claim in user.FindAll(claims.Role))
        {
            if (claims.TryRole(claim.Value, out var role) && found != role)
            {
                if (found is not null)
                {
                    return null;
                }

                found = role;
            }
        }

        return found is { } single ? new Caller(subject, tenant!, single) : null;
    }

    /// <summary>The caller of a request, by the host's claim mapping.</summary>
    public static Caller? From(HttpContext http) => From(http.User, http.RequestServices.GetRequiredService<HostSettings>().Claims);
}
