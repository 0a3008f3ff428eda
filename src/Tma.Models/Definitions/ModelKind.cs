namespace Tma.Models.Definitions;

/// <summary>What kind of scientific model a package holds.</summary>
public enum ModelKind
{
    /// <summary>Declarative indicator rules evaluated by the rule engine.</summary>
    Rules,

    /// <summary>A statistical risk classifier (ML.NET model file).</summary>
    Classifier,

    /// <summary>A combination of other packages.</summary>
    Composite,
}
