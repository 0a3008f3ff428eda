namespace Tma.CaseStore;

/// <summary>The part a member plays in a case (the experts a threat-management team involves).</summary>
public enum CaseMemberRole
{
    /// <summary>A case manager working the case.</summary>
    CaseManager = 1,

    /// <summary>A psychologist or psychiatrist.</summary>
    Psychologist = 2,

    /// <summary>Labour law.</summary>
    LabourLaw = 3,

    /// <summary>Human resources.</summary>
    HumanResources = 4,

    /// <summary>Compliance.</summary>
    Compliance = 5,

    /// <summary>Corporate security.</summary>
    Security = 6,

    /// <summary>Police liaison.</summary>
    Police = 7,

    /// <summary>Any other expert.</summary>
    Other = 8,
}
