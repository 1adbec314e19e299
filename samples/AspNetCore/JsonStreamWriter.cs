using System.Buffers;
using System.IO.Pipelines;
using System.Text.Json;

namespace ExpansionScoring.Samples.AspNetCore;

/// <summary>
/// Writes JSON straight into the response pipe and hands it to the client every 32 KiB, so a large answer is never
/// held whole in memory.
/// </summary>
internal sealed class JsonStreamWriter : IAsyncDisposable
{
    private const int FlushEvery = 32 * 1024;
    private readonly PipeWriter pipe;

    public JsonStreamWriter(HttpResponse response, string contentType, JsonSerializerOptions options)
    {
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = contentType;
        pipe = response.BodyWriter;
        Json = new Utf8JsonWriter(pipe, new JsonWriterOptions { Encoder = options.Encoder, SkipValidation = true });
    }

    /// <summary>Gets the writer of the current value.</summary>
    public Utf8JsonWriter Json { get; }

    /// <summary>Ends a value of a JSON array, sending what is written when enough has gathered.</summary>
    public ValueTask EndItemAsync(CancellationToken cancellationToken)
    {
        Json.Flush();
        return pipe.UnflushedBytes >= FlushEvery ? FlushAsync(cancellationToken) : ValueTask.CompletedTask;
    }

    /// <summary>Ends a line of NDJSON, sending what is written when enough has gathered.</summary>
    public ValueTask EndLineAsync(CancellationToken cancellationToken)
    {
        Json.Flush();
        pipe.Write("\n"u8);
        Json.Reset();
        return pipe.UnflushedBytes >= FlushEvery ? FlushAsync(cancellationToken) : ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        Json.Flush();
        await Json.DisposeAsync();
        await pipe.FlushAsync();
    }

    private async ValueTask FlushAsync(CancellationToken cancellationToken) => await pipe.FlushAsync(cancellationToken);
}
