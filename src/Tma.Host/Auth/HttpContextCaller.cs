using Tma.CaseStore;

namespace Tma.Host;

/// <summary>The store caller of the current request.</summary>
internal static class HttpContextCaller
{
    public static Caller Caller(this HttpContext http) =>
        CallerClaims.From(http) ?? throw new IncompleteTokenException();
}

/// <summary>A valid token without the user, tenant and single TMA role claims the API needs (by the claim mapping).</summary>
internal sealed class IncompleteTokenException() : Exception("The token does not carry a user, a tenant and exactly one known role (see Tma:Claims in docs/host-api.md).");
