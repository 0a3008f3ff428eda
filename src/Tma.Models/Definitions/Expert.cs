namespace Tma.Models.Definitions;

/// <summary>Professions a threat-management team involves in defusion.</summary>
public enum Expert
{
    /// <summary>Employment / labour-law counsel.</summary>
    LabourLaw,

    /// <summary>Human resources.</summary>
    HumanResources,

    /// <summary>Compliance office.</summary>
    Compliance,

    /// <summary>Psychologist or psychiatrist.</summary>
    Psychologist,

    /// <summary>Corporate security.</summary>
    Security,

    /// <summary>Police.</summary>
    Police,

    /// <summary>Occupational physician or other medical service.</summary>
    Medical,

    /// <summary>Data-protection officer.</summary>
    DataProtection,

    /// <summary>Line management.</summary>
    Management,

    /// <summary>Works council.</summary>
    WorksCouncil,
}
