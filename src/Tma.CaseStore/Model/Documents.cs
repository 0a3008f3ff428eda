namespace Tma.CaseStore;

/// <summary>A document to attach to a case; name, type and content are encrypted.</summary>
/// <param name="Name">The file name.</param>
/// <param name="ContentType">The media type, for example <c>application/pdf</c>.</param>
/// <param name="Content">The bytes (at most <see cref="CaseStoreOptions.MaxDocumentBytes"/>).</param>
public sealed record NewDocument(string Name, string ContentType, ReadOnlyMemory<byte> Content);

/// <summary>What is known about a stored document without its content.</summary>
/// <param name="Id">The document id.</param>
/// <param name="CaseId">The case.</param>
/// <param name="Name">The file name (decrypted).</param>
/// <param name="ContentType">The media type (decrypted).</param>
/// <param name="Size">The size of the plaintext in bytes.</param>
/// <param name="UploadedBy">Who uploaded it.</param>
/// <param name="UploadedAt">When (the store's clock).</param>
public sealed record DocumentInfo(Guid Id, Guid CaseId, string Name, string ContentType, long Size, string UploadedBy, DateTimeOffset UploadedAt);

/// <summary>A document with its decrypted content.</summary>
/// <param name="Info">The document's metadata.</param>
/// <param name="Content">The bytes.</param>
public sealed record StoredDocument(DocumentInfo Info, ReadOnlyMemory<byte> Content);
