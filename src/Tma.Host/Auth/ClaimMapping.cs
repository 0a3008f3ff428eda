using Tma.CaseStore;

namespace Tma.Host;

/// <summary>
/// Which token claims name the user, the tenant and the role (keys <c>Tma:Claims:User</c>, <c>:Tenant</c>,
/// <c>:Role</c>), and which identity-provider role values stand for which TMA role (<c>Tma:Claims:Roles:case_manager</c>
/// = <c>TMA.CaseManager</c>, …). Identity providers commonly send roles as an array (<c>"roles": ["a", "b"]</c>); each
/// element is one claim, and exactly one of them must be a TMA role.
/// </summary>
public sealed record ClaimMapping
{
    /// <summary>The claim with the user id (default <c>sub</c>).</summary>
    public string User { get; init; } = "sub";

    /// <summary>The claim with the tenant id (default <c>tid</c>).</summary>
    public string Tenant { get; init; } = TokenIssuer.TenantClaim;

    /// <summary>The claim with the role or roles (default <c>role</c>; e.g. <c>roles</c> for Entra ID, Keycloak).</summary>
    public string Role { get; init; } = TokenIssuer.RoleClaim;

    /// <summary>Identity-provider role value → TMA role; the TMA role names themselves always count.</summary>
    public IReadOnlyDictionary<string, CallerRole> RoleValues { get; init; } = new Dictionary<string, CallerRole>(StringComparer.Ordinal);

    /// <summary>Names under <c>Tma:Claims:Roles</c> that are not TMA roles (reported at start-up).</summary>
    public IReadOnlyList<string> UnknownRoles { get; init; } = [];

    /// <summary>The TMA role of a role value, if it is one.</summary>
    public bool TryRole(string value, out CallerRole role) =>
        RoleValues.TryGetValue(value, out role) || TokenIssuer.TryParseRole(value, out role);
}
