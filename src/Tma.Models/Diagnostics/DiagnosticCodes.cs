namespace Tma.Models.Diagnostics;

/// <summary>Stable diagnostic codes; docs/model-format.md lists them with examples.</summary>
public static class DiagnosticCodes
{
    /// <summary>The file does not exist.</summary>
    public const string FileNotFound = "TMA0001";

    /// <summary>The file is larger than allowed.</summary>
    public const string FileTooLarge = "TMA0002";

    /// <summary>YAML syntax error.</summary>
    public const string YamlSyntax = "TMA0003";

    /// <summary>YAML anchors or aliases are used.</summary>
    public const string YamlAlias = "TMA0004";

    /// <summary>The YAML document is nested too deeply.</summary>
    public const string YamlTooDeep = "TMA0005";

    /// <summary>A key appears twice in one mapping.</summary>
    public const string DuplicateKey = "TMA0006";

    /// <summary>The file exists but cannot be read (permissions, a folder of that name, an I/O error).</summary>
    public const string FileUnreadable = "TMA0007";

    /// <summary>A key that the format does not know.</summary>
    public const string UnknownKey = "TMA0010";

    /// <summary>A required field is missing.</summary>
    public const string MissingField = "TMA0011";

    /// <summary>A field has the wrong type or shape.</summary>
    public const string WrongType = "TMA0012";

    /// <summary>A value is not one of the allowed values or outside its range.</summary>
    public const string InvalidValue = "TMA0013";

    /// <summary>An id is declared twice.</summary>
    public const string DuplicateId = "TMA0020";

    /// <summary>An id does not follow the naming rule.</summary>
    public const string InvalidId = "TMA0021";

    /// <summary>A reference to an id that is not declared.</summary>
    public const string UnknownReference = "TMA0022";

    /// <summary>Ids reference each other in a cycle.</summary>
    public const string Cycle = "TMA0023";

    /// <summary>An error in a condition or score expression.</summary>
    public const string Expression = "TMA0030";

    /// <summary>Bands overlap, leave gaps, or are out of order.</summary>
    public const string Bands = "TMA0040";

    /// <summary>Something declared is never used.</summary>
    public const string Unused = "TMA0050";

    /// <summary>An artifact file (a classifier's model file) does not have the SHA-256 the package declares.</summary>
    public const string HashMismatch = "TMA0060";

    /// <summary>A classifier's model file does not take the feature vector its package declares.</summary>
    public const string SchemaMismatch = "TMA0061";

    /// <summary>A composite's component cannot be resolved or combined (no matching package, incompatible levels or inputs).</summary>
    public const string Component = "TMA0062";

    /// <summary>The model's kind is valid but the application has no compiler for it (a kind package is not referenced).</summary>
    public const string KindNotInstalled = "TMA0063";

    /// <summary>A text is missing in one of the model's languages, or names a language the model does not declare.</summary>
    public const string MissingTranslation = "TMA0070";

    /// <summary>A case value is invalid for its input.</summary>
    public const string CaseValue = "TMA0100";

    /// <summary>A case names an input the model does not declare.</summary>
    public const string CaseUnknownInput = "TMA0101";
}
