using Autograder.Core.Bank;
using Autograder.Core.Inputs;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Autograder.Web.Hosting;

/// <summary>RFC 9457 problems of the API: bad input names the request's fields; nothing else says more than it must.</summary>
public static class ApiErrors
{
    public static ValidationProblem BadInput(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, title: "The request has bad input.");

    public static ProblemHttpResult NotFound(string what) => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found.", detail: what);

    public static ProblemHttpResult Forbidden(string what) => TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden.", detail: what);

    public static ProblemHttpResult Conflict(string what) => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict.", detail: what);
}

/// <summary>A service's bad-input exception, thrown from inside a route, becomes a 400 naming the field; anything else a 500 without details.</summary>
internal sealed class ApiExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        var (field, message) = exception switch
        {
            BadInputException bad => (bad.Field, bad.Reason),
            BadHttpRequestException { InnerException: System.Text.Json.JsonException json } => (JsonField(json.Path), $"is not valid JSON: {json.Message}"),
            BadHttpRequestException bad => ("body", bad.Message),
            BankException bank => ("exam", bank.Message),
            _ => (null, null),
        };
        if (field is null) return false;
        http.Response.StatusCode = StatusCodes.Status400BadRequest;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = new Microsoft.AspNetCore.Http.HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [message!] })
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "The request has bad input.",
            },
            Exception = exception,
        });
    }

    private static string JsonField(string? path) =>
        path is null or "$" ? "body" : path.TrimStart('$', '.').Split('.', '[')[0] is { Length: > 0 } f ? f : "body";
}
