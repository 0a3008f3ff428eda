namespace Tma.CaseStore;

/// <summary>
/// A note to the other members of a case's team. Notes are append-only: never edited or deleted. A correction is a new
/// note whose <paramref name="ReplyTo"/> names the note it corrects (and says so in its text).
/// </summary>
/// <param name="Text">The note (encrypted).</param>
/// <param name="ReplyTo">The note of the same case it answers or corrects, if any.</param>
public sealed record NewCaseNote(string Text, Guid? ReplyTo = null);

/// <summary>A stored note.</summary>
/// <param name="Id">The note id.</param>
/// <param name="CaseId">The case.</param>
/// <param name="Text">The note (decrypted).</param>
/// <param name="ReplyTo">The note it answers or corrects, if any.</param>
/// <param name="AuthorId">Who wrote it.</param>
/// <param name="WrittenAt">When (the store's clock).</param>
public sealed record CaseNote(Guid Id, Guid CaseId, string Text, Guid? ReplyTo, string AuthorId, DateTimeOffset WrittenAt);
