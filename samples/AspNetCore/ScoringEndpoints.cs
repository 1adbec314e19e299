using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ExpansionScoring.Extensions.DependencyInjection;
using ExpansionScoring.Serialization;
using Microsoft.Extensions.Options;

namespace ExpansionScoring.Samples.AspNetCore;

/// <summary>
/// <c>POST /score</c> and <c>POST /portfolio</c>. Each takes <c>application/json</c> (one account or an array, checked
/// whole before any answer) or <c>application/x-ndjson</c> (one account per line, read and answered one line at a
/// time); a batch is scored on one model even if the configuration reloads meanwhile.
/// </summary>
internal static class ScoringEndpoints
{
    private const string Ndjson = "application/x-ndjson";

    /// <summary>
    /// Scores one account (answers an object), an array (answers an array, written as it is scored) or NDJSON (answers
    /// one line per line: the result, or <c>{"line":3,"errors":{…}}</c> for a bad one).
    /// </summary>
    public static async Task<IResult> ScoreAsync(HttpContext http, string? asOf, IExpansionScorer scorer, AccountRequestReader reader)
    {
        var model = scorer.Model;
        if (!QueryValues.TryAsOf(asOf, scorer.Today, out var date, out var error)
            || !AccountRequestReader.TryGetFormat(http.Request, out var format, out error)
            || !reader.TryLimitBody(http.Request, format, out error))
        {
            return error!.ToResult();
        }

        var options = reader.SerializerOptions;
        var typeInfo = (JsonTypeInfo<ScoredAccount>)options.GetTypeInfo(typeof(ScoredAccount));
        var cancel = http.RequestAborted;
        if (format == BodyFormat.Ndjson)
        {
            await using var lines = new JsonStreamWriter(http.Response, Ndjson, options);
            await foreach (var line in reader.ReadNdjsonAsync(http.Request, model, cancel))
            {
                if (line.Account is { } account)
                {
                    JsonSerializer.Serialize(lines.Json, model.Explain(account, date), typeInfo);
                }
                else
                {
                    WriteLineErrors(lines.Json, line, options);
                }

                await lines.EndLineAsync(cancel);
            }

            return Results.Empty;
        }

        var (accounts, isBatch, problem) = await reader.ReadJsonAsync(http.Request, model);
        if (problem is not null)
        {
            return problem.ToResult();
        }

        if (!isBatch)
        {
            return Results.Json(model.Explain(accounts![0], date), typeInfo);
        }

        await using var array = new JsonStreamWriter(http.Response, "application/json; charset=utf-8", options);
        array.Json.WriteStartArray();
        foreach (var account in accounts!)
        {
            JsonSerializer.Serialize(array.Json, model.Explain(account, date), typeInfo);
            await array.EndItemAsync(cancel);
        }

        array.Json.WriteEndArray();
        return Results.Empty;
    }

    /// <summary>
    /// Summarises a book with the library's <see cref="Portfolio"/> (bands, windows, top offers, headline, report card),
    /// in the same JSON as <c>expansion-score portfolio --format json</c>. NDJSON books of any size are summed one line
    /// at a time; a bad line makes the answer a 400 listing the bad lines.
    /// </summary>
    public static async Task<IResult> PortfolioAsync(HttpContext http, string? asOf, string? top, IExpansionScorer scorer, AccountRequestReader reader, IOptions<ScoringServiceOptions> limits)
    {
        var model = scorer.Model;
        if (!QueryValues.TryAsOf(asOf, scorer.Today, out var date, out var error)
            || !QueryValues.TryTop(top, out int topN, out error)
            || !AccountRequestReader.TryGetFormat(http.Request, out var format, out error)
            || !reader.TryLimitBody(http.Request, format, out error))
        {
            return error!.ToResult();
        }

        var accumulator = new PortfolioAccumulator(model, date, new PortfolioOptions { TopN = topN });
        try
        {
            if (format == BodyFormat.Ndjson)
            {
                if (await SumLinesAsync(http, reader, model, accumulator, limits.Value.MaxListedErrors) is { } bad)
                {
                    return bad.ToResult();
                }
            }
            else
            {
                var (accounts, _, problem) = await reader.ReadJsonAsync(http.Request, model);
                if (problem is not null)
                {
                    return problem.ToResult();
                }

                foreach (var account in accounts!)
                {
                    accumulator.Add(account);
                }
            }
        }
        catch (OverflowException ex)
        {
            return ClientError.Of(StatusCodes.Status422UnprocessableEntity, "The book cannot be summed.", "$", ex.Message).ToResult();
        }

        var portfolio = accumulator.ToPortfolio();
        await using (var json = new JsonStreamWriter(http.Response, "application/json; charset=utf-8", reader.SerializerOptions))
        {
            ExpansionScoringJson.WritePortfolioSummary(json.Json, portfolio, reader.SerializerOptions);
        }

        return Results.Empty;
    }

    /// <summary>
    /// Compares two books, <c>{"before": [accounts…], "after": [accounts…]}</c>, with the library's
    /// <see cref="History.BookChanges"/>, answering the JSON of <c>expansion-score compare --format json</c>
    /// (<see cref="BookChangesJson"/>). The dates default like the tool's: <c>asOfAfter</c>, else <c>asOf</c>, else today;
    /// <c>asOfBefore</c>, else the after date. Only the accounts that changed are listed unless <c>all=true</c>.
    /// </summary>
    public static async Task<IResult> CompareAsync(HttpContext http, string? asOf, string? asOfAfter, string? asOfBefore, string? all, IExpansionScorer scorer, AccountRequestReader reader)
    {
        var model = scorer.Model;
        if (!QueryValues.TryAsOf(asOfAfter ?? asOf, scorer.Today, out var afterDate, out var error, asOfAfter is null ? "asOf" : "asOfAfter")
            || !QueryValues.TryAsOf(asOfBefore, afterDate, out var beforeDate, out error, "asOfBefore")
            || !QueryValues.TryFlag(all, "all", out bool listAll, out error)
            || !AccountRequestReader.TryGetFormat(http.Request, out var format, out error))
        {
            return error!.ToResult();
        }

        if (format != BodyFormat.Json)
        {
            return ClientError.Of(StatusCodes.Status415UnsupportedMediaType, "Unsupported content type.", "Content-Type", "Send application/json: {\"before\": [accounts…], \"after\": [accounts…]}.").ToResult();
        }

        if (!reader.TryLimitBody(http.Request, format, out error))
        {
            return error!.ToResult();
        }

        var (before, after, problem) = await reader.ReadCompareAsync(http.Request, model);
        if (problem is not null)
        {
            return problem.ToResult();
        }

        History.BookChanges changes;
        try
        {
            // The tool's compare: no next-band lifts, and only the accounts that changed unless asked for all.
            changes = History.BookChanges.Compare(
                History.BookSnapshot.Create(model, before!, beforeDate),
                History.BookSnapshot.Create(model, after!, afterDate),
                new History.HistoryOptions { IncludeNextBandLifts = false });
        }
        catch (OverflowException ex)
        {
            return ClientError.Of(StatusCodes.Status422UnprocessableEntity, "The books cannot be summed.", "$", ex.Message).ToResult();
        }

        return Results.Text(BookChangesJson.Serialize(listAll ? changes : changes.OnlyChangedAccounts()), "application/json; charset=utf-8");
    }

    private static async Task<ClientError?> SumLinesAsync(HttpContext http, AccountRequestReader reader, ScoringModel model, PortfolioAccumulator accumulator, int maxListed)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        long badLines = 0;
        int status = StatusCodes.Status400BadRequest;
        await foreach (var line in reader.ReadNdjsonAsync(http.Request, model, http.RequestAborted))
        {
            if (line.Account is { } account)
            {
                accumulator.Add(account);
                continue;
            }

            badLines++;
            if (line.FatalStatus != 0)
            {
                status = line.FatalStatus;
            }

            if (badLines <= maxListed)
            {
                foreach (var (path, messages) in line.Errors!)
                {
                    errors[path == "$" ? $"line {line.Line}" : $"line {line.Line}: {path}"] = messages;
                }
            }
        }

        if (badLines == 0)
        {
            return null;
        }

        if (badLines > maxListed)
        {
            errors["$"] = [$"{badLines} lines are bad; the first {maxListed} are listed."];
        }

        return new ClientError(status, "One or more lines are invalid.", errors);
    }

    private static void WriteLineErrors(Utf8JsonWriter w, NdjsonLine line, JsonSerializerOptions options)
    {
        w.WriteStartObject();
        w.WriteNumber(options.PropertyNamingPolicy?.ConvertName("Line") ?? "Line", line.Line);
        w.WriteStartObject(options.PropertyNamingPolicy?.ConvertName("Errors") ?? "Errors");
        foreach (var (path, messages) in line.Errors!)
        {
            w.WriteStartArray(path);
            foreach (string message in messages)
            {
                w.WriteStringValue(message);
            }

            w.WriteEndArray();
        }

        w.WriteEndObject();
        w.WriteEndObject();
    }
}
