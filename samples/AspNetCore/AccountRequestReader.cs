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
        var (document, error) = await ReadDocumentAsync(request);
        if (document is null)
        {
            return (null, false, error);
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

            if (TooMany(root, "$") is { } tooMany)
            {
                return (null, true, tooMany);
            }

            var read = new Dictionary<string, string[]>(StringComparer.Ordinal);
            var accounts = ReadArray(root, string.Empty, model, read);
            return read.Count == 0 ? (accounts, true, null) : (null, true, Invalid(read));
        }
    }

    /// <summary>
    /// Reads the <c>application/json</c> body of <c>/compare</c>, <c>{"before": [accounts…], "after": [accounts…]}</c>:
    /// each side read like a batch of <c>/score</c> (ids unique within a side, signals known, at most
    /// <see cref="ScoringServiceOptions.MaxAccountsPerBatch"/> accounts), errors named by side (<c>before[2].id</c>).
    /// </summary>
    /// <returns>Both books, or the error to answer.</returns>
    public async Task<(IReadOnlyList<Account>? Before, IReadOnlyList<Account>? After, ClientError? Error)> ReadCompareAsync(HttpRequest request, ScoringModel model)
    {
        var (document, error) = await ReadDocumentAsync(request);
        if (document is null)
        {
            return (null, null, error);
        }

        using (document)
        {
            var root = document.RootElement;
            string beforeName = SideName("Before"), afterName = SideName("After");
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (null, null, ClientError.Of(StatusCodes.Status400BadRequest, "The body is not two books.", "$", $"Send {{\"{beforeName}\": [accounts…], \"{afterName}\": [accounts…]}}, was {root.ValueKind}."));
            }

            var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
            JsonElement? before = null, after = null;
            foreach (var property in root.EnumerateObject())
            {
                if (property.Name.Equals(beforeName, StringComparison.OrdinalIgnoreCase))
                {
                    before = property.Value;
                }
                else if (property.Name.Equals(afterName, StringComparison.OrdinalIgnoreCase))
                {
                    after = property.Value;
                }
                else
                {
                    errors[QueryValues.Shorten(property.Name)] = [$"Unknown field; the body has two: {beforeName} and {afterName}, each an array of accounts."];
                }
            }

            bool tooMany = false;
            var beforeBook = ReadSide(before, beforeName, model, errors, ref tooMany);
            var afterBook = ReadSide(after, afterName, model, errors, ref tooMany);
            if (errors.Count > 0)
            {
                return (null, null, tooMany
                    ? new ClientError(StatusCodes.Status413PayloadTooLarge, "Too many accounts in one batch.", errors)
                    : Invalid(errors));
            }

            return (beforeBook, afterBook, null);
        }
    }

    private string SideName(string name) => SerializerOptions.PropertyNamingPolicy?.ConvertName(name) ?? name;

    private List<Account>? ReadSide(JsonElement? side, string name, ScoringModel model, Dictionary<string, string[]> errors, ref bool tooMany)
    {
        if (side is not { } value)
        {
            errors[name] = ["Required: an array of accounts (empty for an empty book)."];
            return null;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            errors[name] = [$"Expected an array of accounts, was {value.ValueKind}."];
            return null;
        }

        if (TooMany(value, name) is { } refused)
        {
            foreach (var (path, messages) in refused.Errors)
            {
                errors[path] = messages;
            }

            tooMany = true;
            return null;
        }

        return ReadArray(value, name, model, errors);
    }

    /// <summary>Refuses an array of more than <see cref="ScoringServiceOptions.MaxAccountsPerBatch"/> accounts.</summary>
    private ClientError? TooMany(JsonElement array, string field)
    {
        int count = array.GetArrayLength();
        return count <= limits.MaxAccountsPerBatch ? null : ClientError.Of(
            StatusCodes.Status413PayloadTooLarge,
            "Too many accounts in one batch.",
            field,
            $"At most {limits.MaxAccountsPerBatch} accounts per application/json batch, was {count}; send larger books as {NdjsonType}, one account per line.");
    }

    /// <summary>Reads an <c>application/json</c> body whole within the limit, checks its UTF-8 and parses it within the depth limit.</summary>
    private async Task<(JsonDocument? Document, ClientError? Error)> ReadDocumentAsync(HttpRequest request)
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
            return (null, FromBadRequest(ex));
        }
        catch (EndOfStreamException)
        {
            return (null, ClientError.Of(StatusCodes.Status400BadRequest, "The request could not be read.", "$", "The body ended before the length its Content-Length header announced."));
        }

        if (NotUtf8(bytes) is { } encoding)
        {
            return (null, encoding);
        }

        try
        {
            return (JsonDocument.Parse(bytes, DocumentOptions), null);
        }
        catch (JsonException ex)
        {
            return (null, NotJson(ex));
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
        // Ids are remembered as 64-bit hashes beside their line (about 24 bytes an account, not the id itself), so
        // that a book of millions stays small; two ids share a hash with a probability near n² / 2⁶⁵.
        var ids = new Dictionary<ulong, long>();
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

    private NdjsonLine? ReadLine(ReadOnlySequence<byte> bytes, long line, ScoringModel model, Dictionary<ulong, long> ids)
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
            if (account is not null && !ids.TryAdd(IdHash(account.Id), line))
            {
                errors[IdField] = [$"Duplicate id '{QueryValues.Shorten(account.Id)}': line {ids[IdHash(account.Id)]} has it too. Each account must appear once."];
                account = null;
            }

            return new NdjsonLine(line, account, account is null ? errors : null);
        }
    }

    /// <summary>FNV-1a over the id's UTF-16 code units: 64 bits, the same in every process.</summary>
    private static ulong IdHash(string id)
    {
        ulong hash = 14695981039346656037;
        foreach (char c in id)
        {
            hash = (hash ^ c) * 1099511628211;
        }

        return hash;
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

    /// <summary>Reads an array of accounts, ids unique within it, adding errors at <c>{prefix}[i]</c>; the accounts read (all of them only when no error was added).</summary>
    private List<Account> ReadArray(JsonElement array, string prefix, ScoringModel model, Dictionary<string, string[]> errors)
    {
        int count = array.GetArrayLength();
        var accounts = new List<Account>(count);
        var firstAt = new Dictionary<string, int>(count, StringComparer.Ordinal);
        int index = 0;
        foreach (var item in array.EnumerateArray())
        {
            string at = $"{prefix}[{index}]";
            if (ReadOne(item, at, model, errors) is { } account)
            {
                if (firstAt.TryAdd(account.Id, index))
                {
                    accounts.Add(account);
                }
                else
                {
                    errors[$"{at}.{IdField}"] = [$"Duplicate id '{QueryValues.Shorten(account.Id)}': {prefix}[{firstAt[account.Id]}] has it too. Each account must appear once."];
                }
            }

            index++;
        }

        return accounts;
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
