using System.Buffers;
using System.IO.Pipelines;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using ExpansionScoring.Serialization;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using HttpJsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace ExpansionScoring.Samples.AspNetCore;

/// <summary>How a request body holds its accounts.</summary>
internal enum BodyFormat
{
    /// <summary><c>application/json</c>: one account (an object) or an array of accounts.</summary>
    Json,

    /// <summary><c>application/x-ndjson</c>: one account per line, read and answered one line at a time.</summary>
    Ndjson,
}

/// <summary>One line of an <c>application/x-ndjson</c> body: its account, or every bad field of it.</summary>
/// <param name="Line">The line number, from 1.</param>
/// <param name="Account">The account; <see langword="null"/> when the line is bad.</param>
/// <param name="Errors">Every bad field of the line; <see langword="null"/> when it is good.</param>
/// <param name="FatalStatus">The status (400, 413) when the body cannot be read past this line (a line or the body too large); 0 otherwise.</param>
internal readonly record struct NdjsonLine(long Line, Account? Account, IDictionary<string, string[]>? Errors, int FatalStatus = 0);

/// <summary>
/// Reads the accounts of a request within the <see cref="ScoringServiceOptions"/> limits, and turns every client
/// mistake into a <see cref="ClientError"/>: wrong content type, body too large, too deep, not JSON, duplicate keys,
/// bad fields, signals the model does not know, duplicate ids. Signal names are checked against the model before an
/// account is read, so a client cannot make the process remember names it sends.
/// </summary>
internal sealed class AccountRequestReader(IOptions<ScoringServiceOptions> limits, IOptions<HttpJsonOptions> json)
{
    private const string NdjsonType = "application/x-ndjson";

    private readonly ScoringServiceOptions limits = limits.Value;

    /// <summary>Gets the serializer options of the host (web naming plus the library's contract).</summary>
    public JsonSerializerOptions SerializerOptions { get; } = json.Value.SerializerOptions;

    private JsonDocumentOptions DocumentOptions => new()
    {
        MaxDepth = limits.MaxJsonDepth,
        AllowTrailingCommas = true,
        CommentHandling = JsonCommentHandling.Skip,
        AllowDuplicateProperties = false,
    };

    /// <summary>Tells JSON from NDJSON by the Content-Type header; anything else is a 415.</summary>
    public static bool TryGetFormat(HttpRequest request, out BodyFormat format, out ClientError? error)
    {
        format = BodyFormat.Json;
        error = null;
        if (request.HasJsonContentType())
        {
            return true;
        }

        if (MediaTypeHeaderValue.TryParse(request.ContentType, out var type)
            && (type.MediaType.Equals(NdjsonType, StringComparison.OrdinalIgnoreCase)
                || type.MediaType.Equals("application/jsonl", StringComparison.OrdinalIgnoreCase)))
        {
            format = BodyFormat.Ndjson;
            return true;
        }

        string was = string.IsNullOrEmpty(request.ContentType) ? "absent" : $"'{QueryValues.Shorten(request.ContentType)}'";
        error = ClientError.Of(
            StatusCodes.Status415UnsupportedMediaType,
            "Unsupported content type.",
            "Content-Type",
            $"Send application/json (one account or an array of accounts) or {NdjsonType} (one account per line); Content-Type was {was}.");
        return false;
    }

    /// <summary>
    /// Refuses a body whose Content-Length is over the format's limit before reading it, and tells the server (Kestrel)
    /// the limit plus <see cref="ScoringServiceOptions.MaxDrainBytes"/>: the service enforces the limit itself, and the
    /// server reads and discards up to that much more of a refused body, so that a client which sends its whole body
    /// before reading (no <c>Expect: 100-continue</c>) still gets the 413 instead of a broken connection.
    /// </summary>
    public bool TryLimitBody(HttpRequest request, BodyFormat format, out ClientError? error)
    {
        long? limit = format == BodyFormat.Json ? limits.MaxRequestBodyBytes : limits.MaxNdjsonBodyBytes;
        error = request.ContentLength > limit ? TooLarge(request.ContentLength.Value, limit.Value) : null;
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = limit + limits.MaxDrainBytes;
        }

        return error is null;
    }

    /// <summary>Reads an <c>application/json</c> body: every account valid, ids unique, or every problem listed.</summary>
    /// <returns>The accounts and whether the body was an array, or the error to answer.</returns>
    public async Task<(IReadOnlyList<Account>? Accounts, bool IsBatch, ClientError? Error)> ReadJsonAsync(HttpRequest request, ScoringModel model)
    {
        // The body is read whole (it is within the limit) so that its UTF-8 is checked before any name is decoded.
        byte[] bytes;
        try
        {
            await using var body = new LimitedStream(request.Body, limits.MaxRequestBodyBytes);
            bytes = await ReadAllAsync(body, request.ContentLength, request.HttpContext.RequestAborted);
        }
        catch (BadHttpRequestException ex)
        {
            return (null, false, FromBadRequest(ex));
        }
        catch (EndOfStreamException)
        {
            return (null, false, ClientError.Of(StatusCodes.Status400BadRequest, "The request could not be read.", "$", "The body ended before the length its Content-Length header announced."));
        }

        if (NotUtf8(bytes) is { } encoding)
        {
            return (null, false, encoding);
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes, DocumentOptions);
        }
        catch (JsonException ex)
        {
            return (null, false, NotJson(ex));
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object)
            {
                var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
                var account = ReadOne(root, string.Empty, model, errors);
                return account is null ? (null, false, Invalid(errors)) : ([account], false, null);
            }

            if (root.ValueKind != JsonValueKind.Array)
            {
                return (null, false, ClientError.Of(StatusCodes.Status400BadRequest, "The body is not an account.", "$", $"Send one account (a JSON object) or an array of accounts, was {root.ValueKind}."));
            }

            int count = root.GetArrayLength();
            if (count > limits.MaxAccountsPerBatch)
            {
                return (null, true, ClientError.Of(
                    StatusCodes.Status413PayloadTooLarge,
                    "Too many accounts in one batch.",
                    "$",
                    $"At most {limits.MaxAccountsPerBatch} accounts per application/json batch, was {count}; send larger books as {NdjsonType}, one account per line."));
            }

            return ReadArray(root, count, model);
        }
    }

    /// <summary>Reads a whole body: straight into one array of the announced length, else through a growing buffer.</summary>
    private static async Task<byte[]> ReadAllAsync(Stream body, long? length, CancellationToken cancellationToken)
    {
        if (length is { } known)
        {
            var bytes = new byte[known];
            await body.ReadExactlyAsync(bytes, cancellationToken);
            return bytes;
        }

        using var copy = new MemoryStream();
        await body.CopyToAsync(copy, cancellationToken);
        return copy.ToArray();
    }

    /// <summary>Reads an <c>application/x-ndjson</c> body one line at a time; blank lines are skipped.</summary>
    public async IAsyncEnumerable<NdjsonLine> ReadNdjsonAsync(HttpRequest request, ScoringModel model, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var reader = request.BodyReader;
        var ids = new Dictionary<string, long>(StringComparer.Ordinal);
        long line = 0;
        while (true)
        {
            var (result, error) = await TryReadAsync(reader, cancellationToken);
            if (error is not null)
            {
                yield return new NdjsonLine(line + 1, null, error.Errors, error.Status);
                yield break;
            }

            var buffer = result.Buffer;
            while (TrySplitLine(ref buffer, out var bytes))
            {
                line++;
                if (ReadLine(bytes, line, model, ids) is { } item)
                {
                    yield return item;
                }
            }

            if (buffer.Length > limits.MaxNdjsonLineBytes)
            {
                reader.AdvanceTo(buffer.End);
                yield return new NdjsonLine(line + 1, null, Errors("$", $"Line {line + 1} is longer than {limits.MaxNdjsonLineBytes} bytes; the rest of the body is not read."), StatusCodes.Status413PayloadTooLarge);
                yield break;
            }

            if (result.IsCompleted)
            {
                if (!buffer.IsEmpty && ReadLine(buffer, ++line, model, ids) is { } last)
                {
                    yield return last;
                }

                reader.AdvanceTo(buffer.End);
                yield break;
            }

            reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    private static async Task<(ReadResult Result, ClientError? Error)> TryReadAsync(PipeReader reader, CancellationToken cancellationToken)
    {
        try
        {
            return (await reader.ReadAsync(cancellationToken), null);
        }
        catch (BadHttpRequestException ex)
        {
            return (default, FromBadRequest(ex));
        }
    }

    private static bool TrySplitLine(ref ReadOnlySequence<byte> buffer, out ReadOnlySequence<byte> line)
    {
        if (buffer.PositionOf((byte)'\n') is not { } end)
        {
            line = default;
            return false;
        }

        line = buffer.Slice(0, end);
        buffer = buffer.Slice(buffer.GetPosition(1, end));
        return true;
    }

    private NdjsonLine? ReadLine(ReadOnlySequence<byte> bytes, long line, ScoringModel model, Dictionary<string, long> ids)
    {
        if (IsBlank(bytes))
        {
            return null;
        }

        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var memory = bytes.IsSingleSegment ? bytes.First : bytes.ToArray();
        if (NotUtf8(memory.Span) is { } encoding)
        {
            return new NdjsonLine(line, null, encoding.Errors);
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(memory, DocumentOptions);
        }
        catch (JsonException ex)
        {
            return new NdjsonLine(line, null, NotJson(ex).Errors);
        }

        using (document)
        {
            var account = ReadOne(document.RootElement, string.Empty, model, errors);
            if (account is not null && !ids.TryAdd(account.Id, line))
            {
                errors[IdField] = [$"Duplicate id '{QueryValues.Shorten(account.Id)}': line {ids[account.Id]} has it too. Each account must appear once."];
                account = null;
            }

            return new NdjsonLine(line, account, account is null ? errors : null);
        }
    }

    private static bool IsBlank(ReadOnlySequence<byte> bytes)
    {
        foreach (var segment in bytes)
        {
            foreach (byte b in segment.Span)
            {
                if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r'))
                {
                    return false;
                }
            }
        }

        return true;
    }

    private (IReadOnlyList<Account>? Accounts, bool IsBatch, ClientError? Error) ReadArray(JsonElement root, int count, ScoringModel model)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var accounts = new List<Account>(count);
        var firstAt = new Dictionary<string, int>(count, StringComparer.Ordinal);
        int index = 0;
        foreach (var item in root.EnumerateArray())
        {
            string at = $"[{index}]";
            if (ReadOne(item, at, model, errors) is { } account)
            {
                if (firstAt.TryAdd(account.Id, index))
                {
                    accounts.Add(account);
                }
                else
                {
                    errors[$"{at}.{IdField}"] = [$"Duplicate id '{QueryValues.Shorten(account.Id)}': [{firstAt[account.Id]}] has it too. Each account must appear once."];
                }
            }

            index++;
        }

        return errors.Count == 0 ? (accounts, true, null) : (null, true, Invalid(errors));
    }

    private string IdField => SerializerOptions.PropertyNamingPolicy?.ConvertName(nameof(Account.Id)) ?? nameof(Account.Id);

    /// <summary>Reads one account at <paramref name="at"/>, adding its errors (paths prefixed by <paramref name="at"/>).</summary>
    private Account? ReadOne(JsonElement element, string at, ScoringModel model, Dictionary<string, string[]> errors)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            errors[at.Length == 0 ? "$" : at] = [$"Expected an account (a JSON object), was {element.ValueKind}."];
            return null;
        }

        if (!KnownSignals(element, at, model, errors))
        {
            return null;
        }

        if (ExpansionScoringJson.TryReadAccounts(element, out var accounts, out var found, SerializerOptions))
        {
            return accounts[0];
        }

        foreach (var (path, messages) in found)
        {
            errors[at.Length == 0 ? path : path == "$" ? at : $"{at}.{path}"] = messages;
        }

        return null;
    }

    /// <summary>Checks every signal name of an account against the model, without creating a key for an unknown one.</summary>
    private static bool KnownSignals(JsonElement account, string at, ScoringModel model, Dictionary<string, string[]> errors)
    {
        bool known = true;
        foreach (var property in account.EnumerateObject())
        {
            if (!property.Name.Equals(nameof(Account.Signals), StringComparison.OrdinalIgnoreCase) || property.Value.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            foreach (var signal in property.Value.EnumerateObject())
            {
                if (!model.Signals.Any(s => s.Name.Equals(signal.Name, StringComparison.OrdinalIgnoreCase)))
                {
                    string path = $"{property.Name}.{signal.Name}";
                    errors[at.Length == 0 ? path : $"{at}.{path}"] =
                        [$"Unknown signal '{QueryValues.Shorten(signal.Name)}'; this model knows {string.Join(", ", model.Signals.Select(s => s.Name))}."];
                    known = false;
                }
            }
        }

        return known;
    }

    private static ClientError TooLarge(long length, long limit)
        => ClientError.Of(StatusCodes.Status413PayloadTooLarge, "The body is too large.", "$", $"The body has {length} bytes; the limit is {limit}. Send larger books as {NdjsonType}, one account per line.");

    private static ClientError FromBadRequest(BadHttpRequestException ex)
        => ClientError.Of(ex.StatusCode, ex.StatusCode == StatusCodes.Status413PayloadTooLarge ? "The body is too large." : "The request could not be read.", "$", ex.Message);

    /// <summary>Finds the first byte that is not UTF-8, which a JSON reader would otherwise only meet when decoding a name.</summary>
    private static ClientError? NotUtf8(ReadOnlySpan<byte> bytes)
    {
        if (Utf8.IsValid(bytes))
        {
            return null;
        }

        int at = 0;
        while (Rune.DecodeFromUtf8(bytes[at..], out _, out int used) == OperationStatus.Done)
        {
            at += used;
        }

        return ClientError.Of(StatusCodes.Status400BadRequest, "The body is not valid UTF-8.", "$", $"The body is not valid UTF-8: byte {at} (0x{bytes[at]:X2}) starts no UTF-8 character.");
    }

    private static ClientError NotJson(JsonException ex)
        => ClientError.Of(StatusCodes.Status400BadRequest, "The body is not valid JSON.", "$", $"The body is not valid JSON: {ex.Message}");

    private static ClientError Invalid(IDictionary<string, string[]> errors) => new(StatusCodes.Status400BadRequest, "One or more accounts are invalid.", errors);

    private static Dictionary<string, string[]> Errors(string field, string message) => new(StringComparer.Ordinal) { [field] = [message] };
}
