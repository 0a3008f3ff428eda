namespace Tma.CaseStore;

/// <summary>The part a person plays in a case (not a member of the team: a person the case is about or who knows something).</summary>
public enum PersonRole
{
    /// <summary>A person whose behaviour causes the concern. The case's subject is always one (see <see cref="CasePerson.IsCaseSubject"/>).</summary>
    PersonOfConcern = 1,

    /// <summary>A person threatened or otherwise affected (a possible target or victim).</summary>
    AffectedPerson = 2,

    /// <summary>A person who saw or heard something relevant.</summary>
    Witness = 3,

    /// <summary>The person who brought the concern to the team.</summary>
    Reporter = 4,

    /// <summary>Anyone else relevant to the case (e.g. a relative, a line manager).</summary>
    Other = 5,
}

/// <summary>A person to record on a case.</summary>
/// <param name="Role">Their part in the case.</param>
/// <param name="Reference">A pseudonymous reference (like the case's subject reference: a key the organisation resolves, not a name); encrypted.</param>
/// <param name="Note">An optional free-text note; encrypted.</param>
public sealed record NewCasePerson(PersonRole Role, string Reference, string? Note = null);

/// <summary>A person of a case, decrypted.</summary>
/// <param name="Id">The person entry's id; for the case's subject, the case id.</param>
/// <param name="CaseId">The case.</param>
/// <param name="Role">Their part in the case.</param>
/// <param name="Reference">The pseudonymous reference.</param>
/// <param name="Note">The note, if any.</param>
/// <param name="AddedBy">Who recorded them (for the subject: the case's owner at the time of reading).</param>
/// <param name="AddedAt">When (for the subject: when the case was opened).</param>
/// <param name="IsCaseSubject">True for the case's subject (<see cref="CaseRecord.SubjectReference"/>), listed first as a person of concern; it cannot be removed.</param>
public sealed record CasePerson(Guid Id, Guid CaseId, PersonRole Role, string Reference, string? Note, string AddedBy, DateTimeOffset AddedAt, bool IsCaseSubject);
