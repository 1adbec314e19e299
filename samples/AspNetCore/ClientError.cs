namespace ExpansionScoring.Samples.AspNetCore;

/// <summary>
/// A request the client got wrong: its status (400, 413, 415, 422) and every bad field with why, answered as RFC 7807
/// problem details. Never logged at error level: it is the client's mistake, not the server's.
/// </summary>
/// <param name="Status">The HTTP status code.</param>
/// <param name="Title">One line saying what is wrong.</param>
/// <param name="Errors">Every bad field (a JSON path, a query parameter or a header) with why.</param>
internal sealed record ClientError(int Status, string Title, IDictionary<string, string[]> Errors)
{
    /// <summary>Makes an error about one field.</summary>
    public static ClientError Of(int status, string title, string field, string message)
        => new(status, title, new Dictionary<string, string[]>(StringComparer.Ordinal) { [field] = [message] });

    /// <summary>Gets the problem-details answer.</summary>
    public IResult ToResult() => Results.ValidationProblem(Errors, title: Title, statusCode: Status);
}
