using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace Tma.Host;

/// <summary>
/// Reads an uploaded document's name from its <c>Content-Disposition</c> request header (RFC 6266; <c>filename*</c> in
/// UTF-8 wins over <c>filename</c>), so that a name that may identify a person travels in a header, not in the URL.
/// </summary>
internal static class DocumentName
{
    /// <summary>The name, a problem for a header that cannot be read, or null when the request has no such header.</summary>
    public static (string? Name, ProblemHttpResult? Problem)? FromContentDisposition(StringValues header)
    {
        if (StringValues.IsNullOrEmpty(header))
        {
            return null;
        }

        if (header.Count > 1 || !ContentDispositionHeaderValue.TryParse(header.ToString(), out var disposition))
        {
            return (null, Invalid("the Content-Disposition header cannot be read; send `attachment; filename*=UTF-8''<percent-encoded name>`"));
        }

        var name = disposition.FileNameStar.HasValue ? disposition.FileNameStar.Value : HeaderUtilities.RemoveQuotes(disposition.FileName).Value;
        return string.IsNullOrWhiteSpace(name)
            ? (null, Invalid("the Content-Disposition header names no file (filename* or filename)"))
            : (name, null);
    }

    /// <summary>The problem for a missing or unreadable name, located at the field <c>name</c>.</summary>
    public static ProblemHttpResult Invalid(string message) =>
        Problems.Of(StatusCodes.Status400BadRequest, "invalid-input", "name: " + message, new Dictionary<string, object?> { ["errors"] = new[] { "name: " + message } });
}
