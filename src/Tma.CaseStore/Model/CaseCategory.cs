namespace Tma.CaseStore;

/// <summary>What kind of threat case it is.</summary>
public enum CaseCategory
{
    /// <summary>Threat of violence.</summary>
    Violence = 1,

    /// <summary>Bullying or harassment.</summary>
    Bullying = 2,

    /// <summary>Radicalisation or extremism.</summary>
    Radicalisation = 3,

    /// <summary>Stalking.</summary>
    Stalking = 4,

    /// <summary>A personal crisis (for example suicidality).</summary>
    Crisis = 5,

    /// <summary>Anything else.</summary>
    Other = 6,
}
