using Tma.CaseStore;

namespace Tma.Host;

/// <summary>The store caller of the current request.</summary>
internal static class HttpContextCaller
{
    public static Caller Caller(this HttpContext http) =>
        CallerClaims.From(http.User) ?? throw new IncompleteTokenException();
}

/// <summary>A valid token without the <c>sub</c>, <c>tid</c> and <c>role</c> claims the API needs.</summary>
internal sealed class IncompleteTokenException() : Exception("The token does not carry a user (sub), a tenant (tid) and a known role (role).");
