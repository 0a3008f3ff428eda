namespace Tma.Scoring.Assessments;

/// <summary>The notice every assessment carries: the output supports a professional's judgement and never replaces it.</summary>
public static class AdvisoryNotice
{
    /// <summary>The notice text.</summary>
    public const string Text =
        "Advisory only: this assessment supports, and does not replace, the judgement of a qualified threat-management professional. " +
        "A person decides, and the decision, its rationale and whether it followed the model are recorded (EU AI Act Art. 14; GDPR Art. 22).";
}
