using System.Text.RegularExpressions;

namespace Tma.CaseStore;

/// <summary>
/// Who is calling: an authenticated user (authentication is the host's job), the tenant they act for and the
/// role they act in. Every store operation takes one; every query is filtered by <see cref="TenantId"/>.
/// </summary>
/// <param name="UserId">An opaque, stable identifier of the user (not a name or e-mail address: it is stored in clear in the audit trail).</param>
/// <param name="TenantId">The tenant: 1–64 characters, letters, digits, '.', '_' or '-', starting with a letter or digit.</param>
/// <param name="Role">The role the user acts in.</param>
public sealed partial record Caller(string UserId, string TenantId, CallerRole Role)
{
    internal const int MaxUserIdLength = 128;

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex TenantIdPattern();

    /// <summary>Whether <paramref name="tenantId"/> is a well-formed tenant identifier.</summary>
    /// <param name="tenantId">The candidate identifier.</param>
    /// <returns><see langword="true"/> when it can be used as a tenant id.</returns>
    public static bool IsValidTenantId(string? tenantId) => tenantId is not null && TenantIdPattern().IsMatch(tenantId);

    internal void Validate()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(UserId) || UserId.Length > MaxUserIdLength || UserId.Any(char.IsControl))
        {
            problems.Add("caller.userId: required, at most 128 characters, no control characters");
        }

        if (!IsValidTenantId(TenantId))
        {
            problems.Add("caller.tenantId: 1-64 characters of letters, digits, '.', '_' or '-'");
        }

        if (!Enum.IsDefined(Role))
        {
            problems.Add("caller.role: not a known role");
        }

        if (problems.Count > 0)
        {
            throw new CaseStoreValidationException(problems);
        }
    }
}
