using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Tma.CaseStore;
using Tma.Models.Diagnostics;
using Tma.Scoring;

namespace Tma.Host;

/// <summary>
/// RFC 9457 problem details with a stable <c>code</c> and a human message. Never a stack trace, never case content:
/// the store's exception messages are written to be safe to show.
/// </summary>
internal static class Problems
{
    public static ProblemHttpResult Of(int status, string code, string detail, IDictionary<string, object?>? extensions = null)
    {
        var problem = new ProblemDetails
        {
            Status = status,
            Title = Title(status),
            Detail = detail,
            Type = $"https://tma.invalid/problems/{code}",
        };
        problem.Extensions["code"] = code;
        if (extensions is not null)
        {
            foreach (var (key, value) in extensions)
            {
                problem.Extensions[key] = value;
            }
        }

        return TypedResults.Problem(problem);
    }

    public static ProblemHttpResult From(Exception exception) => exception switch
    {
        CaseStoreAccessDeniedException e => Of(StatusCodes.Status403Forbidden, e.Code, e.Message),
        CaseStoreNotFoundException e => Of(StatusCodes.Status404NotFound, e.Code, e.Message),
        TenantNotFoundException e => Of(StatusCodes.Status404NotFound, e.Code, e.Message),
        ConcurrencyConflictException e => Of(StatusCodes.Status409Conflict, e.Code, e.Message, new Dictionary<string, object?> { ["actualVersion"] = e.ActualVersion }),
        CaseStateException e => Of(StatusCodes.Status409Conflict, e.Code, e.Message),
        ContentUnavailableException e => Of(StatusCodes.Status410Gone, e.Code, e.Message),
        CaseStoreRuleException e => Of(StatusCodes.Status422UnprocessableEntity, e.Code, e.Message, new Dictionary<string, object?> { ["field"] = e.Field, ["errors"] = new[] { e.Message } }),
        CaseStoreValidationException e => Of(StatusCodes.Status400BadRequest, e.Code, e.Message, new Dictionary<string, object?> { ["errors"] = e.Problems }),
        InvalidCaseException e => Of(StatusCodes.Status422UnprocessableEntity, "case-does-not-fit-model", "The case's observations do not fit the model.", new Dictionary<string, object?> { ["errors"] = e.Diagnostics.Where(d => d.Severity == Severity.Error).Select(d => d.Message).ToArray() }),
        ModelNotAvailableException e => Of(StatusCodes.Status404NotFound, "model-not-found", e.Message),
        _ => Of(StatusCodes.Status500InternalServerError, "internal-error", "An internal error occurred; it has been logged without case data."),
    };

    private static string Title(int status) => status switch
    {
        400 => "Bad request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not found",
        409 => "Conflict",
        410 => "Gone",
        413 => "Payload too large",
        415 => "Unsupported media type",
        422 => "Unprocessable content",
        429 => "Too many requests",
        _ => "Error",
    };
}
