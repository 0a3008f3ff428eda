namespace Tma.CaseStore;

/// <summary>The role a caller acts in. The store checks it on every call (see docs/case-store.md, roles matrix).</summary>
public enum CallerRole
{
    /// <summary>Runs cases: creates them, changes their status, owner, members and retention, reads and writes all content of every case of the tenant, records decisions.</summary>
    CaseManager = 1,

    /// <summary>A specialist (psychologist, labour law, security…): reads and adds content only on cases they are a member of.</summary>
    Expert = 2,

    /// <summary>Reads and verifies the audit trail; never sees case content.</summary>
    Auditor = 3,

    /// <summary>Runs the anonymized export; nothing else.</summary>
    Researcher = 4,

    /// <summary>Sets up the tenant and manages keys (rotation, crypto-shredding); never sees case content.</summary>
    Administrator = 5,
}
