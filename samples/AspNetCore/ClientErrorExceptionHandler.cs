using Microsoft.AspNetCore.Diagnostics;

namespace ExpansionScoring.Samples.AspNetCore;

/// <summary>
/// Answers a <see cref="BadHttpRequestException"/> that escapes an endpoint (a body over Kestrel's limit, a query value
/// the framework could not bind) with problem details carrying its own status code (413, 400, …) instead of a 500,
/// and logs it at debug level: it is the client's mistake. Any other exception is a bug and is left to the default
/// handler (a 500 without details, logged at error level).
/// </summary>
internal sealed class ClientErrorExceptionHandler(IProblemDetailsService problems, ILogger<ClientErrorExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad)
        {
            return false;
        }

        logger.LogDebug("Client error {StatusCode}: {Message}", bad.StatusCode, bad.Message);
        httpContext.Response.StatusCode = bad.StatusCode;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails =
            {
                Status = bad.StatusCode,
                Title = bad.StatusCode == StatusCodes.Status413PayloadTooLarge ? "The body is too large." : "The request could not be read.",
                Detail = bad.Message,
            },
        });
    }
}
